package org.sw4j.proxy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
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
 */
public final class ServiceWorkerProxy implements AutoCloseable {
    private final ProxyServer server;

    private ServiceWorkerProxy(ProxyServer server) {
        this.server = server;
    }

    public static Builder builder(String origin) {
        return new Builder(origin);
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
     * What the proxy serves and how.
     *
     * @param origin the upstream origin, e.g. {@code http://127.0.0.1:3000}
     * @param workerFile the worker script as a local file (served to the engine at the scope plus
     *     the file name), or null
     * @param workerUrl the worker script's URL on the origin, or null
     * @param scope the registration's scope path
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
    public record Options(String origin, Path workerFile, String workerUrl, String scope, String host, int port,
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
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(host, "host");
            if ((workerFile == null) == (workerUrl == null)) {
                throw new IllegalArgumentException("give the worker as a file or as a URL (one of them)");
            }
        }
    }

    /** Configures a {@link ServiceWorkerProxy}; every setting but the origin and worker has a default. */
    public static final class Builder {
        private final String origin;
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
            this.origin = checkOrigin(origin);
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
            return new Options(origin, workerFile, workerUrl, scope, host, port, dataDirectory, offlineOrigin,
                    clientIdleTimeout, originTimeout, idleTimeout, maxRequestHeaderBytes, startTimeout, shutdownGrace,
                    tlsCertificate, tlsKey, selfSigned);
        }

        /**
         * Starts the proxy: opens the stores, registers the worker for the scope (or checks the
         * stored one for an update), waits until a worker is active, then listens.
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
}
