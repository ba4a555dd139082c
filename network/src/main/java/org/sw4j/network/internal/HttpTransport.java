package org.sw4j.network.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.sw4j.network.Call;
import org.sw4j.network.HeaderFields;
import org.sw4j.network.HttpVersion;
import org.sw4j.network.NetworkException;
import org.sw4j.network.NetworkRequest;
import org.sw4j.network.NetworkResponse;
import org.sw4j.webapi.fetch.BodySource;
import org.sw4j.webapi.url.Url;

/**
 * The last step of every chain: one exchange over Jetty's {@link HttpClient}, configured to do
 * nothing on its own: no redirects, no cookies, no content decoding, no authentication, no
 * {@code User-Agent}, {@code Accept-Encoding} or {@code Content-Type} of its own.
 *
 * <p>The response head completes a future the calling thread waits on; the body is then read by
 * {@link StreamingBody} straight from Jetty's demand-driven {@link Content.Source}, so nothing is
 * buffered beyond the connection's own network buffer.
 */
public final class HttpTransport implements AutoCloseable {
    /**
     * Fields the transport sets itself from the URL and the body, or that would make Jetty change
     * protocol ({@code Upgrade}, {@code Expect: 100-continue}) or connection handling; dropped from
     * requests.
     */
    static final Set<String> MANAGED_HEADERS = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        MANAGED_HEADERS.addAll(List.of("host", "content-length", "transfer-encoding", "connection", "keep-alive",
                "upgrade", "expect", "te", "trailer", "proxy-connection", "http2-settings"));
    }

    private final HttpClient client;
    /** Completes when the TLS context is set up; https exchanges wait for it. */
    private final CompletableFuture<Void> tlsReady;
    private final SslContextFactory.Client tls;
    private final Clock clock;
    /** Exchanges between send and completion, aborted by {@link #close()}. */
    private final Set<Request> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private HttpTransport(HttpClient client, SslContextFactory.Client tls, CompletableFuture<Void> tlsReady,
            Clock clock) {
        this.client = client;
        this.tls = tls;
        this.tlsReady = tlsReady;
        this.clock = clock;
    }

    /**
     * A started transport. Its TLS context (the trust store's certificates parsed, the
     * {@code SSLContext} made: a few hundred milliseconds at a process's start) is set up on a
     * thread of its own, so that cleartext exchanges need not wait for it; https ones do.
     *
     * @param connectTimeout how long to wait for a connection; null for no limit but the system's
     * @param sslContext the TLS context; null for the JDK's default
     */
    public static HttpTransport start(Duration connectTimeout, SSLContext sslContext, Clock clock) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("sw4j-http");
        threads.setDaemon(true);
        SslContextFactory.Client tls = new SslContextFactory.Client();
        if (sslContext != null) {
            tls.setSslContext(sslContext);
        }
        ClientConnector connector = new ClientConnector();
        connector.setExecutor(threads);
        connector.setSslContextFactory(tls);
        // Started below, apart from the client.
        connector.unmanage(tls);
        // HTTP/1.1 first: Jetty falls back to the first protocol when a TLS server ignores ALPN (h2
        // first broke such servers). ALPN then offers [http/1.1, h2]; servers pick by their own
        // preference, which for Jetty, nginx and Node is h2. Cleartext is pinned to HTTP/1.1 in send().
        HttpClientTransportDynamic transport = new HttpClientTransportDynamic(connector,
                HttpClientConnectionFactory.HTTP11,
                new ClientConnectionFactoryOverHTTP2.HTTP2(new HTTP2Client(connector)));
        HttpClient client = new HttpClient(transport);
        client.setName("sw4j-http");
        client.setExecutor(threads);
        client.setScheduler(new ScheduledExecutorScheduler("sw4j-http-scheduler", true));
        client.setConnectTimeout(connectTimeout == null ? 0 : Math.max(1, connectTimeout.toMillis()));
        client.setMaxConnectionsPerDestination(64);
        client.setFollowRedirects(false);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(null);
        client.setDefaultRequestContentType(null);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP client: " + e.getMessage(), e);
        }
        // After start(), which installs the defaults: no Accept-Encoding, no decoding; no 401/407
        // handling (it buffers bodies), no redirects, no 100-continue.
        client.getContentDecoderFactories().clear();
        client.getProtocolHandlers().clear();
        CompletableFuture<Void> tlsReady = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("sw4j-http-tls").start(() -> {
            try {
                tls.start();
                tlsReady.complete(null);
            } catch (Exception | Error e) {
                tlsReady.completeExceptionally(e);
            }
        });
        return new HttpTransport(client, tls, tlsReady, clock);
    }

    NetworkResponse send(NetworkRequest request, RealCall call) throws NetworkException {
        Url url = request.parsedUrl();
        String scheme = url.scheme();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new NetworkException(NetworkException.Kind.INVALID_REQUEST,
                    "cannot send " + request + ": the transport speaks http and https, not " + scheme);
        }
        if (closed) {
            throw NetworkErrors.clientClosed(request);
        }
        if (scheme.equals("https")) {
            awaitTls(request);
        }
        CompletableFuture<Head> head = new CompletableFuture<>();
        Request exchange = toJettyRequest(request, url, head);
        Instant sentAt = clock.instant();
        inFlight.add(exchange);
        exchange.send(result -> {
            inFlight.remove(exchange);
            if (result.isFailed()) {
                head.completeExceptionally(result.getFailure());
            }
        });
        if (closed) {
            exchange.abort(new NetworkErrors.ClientClosedException());
        }
        Head received;
        try (Call.Registration ignored = call.onAbort(() -> abort(exchange, request))) {
            received = request.timeout() == null ? head.get()
                    : head.get(request.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw call.isAborted() ? call.abortedException(e.getCause())
                    : NetworkErrors.beforeHead(e.getCause(), request, url);
        } catch (TimeoutException e) {
            NetworkException timeout = NetworkErrors.headTimeout(request);
            exchange.abort(timeout);
            throw call.isAborted() ? call.abortedException(e) : timeout;
        } catch (InterruptedException e) {
            abort(exchange, request);
            Thread.currentThread().interrupt();
            throw new NetworkException(NetworkException.Kind.ABORTED, "interrupted: " + request, e);
        }
        Instant receivedAt = clock.instant();
        Response response = received.response();
        List<HeaderFields.Field> fields = new ArrayList<>(response.getHeaders().size());
        for (HttpField field : response.getHeaders()) {
            fields.add(new HeaderFields.Field(field.getLowerCaseName(), field.getValue()));
        }
        HeaderFields headers = HeaderFields.of(fields);
        BodySource body = new StreamingBody(received.content(), exchange,
                bodyLength(request, response.getStatus(), headers), request, url);
        return NetworkResponse.builder(request)
                .status(response.getStatus())
                .reason(response.getVersion() == org.eclipse.jetty.http.HttpVersion.HTTP_2 ? "" : response.getReason())
                .headers(headers)
                .version(response.getVersion() == org.eclipse.jetty.http.HttpVersion.HTTP_2
                        ? HttpVersion.HTTP_2 : HttpVersion.HTTP_1_1)
                .url(request.url())
                .body(body)
                .sentAt(sentAt)
                .receivedAt(receivedAt)
                .build();
    }

    private void awaitTls(NetworkRequest request) throws NetworkException {
        if (tlsReady.isDone() && !tlsReady.isCompletedExceptionally()) {
            return;
        }
        try {
            tlsReady.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkException(NetworkException.Kind.ABORTED, "cannot send " + request + ": interrupted", e);
        } catch (ExecutionException e) {
            throw new NetworkException(NetworkException.Kind.TLS, "cannot send " + request + ": the TLS context could"
                    + " not be set up: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private Request toJettyRequest(NetworkRequest request, Url url, CompletableFuture<Head> head)
            throws NetworkException {
        URI uri = Uris.toUri(url, request);
        Request exchange;
        try {
            exchange = client.newRequest(uri).method(request.method());
        } catch (IllegalArgumentException e) {
            throw new NetworkException(NetworkException.Kind.INVALID_REQUEST,
                    "cannot send " + request + ": " + e.getMessage(), e);
        }
        if (url.scheme().equals("http")) {
            // Browsers never speak h2c to cleartext origins.
            exchange.version(org.eclipse.jetty.http.HttpVersion.HTTP_1_1);
        }
        exchange.followRedirects(false)
                // The body streams for as long as its reader takes; the head's wait is timed in send().
                .idleTimeout(0, TimeUnit.MILLISECONDS)
                .headers(jettyHeaders -> {
                    for (HeaderFields.Field field : request.headers().asList()) {
                        if (!MANAGED_HEADERS.contains(field.name())) {
                            jettyHeaders.add(field.name(), field.value());
                        }
                    }
                })
                .onResponseContentSource((response, content) -> head.complete(new Head(response, content)))
                .onResponseFailure((response, failure) -> head.completeExceptionally(failure))
                .onRequestFailure((ignored, failure) -> head.completeExceptionally(failure));
        Request.Content content = RequestBodies.content(request.body());
        if (content != null) {
            exchange.body(content);
        }
        return exchange;
    }

    private static void abort(Request exchange, NetworkRequest request) {
        exchange.abort(new IOException("aborted: " + request));
        if (request.body() != null) {
            request.body().close();
        }
    }

    /** Content-Length when it tells the body's length; 0 when there is no body; else -1. */
    private static long bodyLength(NetworkRequest request, int status, HeaderFields headers) {
        if (request.method().equals("HEAD") || status == 204 || status == 304 || (status >= 100 && status < 200)) {
            return 0;
        }
        List<String> lengths = headers.values("content-length");
        if (lengths.size() != 1 || headers.contains("transfer-encoding")) {
            return -1;
        }
        try {
            long length = Long.parseLong(lengths.get(0).trim());
            return length >= 0 ? length : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Aborts the exchanges in flight (their callers see ABORTED) and stops the client. */
    @Override
    public void close() {
        closed = true;
        for (Request exchange : List.copyOf(inFlight)) {
            exchange.abort(new NetworkErrors.ClientClosedException());
        }
        try {
            client.stop();
            tlsReady.handle((ok, failed) -> null).join();
            tls.stop();
        } catch (Exception e) {
            // Stopping only closes connections and threads; nothing is left to report to.
        }
    }

    /** The response head and its body, as Jetty hands them over. */
    private record Head(Response response, Content.Source content) {
    }
}
