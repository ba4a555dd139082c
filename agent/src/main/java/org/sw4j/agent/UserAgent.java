package org.sw4j.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.sw4j.agent.internal.Fetches;
import org.sw4j.agent.internal.FetcherScripts;
import org.sw4j.core.engine.ServiceWorkerClient;
import org.sw4j.core.engine.ServiceWorkerContext;
import org.sw4j.core.engine.ServiceWorkerObserver;
import org.sw4j.core.engine.ServiceWorkerRegistration;
import org.sw4j.core.engine.ServiceWorkerVersion;
import org.sw4j.core.spi.FetchEventResult;
import org.sw4j.core.spi.Fetcher;
import org.sw4j.core.spi.WindowHost;
import org.sw4j.core.spi.cache.CacheStore;
import org.sw4j.core.spi.cache.StorageException;
import org.sw4j.core.spi.registration.RegistrationStore;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.js.GraalWorkerHost;
import org.sw4j.js.WorkerLimits;
import org.sw4j.network.HttpFetcher;
import org.sw4j.network.NetworkClient;
import org.sw4j.network.NetworkConditions;
import org.sw4j.storage.MemoryCacheStore;
import org.sw4j.storage.MemoryRegistrationStore;
import org.sw4j.storage.SqliteCacheStore;
import org.sw4j.storage.SqliteRegistrationStore;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.RequestCredentials;
import org.sw4j.webapi.fetch.RequestDestination;
import org.sw4j.webapi.fetch.RequestMode;
import org.sw4j.webapi.url.Url;

/**
 * A headless user agent with service workers: open windows at URLs (their navigations go through
 * the worker whose scope matches), fetch from them (through their controller), and drive
 * {@code navigator.serviceWorker} from Java. Workers run in GraalJS; registrations, scripts and
 * Cache Storage live in a data directory (or in memory) and survive a restart.
 *
 * <pre>{@code
 * try (UserAgent agent = UserAgent.builder().dataDirectory(Path.of("data")).build()) {
 *     Window page = agent.openWindow("http://127.0.0.1:8080/");
 *     Registration registration = page.serviceWorker().register("/service-worker.js");
 *     registration.awaitActivated(Duration.ofSeconds(10));
 *     Window next = agent.openWindow("http://127.0.0.1:8080/");   // controlled
 *     Response image = next.fetch("/img");
 * }
 * }</pre>
 *
 * <p>Thread-safe; blocking calls should run on virtual threads when many run at once.
 */
public final class UserAgent implements AutoCloseable {
    private final NetworkConditions network;
    private final NetworkClient client;
    private final Fetcher fetcher;
    private final CacheStore cacheStore;
    private final RegistrationStore registrationStore;
    private final GraalWorkerHost host;
    private final ServiceWorkerContext context;
    private final String userAgent;
    private final List<Consumer<LifecycleEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<FetchRecord>> fetchListeners = new CopyOnWriteArrayList<>();
    private final List<Window> windows = new CopyOnWriteArrayList<>();
    private final WindowOpener windowOpener;

    private UserAgent(Builder builder) throws StorageException {
        this.network = builder.network != null ? builder.network : NetworkConditions.create();
        this.userAgent = builder.userAgent;
        this.windowOpener = builder.windowOpener;
        NetworkClient.Builder clientBuilder = NetworkClient.builder().addNetworkInterceptor(network);
        if (builder.clock != null) {
            clientBuilder.clock(builder.clock);
        }
        this.client = clientBuilder.build();
        HttpFetcher.Builder fetcherBuilder = HttpFetcher.builder(client).networkConditions(network);
        if (builder.clock != null) {
            fetcherBuilder.clock(builder.clock);
        }
        this.fetcher = fetcherBuilder.build();
        CacheStore caches = null;
        RegistrationStore registrations = null;
        GraalWorkerHost workerHost = null;
        try {
            if (builder.dataDirectory != null) {
                Files.createDirectories(builder.dataDirectory);
                SqliteCacheStore.Builder sqlite = SqliteCacheStore.builder(builder.dataDirectory);
                if (builder.cacheQuota != null) {
                    sqlite.quota(builder.cacheQuota);
                }
                caches = sqlite.build();
                registrations = SqliteRegistrationStore.open(builder.dataDirectory);
            } else {
                MemoryCacheStore.Builder memory = MemoryCacheStore.builder();
                if (builder.cacheQuota != null) {
                    memory.quota(builder.cacheQuota);
                }
                caches = memory.build();
                registrations = MemoryRegistrationStore.create();
            }
            workerHost = GraalWorkerHost.builder().fetcher(fetcher).cacheStore(caches).limits(builder.limits)
                    .userAgent(userAgent).build();
            ServiceWorkerContext.Builder contextBuilder = ServiceWorkerContext.builder(workerHost)
                    .scriptFetcher(new FetcherScripts(fetcher, userAgent, builder.localScripts)).store(registrations)
                    .network(fetcher, userAgent).cacheStore(caches).windowHost(new Windows())
                    .idleTimeout(builder.idleTimeout).eventTimeout(builder.eventTimeout);
            if (builder.clock != null) {
                contextBuilder.clock(builder.clock);
            }
            this.context = contextBuilder.build();
        } catch (IOException | StorageException | RuntimeException e) {
            if (workerHost != null) {
                workerHost.close();
            }
            if (registrations != null) {
                registrations.close();
            }
            if (caches != null) {
                caches.close();
            }
            client.close();
            if (e instanceof StorageException storage) {
                throw storage;
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
        this.cacheStore = caches;
        this.registrationStore = registrations;
        this.host = workerHost;
        context.addObserver(new Events());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens a window at {@code url}: a navigation request goes to the worker whose scope matches
     * (which then controls the window) or to the network. Blocks until the response arrived.
     *
     * @throws NetworkErrorException when the navigation ended in a network error (the window is not opened)
     */
    public Window openWindow(String url) throws NetworkErrorException {
        Url target = Url.parse(url);
        ServiceWorkerClient reserved = context.reserveWindowClient(target);
        Response response = navigate(target, reserved, null);
        context.clientExecutionReady(reserved, responseUrl(response, target));
        Window window = new Window(this, reserved, response);
        windows.add(window);
        return window;
    }

    /**
     * Navigates {@code window} to {@code url}: a navigation request through the worker whose scope
     * matches, whose new client replaces the window's. The window then shows the new document; when
     * the navigation fails it stays where it was.
     */
    void navigate(Window window, String url) throws NetworkErrorException {
        Url target = Url.parse(url, window.client().url());
        ServiceWorkerClient replaced = window.client();
        ServiceWorkerClient reserved = context.reserveWindowClient(target);
        Response response = navigate(target, reserved, replaced);
        context.clientReplaced(replaced, reserved, responseUrl(response, target));
        window.navigated(reserved, response);
    }

    /** The navigation request for {@code target}, reserving {@code reserved}; on failure the reserved client goes. */
    private Response navigate(Url target, ServiceWorkerClient reserved, ServiceWorkerClient replaced)
            throws NetworkErrorException {
        FetchRequest request = new FetchRequest(target);
        request.setMode(RequestMode.NAVIGATE);
        request.setDestination(RequestDestination.DOCUMENT);
        request.setCredentials(RequestCredentials.INCLUDE);
        request.setOrigin(target.originValue());
        request.setClientOrigin(target.originValue());
        try {
            return fetch(request, null, reserved, replaced, target);
        } catch (NetworkErrorException | RuntimeException e) {
            context.closeClient(reserved);
            throw e;
        }
    }

    private static Url responseUrl(Response response, Url target) {
        return response.url().isEmpty() ? target : Url.parse(response.url());
    }

    /** Every open window, oldest first. */
    public List<Window> windows() {
        return List.copyOf(windows);
    }

    /** The network's conditions: take it offline, add latency or faults, per host or for all. */
    public NetworkConditions network() {
        return network;
    }

    /** Every registration of every origin, as it is now. */
    public List<RegistrationState> registrations() {
        List<RegistrationState> states = new ArrayList<>();
        for (ServiceWorkerRegistration registration : context.registrations()) {
            states.add(RegistrationState.of(registration));
        }
        return states;
    }

    /** Hears statechange, updatefound, controllerchange and the rest, in order, on one thread. */
    public void onLifecycleEvent(Consumer<LifecycleEvent> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** Stops {@code listener} (as given to {@link #onLifecycleEvent}) hearing events; false when it was not listening. */
    public boolean removeLifecycleListener(Consumer<LifecycleEvent> listener) {
        return listeners.remove(listener);
    }

    /**
     * Hears every fetch a client of this agent made, when it ended (windows' fetches and
     * navigations, and what front ends {@linkplain #reportFetch report}), on the fetching thread.
     */
    public void onFetch(Consumer<FetchRecord> listener) {
        fetchListeners.add(Objects.requireNonNull(listener));
    }

    /** Stops {@code listener} (as given to {@link #onFetch}) hearing fetches; false when it was not listening. */
    public boolean removeFetchListener(Consumer<FetchRecord> listener) {
        return fetchListeners.remove(listener);
    }

    /** Tells the {@link #onFetch} listeners of a fetch a front end (the proxy, say) served itself. */
    public void reportFetch(FetchRecord record) {
        Objects.requireNonNull(record, "record");
        for (Consumer<FetchRecord> listener : fetchListeners) {
            try {
                listener.accept(record);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(UserAgent.class).warn("a fetch listener failed", e);
            }
        }
    }

    /** The {@code User-Agent} this agent sends. */
    public String userAgentString() {
        return userAgent;
    }

    /** The network this agent fetches with (for front ends that stream responses themselves). */
    public Fetcher fetcher() {
        return fetcher;
    }

    /** The engine behind this agent (for inspectors and tests that need more than the API). */
    public ServiceWorkerContext context() {
        return context;
    }

    /** The Cache Storage behind the workers' {@code caches}. */
    public CacheStore cacheStore() {
        return cacheStore;
    }

    /** The worker host's JavaScript runtime name ("Interpreted" when GraalJS runs without its JIT). */
    public String runtimeName() {
        return host.runtimeName();
    }

    /**
     * Stops every worker, closes every window and closes the stores. A waiting worker stays waiting
     * (stored as such) and activates in a later run, when a navigation finds no client holding it.
     */
    @Override
    public void close() {
        // The engine first: windows closing after it set nothing off (no activation at shutdown).
        context.close();
        for (Window window : windows) {
            window.close();
        }
        host.close();
        registrationStore.close();
        cacheStore.close();
        client.close();
    }

    void closed(Window window) {
        windows.remove(window);
    }

    /**
     * A fetch from {@code client} (a subresource) or for a navigation reserving {@code reserved}:
     * Handle Fetch first, then the network when the worker does not answer.
     */
    Response fetch(FetchRequest request, ServiceWorkerClient client, ServiceWorkerClient reserved, Url clientUrl)
            throws NetworkErrorException {
        return fetch(request, client, reserved, null, clientUrl);
    }

    private Response fetch(FetchRequest request, ServiceWorkerClient client, ServiceWorkerClient reserved,
            ServiceWorkerClient replaced, Url clientUrl) throws NetworkErrorException {
        java.time.Instant at = java.time.Instant.now();
        long start = System.nanoTime();
        String clientId = reserved != null ? reserved.id() : client != null ? client.id() : "";
        String method = request.method();
        String url = request.url().href();
        boolean navigation = request.isNavigationRequest();
        Response response;
        try {
            response = answer(request, client, reserved, replaced, clientUrl);
        } catch (NetworkErrorException e) {
            reportFetch(new FetchRecord(at, clientId, method, url, navigation, null, 0,
                    Duration.ofNanos(System.nanoTime() - start), e.getMessage()));
            throw e;
        }
        reportFetch(new FetchRecord(at, clientId, method, url, navigation, response.servedBy(), response.status(),
                Duration.ofNanos(System.nanoTime() - start), null));
        return response;
    }

    private Response answer(FetchRequest request, ServiceWorkerClient client, ServiceWorkerClient reserved,
            ServiceWorkerClient replaced, Url clientUrl) throws NetworkErrorException {
        FetchRequest forNetwork = request.clone();
        FetchEventResult result = context.handleFetch(request, client, reserved, replaced);
        return switch (result) {
            case FetchEventResult.Responded responded -> Fetches.read(responded.response(),
                    switch (responded.answeredBy()) {
                        case FETCH_EVENT -> Response.ServedBy.SERVICE_WORKER;
                        case CACHE_ROUTE -> Response.ServedBy.CACHE_ROUTE;
                        case NETWORK -> Response.ServedBy.NETWORK;
                    });
            case FetchEventResult.NetworkError error -> throw new NetworkErrorException(error.reason());
            case FetchEventResult.Fallback fallback when fallback.navigationPreload().isPresent() ->
                    // The navigation preload already fetched this request: its response is the network's.
                    Fetches.response(fallback.navigationPreload().get(), request.url());
            case FetchEventResult.Fallback fallback -> {
                forNetwork.setServiceWorkersMode(FetchRequest.ServiceWorkersMode.NONE);
                yield Fetches.network(fetcher, forNetwork, clientUrl, userAgent);
            }
        };
    }

    private void emit(LifecycleEvent event) {
        for (Consumer<LifecycleEvent> listener : listeners) {
            listener.accept(event);
        }
    }

    /**
     * The windows as workers act on them: {@code focus()} focuses (and shows) the window,
     * {@code navigate()} navigates it, {@code clients.openWindow()} asks the {@link WindowOpener}.
     * Navigations run on virtual threads of their own: they go through the worker that asked.
     */
    private final class Windows implements WindowHost {
        @Override
        public CompletableFuture<Void> focus(String clientId) {
            Optional<Window> window = window(clientId);
            if (window.isEmpty()) {
                return CompletableFuture.failedFuture(new IllegalStateException("the window is closed"));
            }
            window.get().setState("visible", true);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<String> navigate(String clientId, Url url) {
            Optional<Window> window = window(clientId);
            if (window.isEmpty()) {
                return CompletableFuture.failedFuture(new IllegalStateException("the window is closed"));
            }
            return inBackground(() -> {
                window.get().navigate(url.href());
                return window.get().id();
            });
        }

        @Override
        public CompletableFuture<String> openWindow(Url url) {
            return inBackground(() -> {
                Window window = windowOpener.open(UserAgent.this, url.href());
                if (window == null) {
                    throw new IllegalStateException("the user agent did not open a window");
                }
                return window.id();
            });
        }

        private Optional<Window> window(String clientId) {
            return windows.stream().filter(w -> w.id().equals(clientId) && !w.isClosed()).findFirst();
        }

        private CompletableFuture<String> inBackground(NavigationStep step) {
            CompletableFuture<String> result = new CompletableFuture<>();
            Thread.ofVirtual().name("sw4j-window").start(() -> {
                try {
                    result.complete(step.run());
                } catch (Exception e) {
                    result.completeExceptionally(e);
                }
            });
            return result;
        }
    }

    @FunctionalInterface
    private interface NavigationStep {
        String run() throws Exception;
    }

    /** Engine events as API events. */
    private final class Events implements ServiceWorkerObserver {
        @Override
        public void stateChanged(ServiceWorkerVersion version, ServiceWorkerState state) {
            emit(new LifecycleEvent.StateChanged(version.registration().scope().href(), version.id(),
                    version.scriptUrl().href(), state));
        }

        @Override
        public void updateFound(ServiceWorkerRegistration registration) {
            emit(new LifecycleEvent.UpdateFound(registration.scope().href()));
        }

        @Override
        public void controllerChanged(ServiceWorkerClient client, ServiceWorkerVersion controller) {
            emit(new LifecycleEvent.ControllerChanged(client.id(), controller.id()));
            for (Window window : windows) {
                if (window.client() == client) {
                    window.controllerChanged();
                }
            }
        }

        @Override
        public void runningChanged(ServiceWorkerVersion version, boolean running) {
            emit(new LifecycleEvent.RunningChanged(version.id(), running));
        }

        @Override
        public void registrationCleared(ServiceWorkerRegistration registration) {
            emit(new LifecycleEvent.RegistrationCleared(registration.scope().href()));
        }

        @Override
        public void uncaughtError(ServiceWorkerVersion version, String description) {
            emit(new LifecycleEvent.UncaughtError(version.id(), description));
        }
    }

    /** Configures a {@link UserAgent}. */
    public static final class Builder {
        private Path dataDirectory;
        private NetworkConditions network;
        private Clock clock;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration eventTimeout = Duration.ofMinutes(5);
        private WorkerLimits limits = WorkerLimits.DEFAULT;
        private String userAgent = "Mozilla/5.0 (sw4j) sw4j/0.1";
        private WindowOpener windowOpener = WindowOpener.HEADLESS;
        private final java.util.Map<String, Path> localScripts = new java.util.LinkedHashMap<>();
        private java.util.function.ToLongFunction<String> cacheQuota;

        private Builder() {
        }

        /**
         * Answers fetches of the worker script at {@code url} with the bytes of {@code file}, read
         * again on every update check (so edits install as a new worker), instead of the network:
         * for a worker configured from a local file, as {@code sw4j serve --worker PATH} does.
         */
        public Builder localScript(String url, Path file) {
            localScripts.put(Url.parse(url).href(), Objects.requireNonNull(file));
            return this;
        }

        /** Keep registrations, scripts and caches in this directory (created if missing). Default: in memory. */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = Objects.requireNonNull(directory);
            return this;
        }

        /**
         * Each origin's Cache Storage quota in bytes, asked with the storage key (the origin, e.g.
         * {@code http://127.0.0.1:3000}) on every check. Default: the store's (1 GiB per origin).
         */
        public Builder cacheQuota(java.util.function.ToLongFunction<String> perOrigin) {
            this.cacheQuota = Objects.requireNonNull(perOrigin);
            return this;
        }

        /** Keep everything in memory (the default). */
        public Builder inMemory() {
            this.dataDirectory = null;
            return this;
        }

        /** The network's conditions (offline, latency, faults), shared with the caller. Default: a normal network. */
        public Builder network(NetworkConditions conditions) {
            this.network = Objects.requireNonNull(conditions);
            return this;
        }

        /** The clock of update checks (the 24-hour rule), cookies and caches' expiry. Default: the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Stop a worker after this long without events (default 30 s). */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = Objects.requireNonNull(idleTimeout);
            return this;
        }

        /** Stop a worker whose event runs longer than this (default 5 min). */
        public Builder eventTimeout(Duration eventTimeout) {
            this.eventTimeout = Objects.requireNonNull(eventTimeout);
            return this;
        }

        /** CPU time and heap limits of the workers' JavaScript. */
        public Builder limits(WorkerLimits limits) {
            this.limits = Objects.requireNonNull(limits);
            return this;
        }

        /** The {@code User-Agent} header and {@code navigator.userAgent}. */
        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent);
            return this;
        }

        /**
         * What {@code clients.openWindow(url)} does once the engine allowed it. Default:
         * {@link WindowOpener#HEADLESS}, a new {@link Window} at the URL.
         */
        public Builder windowOpener(WindowOpener windowOpener) {
            this.windowOpener = Objects.requireNonNull(windowOpener);
            return this;
        }

        /**
         * Builds the agent: opens (or creates) the stores and restores every registration.
         *
         * @throws StorageException when the data directory cannot be used (another process has it
         *     open, a newer format, a broken database)
         */
        public UserAgent build() throws StorageException {
            return new UserAgent(this);
        }
    }
}
