package org.sw4j.network;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import org.sw4j.core.spi.FetchCall;
import org.sw4j.core.spi.FetchEnvironment;
import org.sw4j.core.spi.FetchOutcome;
import org.sw4j.core.spi.Fetcher;
import org.sw4j.network.internal.fetch.CorsPreflightCache;
import org.sw4j.network.internal.fetch.Fetching;
import org.sw4j.network.internal.fetch.KeepaliveQuota;
import org.sw4j.network.internal.fetch.RunningFetch;
import org.sw4j.network.internal.fetch.Sites;
import org.sw4j.webapi.fetch.FetchRequest;

/**
 * The Fetch Standard's fetching (https://fetch.spec.whatwg.org/#fetching) over a {@link NetworkClient}:
 * what {@code fetch()} in a worker does. Each fetch runs on a virtual thread of its own.
 *
 * <p>What it does, as the standard says: main fetch with request modes and response tainting (basic,
 * cors, opaque filtered responses), bad ports blocked; scheme fetch of {@code about:blank},
 * {@code data:} and {@code http(s):} URLs; HTTP fetch with CORS preflights (cached in memory per
 * partition, origin, URL and credentials, max-age on the injected clock, capped at
 * {@link Builder#preflightMaxAgeLimit}), the CORS check, Cross-Origin-Resource-Policy for no-cors
 * responses, and redirects ({@code follow} up to 20, {@code error}, {@code manual}); the headers a
 * browser sends ({@code Accept}, {@code Accept-Language}, {@code User-Agent}, {@code Origin},
 * {@code Referer} by referrer policy, {@code Sec-Fetch-Dest/Mode/Site}, cache-mode headers, cookies
 * from the {@link CookieJar}); {@code Set-Cookie} stored back; SRI.
 *
 * <p>Deliberate differences from a browser:
 * <ul>
 *   <li><b>No HTTP cache.</b> Cache modes {@code default} and {@code force-cache} go to the network;
 *       {@code no-store} and {@code reload} add {@code Pragma: no-cache} and
 *       {@code Cache-Control: no-cache}, {@code no-cache} adds {@code Cache-Control: max-age=0}
 *       (each only when the request has no such header); {@code only-if-cached} is a network error.
 *   <li><b>Content codings.</b> Requests say {@code Accept-Encoding: gzip, deflate} (or
 *       {@code identity} with {@code Range}); gzip and deflate bodies are decoded as they stream.
 *       As in browsers the response keeps its {@code Content-Encoding} and {@code Content-Length}
 *       headers (which describe the coded bytes), while the body's length is unknown (-1). Whoever
 *       serves such a body again over HTTP must drop those two headers. Bodies in other codings
 *       pass through undecoded.
 *   <li><b>Request bodies</b> that do not come from a {@code ReadableStream} (bytes, strings,
 *       blobs, form data: in memory already) are read into memory before sending, as the body's
 *       source, so 307 and 308 redirects can send them again; a stream body is sent as it is read
 *       and makes a 307/308 redirect (and, as the standard orders its steps, a 301/302) a network
 *       error.
 *   <li><b>SRI.</b> A request with integrity metadata has its whole response body read and checked
 *       before the response is handed over, then served from memory; every other body streams.
 *   <li><b>Range.</b> A {@code Range} request header is sent as given, with
 *       {@code Accept-Encoding: identity}; the response is marked range-requested and an opaque 206
 *       to a request without {@code Range} is blocked. Nothing else is checked or assembled.
 *   <li><b>keepalive</b> requests may have at most 64 KiB of body in flight per partition; they do
 *       not outlive anything, since a fetch here is not tied to a document's lifetime.
 *   <li><b>Cookies</b> are sent with credentials mode {@code include}, or {@code same-origin} for
 *       same-origin requests; to a URL that is not same site with the environment's origin only
 *       {@code SameSite=None} ones. Every {@code Set-Cookie} of a credentialed response is stored,
 *       whatever its SameSite.
 *   <li><b>Not done:</b> HTTP authentication (401 is handed over as is: workers cannot prompt; 407 is
 *       a network error), the 421 retry on a new connection, mixed content (no document to mix into),
 *       CSP, ORB and nosniff blocking, Timing-Allow-Origin, HSTS, service worker interception of these
 *       fetches. The status message is HTTP/1.1's reason phrase (empty over HTTP/2, as in browsers).
 * </ul>
 *
 * <p>Online state comes from the {@link NetworkConditions} given to {@link Builder#networkConditions},
 * which should also be a network interceptor of the client so that "offline" fails fetches.
 */
public final class HttpFetcher implements Fetcher {
    private final Fetching.Services services;
    private final NetworkConditions conditions;
    private final Executor executor;

    private HttpFetcher(Builder builder) {
        CorsPreflightCache preflightCache = new CorsPreflightCache(builder.clock, builder.preflightMaxAgeLimit);
        this.services = new Fetching.Services(builder.client, builder.cookies, preflightCache,
                new Sites(builder.publicSuffixes), new KeepaliveQuota());
        this.conditions = builder.conditions;
        this.executor = builder.executor;
    }

    /** A builder fetching through {@code client}. */
    public static Builder builder(NetworkClient client) {
        return new Builder(client);
    }

    @Override
    public FetchCall fetch(FetchRequest request, FetchEnvironment environment) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(environment, "environment");
        RunningFetch running = new RunningFetch();
        Fetching fetching = new Fetching(services, environment, running.controller());
        try {
            executor.execute(() -> running.complete(fetching.run(request)));
        } catch (RejectedExecutionException e) {
            running.complete(FetchOutcome.networkError("the fetcher is shut down"));
        }
        return running;
    }

    @Override
    public boolean isOnline() {
        return conditions == null || conditions.isOnline();
    }

    @Override
    public Subscription addOnlineListener(OnlineListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (conditions == null) {
            return () -> {
            };
        }
        Call.Registration registration = conditions.addOnlineListener(listener::onlineChanged);
        return registration::close;
    }

    /** Configures an {@link HttpFetcher}. */
    public static final class Builder {
        private final NetworkClient client;
        private CookieJar cookies;
        private Clock clock = Clock.systemUTC();
        private NetworkConditions conditions;
        private Duration preflightMaxAgeLimit = Duration.ofHours(2);
        private Predicate<String> publicSuffixes = CookieJar::isWellKnownPublicSuffix;
        private Executor executor = runnable -> Thread.ofVirtual().name("sw4j-fetch").start(runnable);

        private Builder(NetworkClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /** Where cookies are kept; default: a new jar on the builder's clock. */
        public Builder cookieJar(CookieJar cookies) {
            this.cookies = Objects.requireNonNull(cookies, "cookies");
            return this;
        }

        /** The clock of the CORS-preflight cache (and of the default cookie jar). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The source of {@link #isOnline()} and online listeners; default: always online. */
        public Builder networkConditions(NetworkConditions conditions) {
            this.conditions = conditions;
            return this;
        }

        /** The longest a preflight result is cached, whatever Access-Control-Max-Age says; default 2 hours, as Chromium. */
        public Builder preflightMaxAgeLimit(Duration limit) {
            if (limit.isNegative()) {
                throw new IllegalArgumentException("the preflight max-age limit cannot be negative: " + limit);
            }
            this.preflightMaxAgeLimit = limit;
            return this;
        }

        /** Which domains are public suffixes, for same-site decisions; default: the cookie jar's short list. */
        public Builder publicSuffixes(Predicate<String> publicSuffixes) {
            this.publicSuffixes = Objects.requireNonNull(publicSuffixes, "publicSuffixes");
            return this;
        }

        /** Runs each fetch; default: a new virtual thread per fetch. */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        public HttpFetcher build() {
            if (cookies == null) {
                cookies = CookieJar.builder().clock(clock).build();
            }
            return new HttpFetcher(this);
        }
    }
}
