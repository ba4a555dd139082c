package org.sw4j.proxy.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sw4j.agent.UserAgent;
import org.sw4j.core.engine.ServiceWorkerContext;
import org.sw4j.core.engine.ServiceWorkerRegistration;
import org.sw4j.core.engine.UpdateViaCache;
import org.sw4j.core.spi.cache.StorageException;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.core.version.WorkerType;
import org.sw4j.network.NetworkConditions;
import org.sw4j.proxy.ServiceWorkerProxy;
import org.sw4j.proxy.ServiceWorkerProxy.Options;
import org.sw4j.proxy.ServiceWorkerProxy.Site;
import org.sw4j.storage.SqliteCacheStore;
import org.sw4j.webapi.url.Url;

/**
 * The running proxy: the agent whose engine runs the configured registration, the Jetty server (on
 * virtual threads) whose handler turns requests into fetches, and the sweeper that closes idle
 * clients.
 */
public final class ProxyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("sw4j.proxy");
    private static final Logger LIFECYCLE = LoggerFactory.getLogger("sw4j.lifecycle");

    private final Options options;
    private final UserAgent agent;
    private final Server server;
    private final ServerConnector connector;
    private final ScheduledExecutorService sweeper;
    private volatile boolean closed;

    private ProxyServer(Options options, UserAgent agent, Server server, ServerConnector connector,
            ScheduledExecutorService sweeper) {
        this.options = options;
        this.agent = agent;
        this.server = server;
        this.connector = connector;
        this.sweeper = sweeper;
    }

    /**
     * Starts the agent, listens, then activates every site's worker; returns once each is active.
     * Listening comes first so that start-up costs no request: until a site has an active worker
     * its requests are not intercepted and go to the origin (as a browser's first visit does
     * before the worker activates); a stored active worker is started at once in the background,
     * and a request that comes before it is running waits for it as for any stopped worker.
     */
    public static ProxyServer start(Options options) throws ServiceWorkerProxy.StartException, StorageException {
        NetworkConditions network = NetworkConditions.create();
        UserAgent.Builder builder = UserAgent.builder().network(network);
        Map<String, Long> quotas = new HashMap<>();
        Map<Site, String> scripts = new LinkedHashMap<>();
        for (Site site : options.sites()) {
            String scopeUrl = site.origin() + site.scope();
            String scriptUrl;
            if (site.workerFile() != null) {
                scriptUrl = Url.parse(site.workerFile().getFileName().toString(), Url.parse(scopeUrl)).href();
                builder.localScript(scriptUrl, site.workerFile().toAbsolutePath());
            } else {
                scriptUrl = site.workerUrl();
            }
            scripts.put(site, scriptUrl);
            site.quota().ifPresent(bytes -> quotas.put(site.origin(), bytes));
        }
        if (!quotas.isEmpty()) {
            // The cache store's storage key is the origin.
            builder.cacheQuota(origin -> quotas.getOrDefault(origin, SqliteCacheStore.DEFAULT_QUOTA));
        }
        if (options.dataDirectory() != null) {
            builder.dataDirectory(options.dataDirectory());
        }
        UserAgent agent = builder.build();
        // One line per lifecycle event (state changes, updatefound, controllerchange, uncaught errors).
        agent.onLifecycleEvent(event -> LIFECYCLE.info("{}", event));
        ProxyServer proxy;
        try {
            if (options.offlineOrigin()) {
                network.setOnline(false);
            }
            startStoredWorkers(agent.context(), scripts.keySet());
            proxy = listen(options, agent);
        } catch (ServiceWorkerProxy.StartException | RuntimeException e) {
            agent.close();
            throw e;
        }
        try {
            for (Map.Entry<Site, String> site : scripts.entrySet()) {
                activate(agent.context(), Url.parse(site.getValue()),
                        Url.parse(site.getKey().origin() + site.getKey().scope()), options.startTimeout());
            }
        } catch (ServiceWorkerProxy.StartException | RuntimeException e) {
            proxy.close();
            throw e;
        }
        return proxy;
    }

    /**
     * Starts the stored active worker of each site's scope in the background, so that its
     * JavaScript is running (or nearly) when the first request comes: the update check at start
     * does not need it, and a request would otherwise pay the whole worker start.
     */
    private static void startStoredWorkers(ServiceWorkerContext context, Iterable<Site> sites) {
        for (Site site : sites) {
            Url scope = Url.parse(site.origin() + site.scope());
            context.registrations().stream()
                    .filter(r -> r.scope().equals(scope) && r.active() != null)
                    .findFirst()
                    .ifPresent(registration -> context.startWorker(registration.active())
                            .exceptionally(failure -> {
                                LOG.debug("the stored worker for {} did not start ahead: {}", scope.href(),
                                        failure.getMessage());
                                return null;
                            }));
        }
    }

    /**
     * Registers the worker (or, when the stored registration already has this script, checks it
     * for an update) and waits until it is active. A failed update leaves an active worker serving.
     */
    private static void activate(ServiceWorkerContext context, Url script, Url scope, Duration timeout)
            throws ServiceWorkerProxy.StartException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<ServiceWorkerRegistration> stored = context.registrations().stream()
                .filter(r -> r.scope().equals(scope)).findFirst();
        boolean hadActive = stored.isPresent() && stored.get().active() != null;
        ServiceWorkerRegistration registration;
        try {
            registration = context.register(script, scope, WorkerType.CLASSIC, UpdateViaCache.IMPORTS)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (hadActive && registration.newestWorker() == registration.active()) {
                // Register resolves at once for the same script URL; the update check compares the bytes.
                registration = context.update(registration, null).get(remaining(deadline), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            String why = e.getCause() == null ? String.valueOf(e) : e.getCause().getMessage();
            if (hadActive) {
                LOG.warn("the worker {} could not be updated ({}); the active worker goes on serving", script.href(), why);
                return;
            }
            throw new ServiceWorkerProxy.StartException("cannot register the worker " + script.href() + ": " + why, e);
        } catch (TimeoutException e) {
            throw new ServiceWorkerProxy.StartException("the worker " + script.href() + " was not registered within "
                    + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceWorkerProxy.StartException("interrupted while registering " + script.href(), e);
        }
        // Install and activate run after the job resolved; no client holds the old worker, so the
        // new one activates as soon as it installed.
        while (true) {
            boolean settled = registration.installing() == null && registration.waiting() == null;
            if (settled && registration.active() != null && registration.active().state() == ServiceWorkerState.ACTIVATED) {
                return;
            }
            if (settled && registration.active() == null) {
                throw new ServiceWorkerProxy.StartException("the worker " + script.href()
                        + " failed to install (its install event rejected, or its script threw; see the log)", null);
            }
            if (System.nanoTime() > deadline) {
                if (registration.active() != null) {
                    LOG.warn("a new worker for {} did not activate within {} s; the active one serves", scope.href(),
                            timeout.toSeconds());
                    return;
                }
                throw new ServiceWorkerProxy.StartException("the worker " + script.href() + " did not activate within "
                        + timeout.toSeconds() + " s", null);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceWorkerProxy.StartException("interrupted while waiting for the worker", e);
            }
        }
    }

    private static long remaining(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    /**
     * One selector per CPU (Jetty's default is half as many): the handler answers cache-route hits
     * on the selector's own thread, so the selectors are how many CPUs those answers can use.
     */
    private static final int SELECTORS = Integer.getInteger("sw4j.proxy.selectors",
            Math.max(1, Runtime.getRuntime().availableProcessors()));

    private static ProxyServer listen(Options options, UserAgent agent) throws ServiceWorkerProxy.StartException {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("sw4j-proxy");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(options.maxRequestHeaderBytes());
        http.setSendServerVersion(false);
        // The origin's Date goes through; the handler adds one where there is none.
        http.setSendDateHeader(false);
        ServerConnector connector;
        boolean tls = options.selfSigned() || options.tlsCertificate() != null;
        if (tls) {
            TlsKeys.Loaded keys;
            try {
                keys = options.selfSigned() ? TlsKeys.selfSigned()
                        : TlsKeys.fromPem(options.tlsCertificate(), options.tlsKey());
            } catch (java.io.IOException | java.security.GeneralSecurityException e) {
                throw new ServiceWorkerProxy.StartException("cannot set up TLS: " + e.getMessage(), e);
            }
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(keys.keyStore());
            ssl.setKeyStorePassword(keys.password());
            // HTTP/2 forbids the cipher suites HTTP/2's blocklist names; Jetty orders them last.
            ssl.setCipherComparator(org.eclipse.jetty.http2.HTTP2Cipher.COMPARATOR);
            HttpConfiguration https = new HttpConfiguration(http);
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            // A self-signed certificate names localhost; clients may use any name for it.
            secure.setSniHostCheck(false);
            https.addCustomizer(secure);
            HttpConnectionFactory h1 = new HttpConnectionFactory(https);
            HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(https);
            ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
            alpn.setDefaultProtocol(h1.getProtocol());
            connector = new ServerConnector(server, -1, SELECTORS, new SslConnectionFactory(ssl, alpn.getProtocol()),
                    alpn, h2, h1);
        } else {
            connector = new ServerConnector(server, -1, SELECTORS, new HttpConnectionFactory(http),
                    new HTTP2CServerConnectionFactory(http));
        }
        connector.setHost(options.host());
        connector.setPort(options.port());
        connector.setIdleTimeout(options.idleTimeout().toMillis());
        server.addConnector(connector);
        ProxyClients clients = new ProxyClients(agent.context(), options.clientIdleTimeout());
        server.setHandler(new GracefulHandler(new ProxyHandler(options, agent, clients)));
        server.setErrorHandler(ProxyServer::plainError);
        server.setStopTimeout(options.shutdownGrace().toMillis());
        server.setStopAtShutdown(false);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // It did not start; nothing more to stop.
            }
            throw new ServiceWorkerProxy.StartException("cannot listen on " + options.host() + ":" + options.port()
                    + ": " + e.getMessage(), e);
        }
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "sw4j-proxy-clients");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(50, options.clientIdleTimeout().toMillis() / 4);
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                int closed = clients.closeIdle(System.nanoTime());
                if (closed > 0) {
                    LOG.debug("closed {} idle clients", closed);
                }
            } catch (RuntimeException e) {
                LOG.warn("closing idle clients failed", e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
        ProxyServer proxy = new ProxyServer(options, agent, server, connector, sweeper);
        for (Site site : options.sites()) {
            LOG.info("serving {}{} with the worker for {} at {}", site.origin(),
                    site.host() != null ? " (host " + site.host() + ")" : site.pathPrefix() != null
                            ? " (path " + site.pathPrefix() + ")" : "", site.origin() + site.scope(), proxy.publicOrigin());
        }
        return proxy;
    }

    /** What Jetty itself refuses (400, 431, ...): a short plain-text body instead of its HTML page. */
    private static boolean plainError(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
            org.eclipse.jetty.util.Callback callback) {
        Object status = request.getAttribute(org.eclipse.jetty.server.handler.ErrorHandler.ERROR_STATUS);
        Object message = request.getAttribute(org.eclipse.jetty.server.handler.ErrorHandler.ERROR_MESSAGE);
        int code = status instanceof Integer number ? number : response.getStatus();
        String reason = org.eclipse.jetty.http.HttpStatus.getMessage(code);
        String text = code + " " + reason + (message != null && !message.toString().equals(reason) ? ": " + message : "")
                + "\n";
        response.getHeaders().put("Content-Type", "text/plain; charset=utf-8");
        response.getHeaders().put("Via", ForwardedHeaders.VIA);
        response.write(true, java.nio.ByteBuffer.wrap(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), callback);
        return true;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public String publicOrigin() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        boolean tls = options.selfSigned() || options.tlsCertificate() != null;
        return (tls ? "https://" : "http://") + host + ":" + port();
    }

    public UserAgent agent() {
        return agent;
    }

    /** Stops accepting, waits (bounded) for in-flight requests, then closes the agent (stores flushed). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping the server: {}", e.toString());
        }
        sweeper.shutdownNow();
        agent.close();
        LOG.info("stopped");
    }
}
