package org.sw4j.network;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import org.sw4j.network.internal.HttpTransport;
import org.sw4j.network.internal.RealCall;

/**
 * The HTTP client of sw4j's network layer: application interceptors, then network interceptors,
 * then the transport, Eclipse Jetty's {@code HttpClient}.
 *
 * <p>The transport is deliberately plain, leaving policy to the Fetch layer above it:
 * <ul>
 *   <li>it never follows redirects (a 3xx is a response), never stores or sends cookies by itself
 *       (see {@link CookieJar}), never decodes content codings (nor asks for them: it adds no
 *       {@code Accept-Encoding}), never caches, never answers authentication challenges (a 401 is a
 *       response), and adds no {@code User-Agent} or {@code Content-Type} when the request has
 *       none;
 *   <li>it speaks HTTP/1.1 to {@code http:} URLs (no h2c, as browsers) and negotiates HTTP/2 over
 *       TLS (ALPN) for {@code https:}, falling back to HTTP/1.1 when the server does not offer it;
 *   <li>it manages some header fields itself and drops them from a request silently: {@code Host}
 *       (from the URL), {@code Content-Length} (from the body's length), {@code Transfer-Encoding},
 *       {@code Connection}, {@code Keep-Alive}, {@code Upgrade}, {@code Expect}, {@code TE},
 *       {@code Trailer}, {@code Proxy-Connection}, {@code HTTP2-Settings}. All are forbidden request
 *       headers in Fetch, so a script can not set them anyway;
 *   <li>the request's timeout bounds the wait for the response head; the body then streams with no
 *       time limit (abort the call to stop it);
 *   <li>response header fields keep their wire order, names in lower case; request fields are sent
 *       in the order given;
 *   <li>connections are pooled and kept alive per origin, up to 64 per origin; a response body
 *       closed before its end closes its connection.
 * </ul>
 *
 * <p>Calls run on the caller's thread ({@link Call#execute()}) or on the executor
 * ({@link Call#executeAsync()}); the default executor starts a virtual thread per task. The
 * transport does its I/O on a small pool of daemon threads of its own.
 */
public final class NetworkClient implements AutoCloseable {
    private final List<Interceptor> interceptors;
    private final int applicationInterceptorCount;
    private final Clock clock;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final HttpTransport transport;

    private NetworkClient(Builder builder) {
        this.clock = builder.clock;
        this.ownedExecutor = builder.executor == null ? Executors.newVirtualThreadPerTaskExecutor() : null;
        this.executor = builder.executor != null ? builder.executor : ownedExecutor;
        List<Interceptor> all = new ArrayList<>(builder.interceptors);
        all.addAll(builder.networkInterceptors);
        this.interceptors = List.copyOf(all);
        this.applicationInterceptorCount = builder.interceptors.size();
        this.transport = HttpTransport.start(builder.connectTimeout, builder.sslContext, clock);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A client with no interceptors and the defaults. */
    public static NetworkClient create() {
        return builder().build();
    }

    /** A call for {@code request}, not yet started. */
    public Call newCall(NetworkRequest request) {
        Objects.requireNonNull(request, "request");
        return new RealCall(request, interceptors, applicationInterceptorCount, transport, clock, executor);
    }

    /** Shorthand for {@code newCall(request).execute()}. */
    public NetworkResponse execute(NetworkRequest request) throws NetworkException {
        return newCall(request).execute();
    }

    public Clock clock() {
        return clock;
    }

    /** Shuts the client down, aborting exchanges still in flight. */
    @Override
    public void close() {
        transport.close();
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
        }
    }

    /** Configures a {@link NetworkClient}. */
    public static final class Builder {
        private final List<Interceptor> interceptors = new ArrayList<>();
        private final List<Interceptor> networkInterceptors = new ArrayList<>();
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private Executor executor;
        private SSLContext sslContext;

        private Builder() {
        }

        /**
         * Adds an application interceptor: runs first, in the order added, and may answer without
         * calling {@code proceed} (a mock, a cache).
         */
        public Builder addInterceptor(Interceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /**
         * Adds a network interceptor: runs after every application interceptor, next to the
         * transport, and must call {@code proceed} exactly once. {@link NetworkConditions} belongs here
         * (it may also throw instead of proceeding, which is always allowed).
         */
        public Builder addNetworkInterceptor(Interceptor interceptor) {
            networkInterceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /** How long to wait for a connection; null for the system's limit. Default 30 s. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** The clock for {@link NetworkResponse#sentAt()} and friends. Default: the system's UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The executor for asynchronous calls ({@link Call#executeAsync()}). Default: a virtual thread
         * per task, shut down with the client.
         */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** The TLS context, e.g. one trusting a test certificate. Default: the JDK's. */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        public NetworkClient build() {
            return new NetworkClient(this);
        }
    }
}
