package org.sw4j.inspector.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.sw4j.agent.UserAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inspector's HTTP side: a Jetty server on a loopback address serving the page and the JSON
 * API. It checks, in order: the {@code Host} (a loopback name and this port, against DNS
 * rebinding), the token (bearer header or the cookie the page gets from {@code /?token=}), and for
 * POSTs the {@code Origin} (this listener's, against cross-site requests). Every failure is a JSON
 * {@code {error, message}} with the status {@link ApiError} gives.
 */
public final class InspectorServer {
    private static final Logger LOG = LoggerFactory.getLogger(InspectorServer.class);
    static final String COOKIE = "sw4j-inspector-token";
    /** The largest request body an action reads. */
    private static final int MAX_BODY = 64 * 1024;
    /** A declared body up to this long that is over {@link #MAX_BODY} is read and dropped before the 413. */
    private static final int DRAINED_BODY = 1024 * 1024;
    /** How often an idle event stream sends a comment, so dead connections are noticed. */
    private static final long KEEPALIVE_MILLIS = 15_000;
    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");
    private static final Map<String, String> PAGE_FILES = Map.of(
            "/", "index.html",
            "/inspector.css", "inspector.css",
            "/inspector.js", "inspector.js");

    private final UserAgent agent;
    private final InetAddress host;
    private final int requestedPort;
    private final String token;
    private final ObjectMapper json = new ObjectMapper();
    private final EventFeed feed;
    private final InspectorApi api;
    private final AtomicBoolean started = new AtomicBoolean();
    private Server server;
    private ServerConnector connector;
    /** The agent's listeners feeding this inspector, removed when it closes (the agent may outlive it). */
    private final java.util.function.Consumer<org.sw4j.agent.FetchRecord> fetchListener;
    private final java.util.function.Consumer<org.sw4j.agent.LifecycleEvent> lifecycleListener;

    public InspectorServer(UserAgent agent, InetAddress host, int port, String token, int fetchHistory) {
        if (!host.isLoopbackAddress()) {
            throw new IllegalArgumentException("the inspector binds to loopback only, not " + host);
        }
        this.agent = agent;
        this.host = host;
        this.requestedPort = port;
        this.token = token;
        this.feed = new EventFeed(fetchHistory, 16);
        this.fetchListener = feed::fetch;
        this.lifecycleListener = event -> feed.publish(new EventFeed.Event("lifecycle", InspectorApi.lifecycle(event)));
        this.api = new InspectorApi(agent, feed);
    }

    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the inspector is already started");
        }
        agent.onFetch(fetchListener);
        agent.onLifecycleEvent(lifecycleListener);
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost(host.getHostAddress());
        connector.setPort(requestedPort);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback);
                return true;
            }
        });
        server.setStopTimeout(2_000);
        try {
            server.start();
        } catch (Exception e) {
            throw new UncheckedIOException(new IOException("the inspector cannot listen on "
                    + host.getHostAddress() + ":" + requestedPort + ": " + e.getMessage(), e));
        }
        LOG.info("inspector listening on {}", baseUrl());
    }

    public String baseUrl() {
        String address = host.getHostAddress();
        return "http://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + port();
    }

    public int port() {
        if (connector == null) {
            throw new IllegalStateException("the inspector is not started");
        }
        return connector.getLocalPort();
    }

    public String token() {
        return token;
    }

    public void close() {
        agent.removeFetchListener(fetchListener);
        agent.removeLifecycleListener(lifecycleListener);
        feed.close();
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.warn("the inspector did not stop cleanly", e);
            }
        }
    }

    // ------------------------------------------------------------------------ requests

    private void serve(Request request, Response response, Callback callback) {
        try {
            checkHost(request);
            String path = request.getHttpURI().getDecodedPath();
            String method = request.getMethod();
            if (!path.startsWith("/api/")) {
                page(request, response, callback, path, method);
                return;
            }
            if (!authorized(request)) {
                throw ApiError.unauthorized();
            }
            if (path.equals("/api/events")) {
                requireMethod(method, "GET", path);
                events(response, callback);
                return;
            }
            Object body = switch (method) {
                case "GET" -> get(path, Request.extractQueryParameters(request, StandardCharsets.UTF_8));
                case "POST" -> {
                    checkOrigin(request);
                    yield post(path, readJson(request));
                }
                default -> throw ApiError.methodNotAllowed(method + " is not supported; the API has GET and POST");
            };
            if (body == null) {
                response.setStatus(204);
                noStore(response);
                callback.succeeded();
            } else {
                send(response, callback, 200, body);
            }
        } catch (ApiError e) {
            if (e.status() >= 500) {
                LOG.warn("inspector {} {}: {}", request.getMethod(), request.getHttpURI().getPath(), e.getMessage());
            }
            send(response, callback, e.status(), Map.of("error", e.error(), "message", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("inspector {} {} failed", request.getMethod(), request.getHttpURI().getPath(), e);
            send(response, callback, 500, Map.of("error", "internal", "message", String.valueOf(e)));
        }
    }

    private Object get(String path, Fields query) {
        return switch (path) {
            case "/api/registrations" -> api.registrations();
            case "/api/clients" -> api.clients();
            case "/api/storage" -> api.storage();
            case "/api/caches" -> api.caches(parameter(query, "origin"));
            case "/api/caches/entries" -> api.entries(parameter(query, "origin"), parameter(query, "cache"));
            case "/api/caches/entry" -> api.entry(parameter(query, "origin"), parameter(query, "cache"),
                    parameter(query, "url"), idParameter(query));
            case "/api/fetches" -> api.fetches();
            case "/api/network" -> api.network();
            default -> throw isPostRoute(path) ? ApiError.methodNotAllowed(path + " takes POST")
                    : ApiError.notFound("no route " + path);
        };
    }

    private static boolean isPostRoute(String path) {
        return switch (path) {
            case "/api/registrations/update", "/api/registrations/skip-waiting", "/api/registrations/unregister",
                    "/api/workers/stop", "/api/caches/delete", "/api/caches/entry/delete", "/api/storage/clear",
                    "/api/network" -> true;
            default -> false;
        };
    }

    private Object post(String path, JsonNode body) {
        switch (path) {
            case "/api/registrations/update":
                return api.update(body);
            case "/api/registrations/skip-waiting":
                return api.skipWaiting(body);
            case "/api/registrations/unregister":
                return api.unregister(body);
            case "/api/workers/stop":
                return api.stopWorker(body);
            case "/api/caches/delete":
                api.deleteCache(body);
                return null;
            case "/api/caches/entry/delete":
                api.deleteEntry(body);
                return null;
            case "/api/storage/clear":
                return api.clearSiteData(body);
            case "/api/network":
                return api.setNetwork(body);
            default:
                throw ApiError.notFound("no route " + path);
        }
    }

    private static String parameter(Fields query, String name) {
        String value = query.getValue(name);
        if (value == null || value.isEmpty()) {
            throw ApiError.badRequest("the query parameter '" + name + "' is required");
        }
        return value;
    }

    private static Long idParameter(Fields query) {
        String value = query.getValue("id");
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("the query parameter 'id' must be an entry id (a number)");
        }
    }

    private static void requireMethod(String method, String expected, String path) {
        if (!method.equals(expected)) {
            throw ApiError.methodNotAllowed(path + " takes " + expected);
        }
    }

    private JsonNode readJson(Request request) {
        long declared = request.getLength();
        if (declared > DRAINED_BODY) {
            throw ApiError.tooLarge("a request body is at most " + MAX_BODY + " bytes");
        }
        byte[] bytes;
        try (InputStream in = Content.Source.asInputStream(request)) {
            bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY && declared >= 0) {
                // Read to its end (bounded), so that the client, still sending, gets the 413 on a
                // connection that stays open rather than one closed under it.
                in.skip(declared - bytes.length);
            }
        } catch (IOException e) {
            throw ApiError.badRequest("cannot read the request body: " + e.getMessage());
        }
        if (bytes.length > MAX_BODY) {
            throw ApiError.tooLarge("a request body is at most " + MAX_BODY + " bytes");
        }
        if (bytes.length == 0) {
            throw ApiError.badRequest("an action needs a JSON object body");
        }
        JsonNode node;
        try {
            node = json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiError.badRequest("cannot read the request body: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest("an action needs a JSON object body");
        }
        return node;
    }

    // ------------------------------------------------------------------------ checks

    /** Only loopback names with this port: a page of another site whose name was rebound to 127.0.0.1 fails here. */
    private void checkHost(Request request) {
        String hostHeader = request.getHeaders().get(HttpHeader.HOST);
        if (hostHeader == null || !isSelf(hostHeader)) {
            throw ApiError.forbidden("the Host '" + hostHeader + "' is not this inspector's loopback address");
        }
    }

    private boolean isSelf(String authority) {
        String name = authority;
        String port = null;
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && colon > authority.lastIndexOf(']')) {
            name = authority.substring(0, colon);
            port = authority.substring(colon + 1);
        }
        return LOOPBACK_NAMES.contains(name.toLowerCase(java.util.Locale.ROOT))
                && (port == null || port.equals(Integer.toString(port())));
    }

    /** A POST from a browser carries its page's Origin: only this inspector's own page may act. */
    private void checkOrigin(Request request) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        boolean bearer = bearerToken(request) != null;
        if (origin == null) {
            if (!bearer) {
                throw ApiError.forbidden("a POST with the cookie needs an Origin header");
            }
            return;
        }
        if (!origin.startsWith("http://") || !isSelf(origin.substring("http://".length()))) {
            throw ApiError.forbidden("the Origin '" + origin + "' may not act on this inspector");
        }
    }

    private boolean authorized(Request request) {
        String given = bearerToken(request);
        if (given == null) {
            for (HttpCookie cookie : Request.getCookies(request)) {
                if (cookie.getName().equals(COOKIE)) {
                    given = cookie.getValue();
                }
            }
        }
        return given != null && matches(given);
    }

    private boolean matches(String given) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    private static String bearerToken(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        return null;
    }

    // ------------------------------------------------------------------------ the page

    /**
     * Serves the page's files. {@code /?token=...} with the right token sets the cookie and
     * redirects to {@code /}, so the token leaves the address bar and the history.
     */
    private void page(Request request, Response response, Callback callback, String path, String method) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw ApiError.methodNotAllowed("the page takes GET");
        }
        String file = PAGE_FILES.get(path);
        if (file == null) {
            throw ApiError.notFound("no page " + path);
        }
        if (path.equals("/")) {
            String given = Request.extractQueryParameters(request, StandardCharsets.UTF_8).getValue("token");
            if (given != null && matches(given)) {
                response.setStatus(303);
                response.getHeaders().put(HttpHeader.LOCATION, "/");
                Response.addCookie(response, HttpCookie.build(COOKIE, token).path("/").httpOnly(true)
                        .sameSite(HttpCookie.SameSite.STRICT).build());
                noStore(response);
                callback.succeeded();
                return;
            }
        }
        byte[] bytes;
        try (InputStream in = InspectorServer.class.getResourceAsStream("/org/sw4j/inspector/page/" + file)) {
            if (in == null) {
                throw ApiError.internal("the page's file " + file + " is missing from the jar");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw ApiError.internal("cannot read the page's file " + file);
        }
        String type = file.endsWith(".html") ? "text/html; charset=utf-8"
                : file.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.getHeaders().put("Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        noStore(response);
        response.write(true, method.equals("HEAD") ? ByteBuffer.allocate(0) : ByteBuffer.wrap(bytes), callback);
    }

    // ------------------------------------------------------------------------ responses

    private void send(Response response, Callback callback, int status, Object body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            status = 500;
            bytes = ("{\"error\":\"internal\",\"message\":\"cannot write JSON\"}").getBytes(StandardCharsets.UTF_8);
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        noStore(response);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    private static void noStore(Response response) {
        response.getHeaders().put(new HttpField(HttpHeader.CACHE_CONTROL, "no-store"));
    }

    /**
     * {@code /api/events}: Server-Sent Events ({@code fetch} and {@code lifecycle}) until the
     * client goes or the inspector closes. Blocks this request's thread; the feed bounds how many.
     */
    private void events(Response response, Callback callback) {
        BlockingQueue<EventFeed.Event> queue = feed.subscribe();
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        noStore(response);
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            out.write(": sw4j inspector\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                EventFeed.Event event = EventFeed.next(queue, KEEPALIVE_MILLIS);
                if (event == EventFeed.END) {
                    break;
                }
                String text = event == null ? ": keepalive\n\n"
                        : "event: " + event.name() + "\ndata: " + json.writeValueAsString(event.data()) + "\n\n";
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            callback.succeeded();
        } catch (IOException e) {
            callback.failed(e); // the page went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.failed(e);
        } finally {
            feed.unsubscribe(queue);
        }
    }
}
