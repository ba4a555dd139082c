package org.sw4j.proxy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import org.sw4j.agent.UserAgent;
import org.sw4j.core.spi.cache.StorageException;
import org.sw4j.proxy.internal.ProxyServer;
import org.sw4j.webapi.url.Url;
import org.sw4j.webapi.url.UrlParseException;

/**
 * A reverse proxy that puts a service worker in front of an origin: every request to the proxy is
 * a fetch of the upstream origin's URL by a client, which the worker registered for the configured
 * scope answers first (Handle Fetch), then the origin.
 *
 * <pre>{@code
 * try (ServiceWorkerProxy proxy = ServiceWorkerProxy.builder("http://127.0.0.1:3000")
 *         .worker(Path.of("sw.js")).listen("127.0.0.1", 8080).start()) {
 *     ...
 * }
 * }</pre>
 *
 * <p>The worker runs as the origin: its registration, clients and cache keys use the origin's
 * URLs, and its own {@code fetch()} goes straight to the origin.
 *
 * <p>Several sites share one proxy (one listener, one engine and its stores): each {@link Site} is
 * chosen by the request's {@code Host} or by a path prefix, and has its own origin, worker, scope
 * and Cache Storage quota.
 *
 * <pre>{@code
 * ServiceWorkerProxy.builder()
 *         .site(Site.byHost("cats.localhost", "http://127.0.0.1:3000", Path.of("cats/sw.js")))
 *         .site(Site.byPathPrefix("/dogs/", "http://127.0.0.1:4000", Path.of("dogs/sw.js")).withQuota(50_000_000))
 *         .listen("127.0.0.1", 8080).start();
 * }</pre>
 */
public final class ServiceWorkerProxy implements AutoCloseable {
    private final ProxyServer server;

    private ServiceWorkerProxy(ProxyServer server) {
        this.server = server;
    }

    /** A proxy for one site: every request goes to {@code origin}; then {@link Builder#worker} or {@link Builder#workerUrl}. */
    public static Builder builder(String origin) {
        return new Builder(origin);
    }

    /** A proxy for several sites, each added with {@link Builder#site(Site)}. */
    public static Builder builder() {
        return new Builder(null);
    }

    /** The port the proxy listens on (the bound one when 0 was asked). */
    public int port() {
        return server.port();
    }

    /** The proxy's own origin, e.g. {@code http://127.0.0.1:8080}. */
    public String publicOrigin() {
        return server.publicOrigin();
    }

    /** The user agent whose engine runs the worker (for inspectors and tests). */
    public UserAgent agent() {
        return server.agent();
    }

    /**
     * Graceful shutdown: stops accepting, lets in-flight requests finish (bounded by the builder's
     * shutdown grace), then closes the agent, whose stores are flushed.
     */
    @Override
    public void close() {
        server.close();
    }

    /** The proxy could not start: the worker could not be fetched or evaluated, the port is taken, the data is locked. */
    public static final class StartException extends Exception {
        public StartException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * One site behind the proxy: which requests it takes, and the origin, worker and scope that
     * answer them.
     *
     * @param host the request {@code Host} (without port, lower case) this site takes, or null
     * @param pathPrefix the request path prefix this site takes (starting and ending with '/'),
     *     stripped before the origin: {@code /cats/img} with prefix {@code /cats/} is the origin's
     *     {@code /img}; or null. With neither host nor prefix the site takes every request no
     *     other site takes.
     * @param origin the upstream origin (scheme, host and port)
     * @param workerFile the worker script as a local file, or null
     * @param workerUrl the worker script's absolute URL, or null
     * @param scope the registration's scope path on the origin
     * @param quota the origin's Cache Storage quota in bytes; empty for the store's default
     */
    public record Site(String host, String pathPrefix, String origin, Path workerFile, String workerUrl,
            String scope, OptionalLong quota) {
        public Site {
            origin = checkOrigin(origin);
            if (host != null) {
                if (host.isBlank() || host.contains("/") || host.contains(":")) {
                    throw new IllegalArgumentException("a site's host is a host name without port, not '" + host + "'");
                }
                host = host.toLowerCase(Locale.ROOT);
            }
            if (pathPrefix != null && (!pathPrefix.startsWith("/") || !pathPrefix.endsWith("/") || pathPrefix.length() < 2)) {
                throw new IllegalArgumentException("a site's path prefix starts and ends with '/' (e.g. /cats/), not '"
                        + pathPrefix + "'");
            }
            if (host != null && pathPrefix != null) {
                throw new IllegalArgumentException("a site is chosen by host or by path prefix, not both");
            }
            Objects.requireNonNull(scope, "scope");
            if (!scope.startsWith("/")) {
                throw new IllegalArgumentException("the scope is a path starting with '/', not '" + scope + "'");
            }
            if ((workerFile == null) == (workerUrl == null)) {
                throw new IllegalArgumentException("give the worker as a file or as a URL (one of them)");
            }
            if (workerUrl != null) {
                Url url;
                try {
                    url = Url.parse(workerUrl, origin);
                } catch (UrlParseException e) {
                    throw new IllegalArgumentException("the worker URL '" + workerUrl + "' is not a URL: " + e.getMessage());
                }
                if (!url.origin().equals(origin)) {
                    // Register would refuse it: a worker's script is on its scope's origin.
                    throw new IllegalArgumentException("the worker URL " + url.href() + " is not on the origin " + origin);
                }
                workerUrl = url.href();
            }
            Objects.requireNonNull(quota, "quota");
            if (quota.isPresent() && quota.getAsLong() <= 0) {
                throw new IllegalArgumentException("a quota is a number of bytes above 0, not " + quota.getAsLong());
            }
        }

        /** The site for requests whose {@code Host} is {@code host}, scope {@code /}, the default quota. */
        public static Site byHost(String host, String origin, Path workerFile) {
            return new Site(host, null, origin, workerFile, null, "/", OptionalLong.empty());
        }

        /** The site for requests under {@code pathPrefix}, scope {@code /}, the default quota. */
        public static Site byPathPrefix(String pathPrefix, String origin, Path workerFile) {
            return new Site(null, pathPrefix, origin, workerFile, null, "/", OptionalLong.empty());
        }

        public Site withScope(String scope) {
            return new Site(host, pathPrefix, origin, workerFile, workerUrl, scope, quota);
        }

        public Site withQuota(long bytes) {
            return new Site(host, pathPrefix, origin, workerFile, workerUrl, scope, OptionalLong.of(bytes));
        }

        public Site withWorkerUrl(String url) {
            return new Site(host, pathPrefix, origin, null, url, scope, quota);
        }

        /** How the site is named in messages: its host, its prefix, or its origin. */
        public String name() {
            return host != null ? host : pathPrefix != null ? pathPrefix : origin;
        }
    }

    /**
     * What the proxy serves and how.
     *
     * @param sites the sites served (at least one); one with neither host nor prefix takes every request
     * @param host the address to listen on
     * @param port the port to listen on; 0 for any free one
     * @param dataDirectory where registrations and caches are kept; null for memory only
     * @param offlineOrigin whether the origin starts offline (simulated)
     * @param clientIdleTimeout a client without requests for this long is closed (so that waiting
     *     workers can activate)
     * @param originTimeout the longest wait for the origin's response head before a 504
     * @param idleTimeout a connection idle for this long is closed (slow clients included)
     * @param maxRequestHeaderBytes the largest request head accepted (larger: 431)
     * @param startTimeout the longest wait for the worker to activate at start
     * @param shutdownGrace the longest wait for in-flight requests at close
     * @param tlsCertificate the PEM certificate chain to serve HTTPS with, or null
     * @param tlsKey the PEM (PKCS#8) private key of that certificate, or null
     * @param selfSigned whether to serve HTTPS with a certificate made at start
     */
    public record Options(List<Site> sites, String host, int port,
            Path dataDirectory, boolean offlineOrigin, Duration clientIdleTimeout, Duration originTimeout,
            Duration idleTimeout, int maxRequestHeaderBytes, Duration startTimeout, Duration shutdownGrace,
            Path tlsCertificate, Path tlsKey, boolean selfSigned) {
        public Options {
            if ((tlsCertificate == null) != (tlsKey == null)) {
                throw new IllegalArgumentException("TLS needs both a certificate and its key");
            }
            if (selfSigned && tlsCertificate != null) {
                throw new IllegalArgumentException("give a certificate or ask for a self-signed one, not both");
            }
            Objects.requireNonNull(host, "host");
            sites = List.copyOf(sites);
            if (sites.isEmpty()) {
                throw new IllegalArgumentException("no site to serve");
            }
            Set<String> hosts = new HashSet<>();
            Set<String> origins = new HashSet<>();
            int catchAll = 0;
            for (Site site : sites) {
                if (site.host() != null && !hosts.add(site.host())) {
                    throw new IllegalArgumentException("two sites have the host " + site.host());
                }
                if (!origins.add(site.origin())) {
                    // Registrations, caches and quotas are per origin: two sites would share them.
                    throw new IllegalArgumentException("two sites have the origin " + site.origin());
                }
                if (site.host() == null && site.pathPrefix() == null) {
                    catchAll++;
                }
            }
            if (catchAll > 1) {
                throw new IllegalArgumentException("only one site may have neither host nor path prefix");
            }
            for (Site a : sites) {
                for (Site b : sites) {
                    if (a != b && a.pathPrefix() != null && b.pathPrefix() != null
                            && b.pathPrefix().startsWith(a.pathPrefix())) {
                        throw new IllegalArgumentException(a.pathPrefix().equals(b.pathPrefix())
                                ? "two sites have the path prefix " + a.pathPrefix()
                                : "the path prefixes " + a.pathPrefix() + " and " + b.pathPrefix() + " overlap");
                    }
                }
            }
        }
    }

    /** Configures a {@link ServiceWorkerProxy}; every setting but the origin and worker has a default. */
    public static final class Builder {
        private final String origin;
        private final List<Site> sites = new ArrayList<>();
        private Path workerFile;
        private String workerUrl;
        private String scope = "/";
        private String host = "127.0.0.1";
        private int port = 8080;
        private Path dataDirectory;
        private boolean offlineOrigin;
        private Duration clientIdleTimeout = Duration.ofSeconds(60);
        private Duration originTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofSeconds(30);
        private int maxRequestHeaderBytes = 16 * 1024;
        private Duration startTimeout = Duration.ofSeconds(30);
        private Duration shutdownGrace = Duration.ofSeconds(10);
        private Path tlsCertificate;
        private Path tlsKey;
        private boolean selfSigned;

        private Builder(String origin) {
            this.origin = origin == null ? null : checkOrigin(origin);
        }

        /** Adds a site (for a builder made by {@link ServiceWorkerProxy#builder()}). */
        public Builder site(Site site) {
            if (origin != null) {
                throw new IllegalStateException("this builder serves the one origin " + origin + "; use builder()"
                        + " for sites");
            }
            sites.add(Objects.requireNonNull(site));
            return this;
        }

        /** The worker script is this local file, read again at every update check. */
        public Builder worker(Path file) {
            this.workerFile = Objects.requireNonNull(file);
            this.workerUrl = null;
            return this;
        }

        /** The worker script is fetched from this URL (absolute, or a path on the origin). */
        public Builder workerUrl(String url) {
            Objects.requireNonNull(url);
            if (origin == null) {
                throw new IllegalStateException("a builder for sites gives each site its worker");
            }
            try {
                this.workerUrl = Url.parse(url, origin).href();
            } catch (UrlParseException e) {
                throw new IllegalArgumentException("the worker URL '" + url + "' is not a URL: " + e.getMessage());
            }
            this.workerFile = null;
            return this;
        }

        /** The registration's scope, a path on the origin (default {@code /}). */
        public Builder scope(String scope) {
            if (!scope.startsWith("/")) {
                throw new IllegalArgumentException("the scope is a path starting with '/', not '" + scope + "'");
            }
            this.scope = scope;
            return this;
        }

        /** Where to listen (default 127.0.0.1:8080; port 0 for any free port). */
        public Builder listen(String host, int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("the port must be 0 to 65535, not " + port);
            }
            this.host = Objects.requireNonNull(host);
            this.port = port;
            return this;
        }

        /** Keep registrations and caches in this directory (default: memory only). */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory;
            return this;
        }

        /** Start with the origin offline (simulated): only the worker answers. */
        public Builder offlineOrigin(boolean offline) {
            this.offlineOrigin = offline;
            return this;
        }

        /** Close a client after this long without requests (default 60 s). */
        public Builder clientIdleTimeout(Duration timeout) {
            this.clientIdleTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Answer 504 when the origin sends no response head within this (default 30 s). */
        public Builder originTimeout(Duration timeout) {
            this.originTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Close connections idle for this long, slow clients included (default 30 s). */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** The largest request head accepted, in bytes (default 16 KiB; larger ones get 431). */
        public Builder maxRequestHeaderBytes(int bytes) {
            this.maxRequestHeaderBytes = bytes;
            return this;
        }

        /** How long {@link #start()} waits for the worker to activate (default 30 s). */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** How long close waits for in-flight requests (default 10 s). */
        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = Objects.requireNonNull(grace);
            return this;
        }

        /** Serve HTTPS (h2 and http/1.1 by ALPN) with this PEM certificate chain and PEM PKCS#8 key. */
        public Builder tls(Path certificate, Path key) {
            this.tlsCertificate = Objects.requireNonNull(certificate);
            this.tlsKey = Objects.requireNonNull(key);
            this.selfSigned = false;
            return this;
        }

        /** Serve HTTPS with a self-signed certificate for localhost and 127.0.0.1 made at start. */
        public Builder selfSigned() {
            this.selfSigned = true;
            this.tlsCertificate = null;
            this.tlsKey = null;
            return this;
        }

        public Options options() {
            List<Site> served = origin == null ? sites
                    : List.of(new Site(null, null, origin, workerFile, workerUrl, scope, OptionalLong.empty()));
            return new Options(served, host, port, dataDirectory, offlineOrigin,
                    clientIdleTimeout, originTimeout, idleTimeout, maxRequestHeaderBytes, startTimeout, shutdownGrace,
                    tlsCertificate, tlsKey, selfSigned);
        }

        /**
         * Starts the proxy: opens the stores, listens, registers the worker for the scope (or
         * checks the stored one for an update) and returns once a worker is active. Requests that
         * come meanwhile are served: by the origin while the scope has no active worker yet, by a
         * stored active worker (started at once) otherwise. When no worker can be activated the
         * proxy stops listening and this throws.
         *
         * @throws StartException when no worker could be activated (the script cannot be fetched or
         *     evaluated and none was active before), the data directory is unusable, or the address
         *     is taken
         */
        public ServiceWorkerProxy start() throws StartException {
            Options options = options();
            try {
                return new ServiceWorkerProxy(ProxyServer.start(options));
            } catch (StorageException e) {
                throw new StartException("cannot use the data directory " + options.dataDirectory() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    private static String checkOrigin(String origin) {
        Url url;
        try {
            url = Url.parse(Objects.requireNonNull(origin, "origin"));
        } catch (UrlParseException e) {
            throw new IllegalArgumentException("the origin '" + origin + "' is not a URL");
        }
        if (!url.scheme().equals("http") && !url.scheme().equals("https")) {
            throw new IllegalArgumentException("the origin must be an http or https URL, not '" + origin + "'");
        }
        if (!url.pathname().equals("/") || !url.search().isEmpty()) {
            throw new IllegalArgumentException("the origin is scheme, host and port only (no path or query), not '"
                    + origin + "'");
        }
        return url.origin();
    }
}
