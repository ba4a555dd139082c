package org.sw4j.proxy.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sw4j.agent.FetchRecord;
import org.sw4j.agent.UserAgent;
import org.sw4j.core.engine.ServiceWorkerClient;
import org.sw4j.core.spi.FetchCall;
import org.sw4j.core.spi.FetchEnvironment;
import org.sw4j.core.spi.FetchEventResult;
import org.sw4j.core.spi.FetchOutcome;
import org.sw4j.proxy.ServiceWorkerProxy.Options;
import org.sw4j.webapi.fetch.Body;
import org.sw4j.webapi.fetch.BodySource;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.FetchResponse;
import org.sw4j.webapi.fetch.HeaderList;
import org.sw4j.webapi.fetch.Referrer;
import org.sw4j.webapi.fetch.RequestCredentials;
import org.sw4j.webapi.fetch.RequestDestination;
import org.sw4j.webapi.fetch.RequestDuplex;
import org.sw4j.webapi.fetch.RequestMode;
import org.sw4j.webapi.fetch.RequestRedirect;
import org.sw4j.webapi.url.Url;

/**
 * One request through the proxy: mapped to the origin's URL, attributed to a client, answered by
 * Handle Fetch or the origin, streamed back. What Handle Fetch decides at once (a static route's
 * cache hit with Cache Storage in memory) is answered on the thread that parsed the request; the
 * rest runs on a virtual thread and blocks there. Bodies stream both ways with the connection's
 * backpressure, never whole in memory.
 *
 * <p>The one place that maps failures to HTTP statuses: a bad URL is 400; the worker's network
 * error 502; an origin that cannot be reached 502; no response head from the origin (or the
 * worker) within the origin timeout 504.
 */
final class ProxyHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger("sw4j.proxy");

    /** Request fields the fetch sets itself, or that name the hop to the proxy rather than the origin. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "accept-encoding", "origin",
            "referer", "via", "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto",
            "sec-fetch-mode", "sec-fetch-site", "sec-fetch-dest", "sec-fetch-user", "expect");

    /** The largest body at hand sent in one write with its head; longer ones stream. */
    private static final long ONE_WRITE = 256 * 1024;

    private final Options options;
    private final UserAgent agent;
    private final ProxyClients clients;
    private final SiteRoutes routes;
    private final AccessLog access;
    private volatile Forwarded lastForwarded;
    /** Each site's origin URL, parsed (with the path "/"). */
    private final java.util.Map<String, Url> originUrls = new java.util.concurrent.ConcurrentHashMap<>();

    /** A {@code Forwarded} element and what it was made of. */
    private record Forwarded(String clientAddress, String host, String proto, String element) {
    }

    ProxyHandler(Options options, UserAgent agent, ProxyClients clients) {
        this.options = options;
        this.agent = agent;
        this.clients = clients;
        this.access = new AccessLog();
        addBean(access); // started and stopped with this handler
        this.routes = new SiteRoutes(options.sites());
    }

    /** Who produced a response, in the access log's words. */
    private enum AnsweredBy {
        WORKER("worker", org.sw4j.agent.Response.ServedBy.SERVICE_WORKER),
        CACHE_ROUTE("cache-route", org.sw4j.agent.Response.ServedBy.CACHE_ROUTE),
        NETWORK("network", org.sw4j.agent.Response.ServedBy.NETWORK),
        PROXY("proxy", null);

        final String logName;
        final org.sw4j.agent.Response.ServedBy servedBy;

        AnsweredBy(String logName, org.sw4j.agent.Response.ServedBy servedBy) {
            this.logName = logName;
            this.servedBy = servedBy;
        }
    }

    /** What to send back: a response from the worker or the origin, or the proxy's own error. */
    private record Answer(AnsweredBy by, FetchResponse response, int errorStatus, String error) {
        static Answer of(AnsweredBy by, FetchResponse response) {
            return new Answer(by, response, 0, null);
        }

        static Answer error(int status, String message) {
            return new Answer(AnsweredBy.PROXY, null, status, message);
        }

        int status() {
            return response != null ? response.status() : errorStatus;
        }
    }

    /**
     * Non-blocking as Jetty sees it: {@link #handle} runs on the thread that parsed the request and
     * never blocks there. A request Handle Fetch decides at once is answered on that thread;
     * everything else moves to a virtual thread of its own, where waiting for the worker, the origin
     * and bodies blocks. (Jetty on platform threads for the first, 20% more cache-route requests per
     * second than a virtual thread for every request: bench/README.md.)
     */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    /** One request on its way through the proxy: what {@link #handle} worked out before answering. */
    private record Exchange(Request request, Response response, Callback callback, Instant at, long start,
            SiteRoutes.Route route, Url target, FetchRequest fetchRequest, boolean navigation, boolean inScope,
            String cookieClient, Url referrer, String publicOrigin) {
        String upstreamOrigin() {
            return route.site().origin();
        }
    }

    /**
     * Maps the request to the origin's URL and builds its fetch; a subresource of a controlled
     * client whose Handle Fetch ends without blocking (a static route's cache hit, with Cache
     * Storage in memory) is answered here, when its body is at hand; anything else continues on a
     * virtual thread ({@link #handleBlocking}).
     */
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Instant at = Instant.now();
        long start = System.nanoTime();
        HttpURI uri = request.getHttpURI();
        String pathQuery = uri.getPathQuery();
        Url target;
        SiteRoutes.Route route;
        try {
            if (pathQuery == null || !pathQuery.startsWith("/")) {
                throw new IllegalArgumentException("not a path: " + pathQuery);
            }
            Optional<SiteRoutes.Route> found = routes.route(uri.getHost(), pathQuery);
            if (found.isEmpty()) {
                sendError(response, callback, 404, "no site here for host " + uri.getHost() + " and path " + uri.getPath());
                access.info("{} {} proxy 404 {}ms (no site)", request.getMethod(), pathQuery, millis(start));
                return true;
            }
            route = found.get();
            target = upstreamUrl(route);
        } catch (IllegalArgumentException e) {
            sendError(response, callback, 400, "bad request URL: " + e.getMessage());
            access.info("{} {} proxy 400 {}ms", request.getMethod(), pathQuery, millis(start));
            return true;
        }
        // The site as the browser sees it: a path-prefix site's URLs carry the prefix.
        String publicOrigin = uri.getScheme() + "://" + uri.getAuthority() + route.publicPrefix();
        HttpFields headers = request.getHeaders();
        boolean navigation = isNavigation(request.getMethod(), headers);
        boolean inScope = target.pathname().startsWith(route.site().scope());
        String cookieClient = cookie(request, ProxyClients.COOKIE);
        Url referrer = referrer(headers.get("Referer"), publicOrigin, route.site().origin());
        Exchange exchange = new Exchange(request, response, callback, at, start, route, target,
                fetchRequest(request, target, navigation, referrer), navigation, inScope, cookieClient, referrer,
                publicOrigin);
        if (inScope && !navigation && exchange.fetchRequest().body() == null) {
            Optional<ServiceWorkerClient> client = attribute(exchange);
            if (client.isPresent()) {
                Optional<FetchEventResult> decided = agent.context()
                        .handleFetchWithoutBlocking(exchange.fetchRequest(), client.get());
                if (decided.isPresent() && decided.get() instanceof FetchEventResult.Responded responded
                        && sendsWithoutBlocking(responded.response())) {
                    finish(exchange, answer(responded), null, null, client.get());
                    return true;
                }
                onVirtualThread(exchange, () -> answerDecided(exchange, client.get(), decided.orElse(null)));
                return true;
            }
        }
        onVirtualThread(exchange, () -> handleBlocking(exchange));
        return true;
    }

    /** Runs {@code work} on a virtual thread; a failure it did not expect fails the exchange (a 500, or an abort once sent). */
    private static void onVirtualThread(Exchange exchange, Runnable work) {
        Thread.ofVirtual().name("sw4j-request").start(() -> {
            try {
                work.run();
            } catch (RuntimeException | Error e) {
                LOG.warn("the request for {} failed", exchange.target().href(), e);
                exchange.callback().failed(e);
            }
        });
    }

    /** The open client a subresource belongs to, of this site (a cookie sent to another host does not count). */
    private Optional<ServiceWorkerClient> attribute(Exchange exchange) {
        return clients.attribute(exchange.cookieClient(), exchange.referrer())
                .filter(c -> c.url().origin().equals(exchange.upstreamOrigin()));
    }

    /** Whether {@link #send} can send this response without blocking: no body, or all of it at hand and small. */
    private static boolean sendsWithoutBlocking(FetchResponse response) {
        Body body = response.unfiltered().body();
        return body == null || (body.length() >= 0 && body.length() <= ONE_WRITE && body.stream().hasArrived());
    }

    /** A subresource of {@code client} whose Handle Fetch ended at once ({@code decided}) or has yet to run (null). */
    private void answerDecided(Exchange exchange, ServiceWorkerClient client, FetchEventResult decided) {
        Answer answer = decided == null
                ? handleFetch(exchange.request(), exchange.fetchRequest(), client, null, null, client.url())
                : answer(decided, exchange.fetchRequest(), client.url());
        finish(exchange, answer, null, null, client);
    }

    /** The rest of {@link #handle} for a request that may block: runs on a virtual thread. */
    private void handleBlocking(Exchange exchange) {
        ServiceWorkerClient reserved = null;
        ServiceWorkerClient replaced = null;
        ServiceWorkerClient client = null;
        Answer answer;
        if (!exchange.inScope()) {
            answer = network(exchange.fetchRequest(), exchange.target());
        } else if (exchange.navigation()) {
            replaced = clients.open(exchange.cookieClient()).orElse(null);
            reserved = clients.reserve(exchange.target());
            answer = handleFetch(exchange.request(), exchange.fetchRequest(), null, reserved, replaced,
                    exchange.target());
        } else {
            Optional<ServiceWorkerClient> attributed = attribute(exchange);
            if (attributed.isPresent()) {
                client = attributed.get();
                answer = handleFetch(exchange.request(), exchange.fetchRequest(), client, null, null, client.url());
            } else {
                // No client: as in a browser, a subresource of no controlled page is not intercepted.
                answer = network(exchange.fetchRequest(), exchange.target());
            }
        }
        finish(exchange, answer, reserved, replaced, client);
    }

    /** Records the answer (the navigation's client, the inspector's fetch record), sends it, logs it. */
    private void finish(Exchange exchange, Answer answer, ServiceWorkerClient reserved, ServiceWorkerClient replaced,
            ServiceWorkerClient client) {
        Request request = exchange.request();
        Url target = exchange.target();
        if (reserved != null) {
            if (answer.response() != null) {
                Url responseUrl = answer.response().url() != null ? answer.response().url() : target;
                clients.navigated(reserved, replaced, responseUrl);
            } else {
                clients.failed(reserved);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - exchange.start());
        String clientId = reserved != null ? reserved.id() : client != null ? client.id() : "";
        agent.reportFetch(new FetchRecord(exchange.at(), clientId, request.getMethod(), target.href(),
                exchange.navigation(), answer.by().servedBy, answer.response() != null ? answer.status() : 0, took,
                answer.response() != null ? null : answer.error()));
        SiteRoutes.Route route = exchange.route();
        String setCookie = reserved != null && answer.response() != null
                ? ProxyClients.COOKIE + "=" + reserved.id() + "; Path=" + route.publicPrefix() + route.site().scope()
                        + "; HttpOnly; SameSite=Lax"
                        + (request.getHttpURI().getScheme().equals("https") ? "; Secure" : "")
                : null;
        boolean complete = send(request, exchange.response(), exchange.callback(), answer, exchange.upstreamOrigin(),
                exchange.publicOrigin(), route.publicPrefix(), setCookie);
        access.info("{} {} {} {} {}ms{}", request.getMethod(), target.href(), answer.by().logName, answer.status(),
                millis(exchange.start()),
                answer.error() != null ? " (" + answer.error() + ")" : complete ? "" : " (body failed)");
    }

    /**
     * The origin timeout of one Handle Fetch: {@link #expire()} (the timer) interrupts the waiting
     * thread unless it finished first; {@link #expired()} (that thread, after the timer is
     * cancelled) tells whether it did, clearing the interrupt it caused.
     */
    private static final class Deadline {
        private static final int RUNNING = 0;
        private static final int FINISHED = 1;
        private static final int EXPIRING = 2;
        private static final int EXPIRED = 3;
        private final Thread waiter;
        private final java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger();

        Deadline(Thread waiter) {
            this.waiter = waiter;
        }

        void expire() {
            if (state.compareAndSet(RUNNING, EXPIRING)) {
                waiter.interrupt();
                state.set(EXPIRED);
            }
        }

        /** Called once the work is over: whether the deadline passed first. */
        boolean expired() {
            if (state.compareAndSet(RUNNING, FINISHED) || state.get() == FINISHED) {
                return false;
            }
            while (state.get() != EXPIRED) {
                Thread.onSpinWait(); // the timer is between its decision and its interrupt
            }
            Thread.interrupted();
            return true;
        }
    }

    /**
     * The origin's URL for a route: the path and query parsed against the site's origin (parsed
     * once), which skips parsing the scheme and host of every request; a path starting with two
     * slashes (or a slash and a backslash) is parsed as part of the whole URL, where it stays a path.
     */
    private Url upstreamUrl(SiteRoutes.Route route) {
        String origin = route.site().origin();
        String pathQuery = route.upstreamPathQuery();
        if (pathQuery.length() > 1 && (pathQuery.charAt(1) == '/' || pathQuery.charAt(1) == '\\')) {
            return Url.parse(origin + pathQuery);
        }
        return Url.parse(pathQuery, originUrls.computeIfAbsent(origin, o -> Url.parse(o + "/")));
    }

    private static long millis(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** A navigation: {@code Sec-Fetch-Mode: navigate}, or, from a client that sends no Sec-Fetch-*, a GET for HTML. */
    static boolean isNavigation(String method, HttpFields headers) {
        String mode = headers.get("Sec-Fetch-Mode");
        if (mode != null) {
            return mode.trim().equalsIgnoreCase("navigate");
        }
        String accept = headers.get("Accept");
        return method.equals("GET") && accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
    }

    private static Url referrer(String referer, String publicOrigin, String upstreamOrigin) {
        if (referer == null) {
            return null;
        }
        String mapped = ForwardedHeaders.rewrite(referer, publicOrigin, upstreamOrigin);
        return Url.tryParse(mapped, null).filter(u -> u.origin().equals(upstreamOrigin)).orElse(null);
    }

    private static String cookie(Request request, String name) {
        for (String value : request.getHeaders().getValuesList("Cookie")) {
            for (String pair : value.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                    return pair.substring(eq + 1).trim();
                }
            }
        }
        return null;
    }

    /**
     * The request as the worker and the origin see it: the origin's URL, the browser's fields but
     * hop-by-hop ones, {@code Via} and {@code Forwarded}, the body streaming from the connection.
     * Credentials mode "omit": the browser's own {@code Cookie} field goes through as sent, and the
     * agent's cookie jar (shared by every browser behind the proxy) is neither read nor filled.
     * Redirect mode "manual": a redirect goes back to the browser, rewritten.
     */
    private FetchRequest fetchRequest(Request request, Url target, boolean navigation, Url referrer) {
        FetchRequest fetch = new FetchRequest(target);
        fetch.setMethod(request.getMethod());
        HttpFields fields = request.getHeaders();
        Set<String> skip = ForwardedHeaders.hopByHop(fields.getValuesList("Connection"));
        HeaderList list = fetch.headerList();
        for (HttpField field : fields) {
            String name = field.getLowerCaseName();
            if (skip.contains(name) || NOT_FORWARDED.contains(name) || field.getValue() == null) {
                continue;
            }
            try {
                list.append(field.getName(), field.getValue());
            } catch (IllegalArgumentException e) {
                LOG.debug("dropped the request field {}: {}", field.getName(), e.getMessage());
            }
        }
        String via = fields.get("Via");
        list.append("Via", via == null ? ForwardedHeaders.VIA : via + ", " + ForwardedHeaders.VIA);
        String clientAddress = Request.getRemoteAddr(request);
        String host = request.getHttpURI().getAuthority();
        String proto = request.getHttpURI().getScheme();
        String forwarded = fields.get("Forwarded");
        Forwarded last = lastForwarded;
        if (last == null || !last.clientAddress().equals(clientAddress) || !last.host().equals(host)
                || !last.proto().equals(proto)) {
            last = new Forwarded(clientAddress, host, proto, ForwardedHeaders.forwarded(clientAddress, host, proto));
            lastForwarded = last; // most requests come from the client and to the host the last one did
        }
        String element = last.element();
        list.append("Forwarded", forwarded == null ? element : forwarded + ", " + element);
        String xff = fields.get("X-Forwarded-For");
        list.append("X-Forwarded-For", xff == null ? clientAddress : xff + ", " + clientAddress);
        list.append("X-Forwarded-Host", host);
        list.append("X-Forwarded-Proto", proto);
        fetch.setMode(navigation ? RequestMode.NAVIGATE : RequestMode.SAME_ORIGIN);
        fetch.setDestination(navigation ? RequestDestination.DOCUMENT : RequestDestination.EMPTY);
        fetch.setCredentials(RequestCredentials.OMIT);
        fetch.setRedirect(RequestRedirect.MANUAL);
        fetch.setOrigin(target.originValue());
        fetch.setClientOrigin(target.originValue());
        fetch.setReferrer(referrer != null ? new Referrer.UrlReferrer(referrer) : Referrer.NO_REFERRER);
        long length = request.getLength();
        boolean hasBody = length > 0 || (length < 0 && fields.contains("Transfer-Encoding"));
        if (hasBody) {
            fetch.setBody(new Body(new RequestBodySource(Content.Source.asInputStream(request), length), length, true));
            fetch.setDuplex(RequestDuplex.HALF);
        }
        return fetch;
    }

    /**
     * Handle Fetch on this request's thread, bounded by the origin timeout (a timer interrupts the
     * wait: Handle Fetch then gives up on the worker, which goes on with its event); then the origin
     * when the worker does not answer.
     */
    private Answer handleFetch(Request httpRequest, FetchRequest request, ServiceWorkerClient client,
            ServiceWorkerClient reserved, ServiceWorkerClient replaced, Url clientUrl) {
        FetchRequest forNetwork = request.clone();
        forNetwork.setBody(request.body());
        Deadline deadline = new Deadline(Thread.currentThread());
        Scheduler.Task timer = httpRequest.getComponents().getScheduler()
                .schedule(deadline::expire, options.originTimeout().toMillis(), TimeUnit.MILLISECONDS);
        FetchEventResult answer;
        try {
            answer = agent.context().handleFetch(request, client, reserved, replaced);
        } catch (RuntimeException e) {
            LOG.warn("Handle Fetch failed for {}", request.url().href(), e);
            answer = null;
            if (!deadline.expired()) {
                return Answer.error(502, "the service worker failed: " + e);
            }
        } finally {
            timer.cancel();
        }
        if (deadline.expired() && !(answer instanceof FetchEventResult.Responded)) {
            return Answer.error(504, "the service worker did not answer within " + describe(options.originTimeout()));
        }
        if (Thread.currentThread().isInterrupted()) {
            return Answer.error(503, "the proxy is shutting down");
        }
        return answer(answer, forNetwork, clientUrl);
    }

    /**
     * What Handle Fetch's result means for the browser: the response, a 502 for a network error, or
     * the origin's response for a fallback ({@code forNetwork} fetched for {@code clientUrl}, or
     * the navigation preload's). Blocks for a fallback.
     */
    private Answer answer(FetchEventResult result, FetchRequest forNetwork, Url clientUrl) {
        return switch (result) {
            case FetchEventResult.Responded responded -> answer(responded);
            case FetchEventResult.NetworkError error ->
                    Answer.error(502, "the service worker answered with a network error: " + error.reason());
            case FetchEventResult.Fallback fallback when fallback.navigationPreload().isPresent() ->
                    awaitNetwork(fallback.navigationPreload().get());
            case FetchEventResult.Fallback fallback -> network(forNetwork, clientUrl);
        };
    }

    private static Answer answer(FetchEventResult.Responded responded) {
        return Answer.of(switch (responded.answeredBy()) {
            case FETCH_EVENT -> AnsweredBy.WORKER;
            case CACHE_ROUTE -> AnsweredBy.CACHE_ROUTE;
            case NETWORK -> AnsweredBy.NETWORK;
        }, responded.response());
    }

    /** The origin, without the worker. */
    private Answer network(FetchRequest request, Url clientUrl) {
        request.setServiceWorkersMode(FetchRequest.ServiceWorkersMode.NONE);
        return awaitNetwork(agent.fetcher().fetch(request, FetchEnvironment.forScript(clientUrl, agent.userAgentString())));
    }

    private Answer awaitNetwork(FetchCall call) {
        CompletableFuture<FetchOutcome> outcome = new CompletableFuture<>();
        call.whenResponse(outcome::complete);
        FetchOutcome received;
        try {
            received = outcome.get(options.originTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.abort();
            return Answer.error(504, "origin timeout: no response within " + describe(options.originTimeout()));
        } catch (ExecutionException e) {
            return Answer.error(502, "origin unreachable: " + e.getCause());
        } catch (InterruptedException e) {
            call.abort();
            Thread.currentThread().interrupt();
            return Answer.error(503, "the proxy is shutting down");
        }
        if (received.isNetworkError()) {
            String reason = received.failureReason();
            if (reason.contains("timed out") || reason.startsWith("no response within")) {
                return Answer.error(504, "origin timeout: " + reason);
            }
            return Answer.error(502, "origin unreachable: " + reason);
        }
        return Answer.of(AnsweredBy.NETWORK, received.response());
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** Streams the answer back; false when its body failed midway (the connection is then aborted). */
    private boolean send(Request request, Response response, Callback callback, Answer answer, String upstreamOrigin,
            String publicOrigin, String publicPrefix, String setCookie) {
        if (answer.response() == null) {
            sendError(response, callback, answer.errorStatus(), answer.error());
            return true;
        }
        // The internal response: a proxy passes on what the script's filtered view hides (Set-Cookie,
        // a manual redirect's Location).
        FetchResponse fetched = answer.response().unfiltered();
        HttpFields.Mutable out = response.getHeaders();
        HeaderList fields = fetched.headerList();
        // Bodies from the network arrive decoded (fetch decodes content codings): the coding and
        // the coded length no longer describe them.
        String coding = fields.get("Content-Encoding");
        boolean decoded = coding != null && !coding.trim().equalsIgnoreCase("identity");
        boolean[] dated = new boolean[1];
        ForwardedHeaders.toClient(fields, upstreamOrigin, publicOrigin, publicPrefix, (name, lowerCaseName, value) -> {
            if (lowerCaseName.equals("content-length") || (decoded && lowerCaseName.equals("content-encoding"))) {
                return;
            }
            dated[0] |= lowerCaseName.equals("date");
            out.add(name, value);
        });
        out.add("Via", ForwardedHeaders.VIA);
        if (!dated[0]) {
            out.put(org.eclipse.jetty.http.HttpHeader.DATE, org.eclipse.jetty.http.DateGenerator.formatDate(
                    System.currentTimeMillis()));
        }
        if (setCookie != null) {
            out.add("Set-Cookie", setCookie);
        }
        int status = fetched.status();
        response.setStatus(status);
        Body body = fetched.body();
        boolean noBody = request.getMethod().equals("HEAD") || FetchResponse.isNullBodyStatus(status);
        if (body == null || noBody) {
            if (body != null) {
                body.stream().close();
            }
            if (!noBody) {
                out.put("Content-Length", "0");
            }
            callback.succeeded();
            return true;
        }
        if (body.length() >= 0) {
            out.put("Content-Length", Long.toString(body.length()));
        }
        if (body.length() >= 0 && body.length() <= ONE_WRITE && body.stream().hasArrived()) {
            // All of it at hand (a cached or small body): head and body go out in one write.
            ByteBuffer all;
            try (BodySource source = body.stream()) {
                all = readAll(source, (int) body.length());
            } catch (IOException e) {
                LOG.warn("the body of {} failed: {}", fetched.url(), e.toString(), e);
                callback.failed(e);
                return false;
            }
            response.write(true, all, callback);
            return true;
        }
        try (BodySource source = body.stream(); OutputStream stream = Content.Sink.asOutputStream(response)) {
            for (ByteBuffer chunk = source.read(); chunk != null; chunk = source.read()) {
                if (chunk.hasArray()) {
                    stream.write(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
                } else {
                    byte[] bytes = new byte[chunk.remaining()];
                    chunk.get(bytes);
                    stream.write(bytes);
                }
            }
        } catch (IOException e) {
            LOG.warn("the body of {} failed: {}", fetched.url(), e.toString(), e);
            callback.failed(e);
            return false;
        }
        callback.succeeded();
        return true;
    }

    /** A source's rest, known to be {@code length} bytes: its one chunk as it is, or the chunks copied together. */
    private static ByteBuffer readAll(BodySource source, int length) throws IOException {
        ByteBuffer first = source.read();
        if (first == null) {
            return ByteBuffer.allocate(0);
        }
        ByteBuffer next = source.read();
        if (next == null) {
            return first;
        }
        ByteBuffer all = ByteBuffer.allocate(Math.max(length, first.remaining() + next.remaining()));
        all.put(first).put(next);
        for (ByteBuffer chunk = source.read(); chunk != null; chunk = source.read()) {
            if (chunk.remaining() > all.remaining()) {
                all = ByteBuffer.allocate(all.position() + chunk.remaining()).put(all.flip());
            }
            all.put(chunk);
        }
        return all.flip();
    }

    private static void sendError(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        response.getHeaders().put("Content-Type", "text/plain; charset=utf-8");
        response.getHeaders().put("Via", ForwardedHeaders.VIA);
        response.getHeaders().put("Cache-Control", "no-store");
        response.getHeaders().put(org.eclipse.jetty.http.HttpHeader.DATE, org.eclipse.jetty.http.DateGenerator.formatDate(
                System.currentTimeMillis()));
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put("Content-Length", Integer.toString(body.length));
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
