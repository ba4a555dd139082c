package org.sw4j.core.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sw4j.core.messaging.BroadcastChannelRegistry;
import org.sw4j.core.registration.RegistrationUrls;
import org.sw4j.core.registration.ScopeRules;
import org.sw4j.core.registration.ScopeToRegistrationMap;
import org.sw4j.core.routing.RouterRulesCodec;
import org.sw4j.core.spi.ClientInfo;
import org.sw4j.core.spi.ClientType;
import org.sw4j.core.spi.ExtendableEventResult;
import org.sw4j.core.spi.ExtendableMessageEventInit;
import org.sw4j.core.spi.FetchEventResult;
import org.sw4j.core.spi.Fetcher;
import org.sw4j.core.spi.OriginFetcher;
import org.sw4j.core.spi.PendingExtension;
import org.sw4j.core.spi.RunningWorker;
import org.sw4j.core.spi.WindowHost;
import org.sw4j.core.spi.WorkerHost;
import org.sw4j.core.spi.cache.CacheStore;
import org.sw4j.core.spi.cache.StorageException;
import org.sw4j.core.spi.registration.RegistrationStore;
import org.sw4j.core.spi.registration.StoredRegistration;
import org.sw4j.core.spi.registration.StoredVersion;
import org.sw4j.core.version.ScriptResource;
import org.sw4j.core.version.ScriptResourceMap;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.core.version.WorkerType;
import org.sw4j.webapi.error.DomExceptionName;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.message.SerializedMessage;
import org.sw4j.webapi.url.Url;

/**
 * The service worker engine of one user agent (Chromium's {@code ServiceWorkerContextCore}): the
 * registrations by scope, the job queues, the clients, and the lifecycle algorithms that move
 * workers from installing to redundant. Runs workers through a {@link WorkerHost} (GraalJS, or a
 * fake in tests), fetches scripts through an {@link OriginFetcher}, and keeps registrations in a
 * {@link RegistrationStore} so that a new context on the same store serves at once.
 *
 * <p>Thread-safe. State changes happen under one lock; nothing blocks while holding it (jobs,
 * script fetches and events run on virtual threads and take the lock for their state steps).
 */
public final class ServiceWorkerContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceWorkerContext.class);

    final Object lock = new Object();
    final WorkerHost host;
    final OriginFetcher scriptFetcher;
    final Clock clock;
    final Duration idleTimeout;
    final Duration eventTimeout;
    final Duration updateCheckInterval;
    final Fetcher network;
    final String userAgent;
    final CacheStore cacheStore;
    final WindowHost windowHost;
    private final RegistrationStore store;
    private final ScopeToRegistrationMap<ServiceWorkerRegistration> registrations = new ScopeToRegistrationMap<>();
    private final Map<String, ServiceWorkerClient> clients = new LinkedHashMap<>();
    private final JobQueue jobs;
    private final Lifecycle lifecycle;
    private final FetchDispatcher dispatcher;
    private final List<ServiceWorkerObserver> observers = new CopyOnWriteArrayList<>();
    private final List<ReadyWaiter> readyWaiters = new ArrayList<>();
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("sw4j-sw-events").factory());
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("sw4j-sw-reaper").factory());
    private final AtomicLong clientOrder = new AtomicLong();
    private final AtomicLong focusOrder = new AtomicLong();
    private final BroadcastChannelRegistry broadcastChannels = new BroadcastChannelRegistry();
    private volatile boolean closed;

    private record ReadyWaiter(ServiceWorkerClient client, CompletableFuture<ServiceWorkerRegistration> future) {
    }

    private ServiceWorkerContext(Builder builder) throws StorageException {
        this.host = builder.host;
        this.scriptFetcher = builder.scriptFetcher;
        this.clock = builder.clock;
        this.idleTimeout = builder.idleTimeout;
        this.eventTimeout = builder.eventTimeout;
        this.updateCheckInterval = builder.updateCheckInterval;
        this.network = builder.network;
        this.userAgent = builder.userAgent;
        this.cacheStore = builder.cacheStore;
        this.windowHost = builder.windowHost;
        this.store = builder.store;
        this.lifecycle = new Lifecycle(this);
        this.jobs = new JobQueue(lifecycle::runJob);
        this.dispatcher = new FetchDispatcher(this);
        restore();
        long tick = Math.max(10, Math.min(1000, Math.min(idleTimeout.toMillis(), eventTimeout.toMillis()) / 4));
        reaper.scheduleWithFixedDelay(this::reap, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** A builder of a context running workers on {@code host}. */
    public static Builder builder(WorkerHost host) {
        return new Builder(host);
    }

    // ------------------------------------------------------------------------ clients

    /**
     * A window client reserved for a navigation to {@code url} (not execution ready: workers do not
     * see it yet). Pass it as the reserved client of the navigation's {@link #handleFetch}, then
     * {@link #clientExecutionReady} once the response came, or {@link #closeClient} if it failed.
     */
    public ServiceWorkerClient reserveWindowClient(Url url) {
        ServiceWorkerClient client = new ServiceWorkerClient(ClientType.WINDOW, url, clientOrder.incrementAndGet());
        synchronized (lock) {
            clients.put(client.id(), client);
        }
        return client;
    }

    /**
     * The navigation of a reserved client answered: its URL becomes {@code responseUrl} (the
     * response's URL) and it is execution ready; it takes focus.
     */
    public void clientExecutionReady(ServiceWorkerClient client, Url responseUrl) {
        synchronized (lock) {
            client.setUrl(responseUrl);
            client.setExecutionReady();
            for (ServiceWorkerClient other : clients.values()) {
                if (other != client) {
                    other.setFocus(false, 0);
                }
            }
            client.setFocus(true, focusOrder.incrementAndGet());
            checkReadyLocked();
        }
    }

    /** Sets a window's visibility state ({@code "visible"} or {@code "hidden"}) and focus. */
    public void setClientState(ServiceWorkerClient client, String visibilityState, boolean focused) {
        if (!visibilityState.equals("visible") && !visibilityState.equals("hidden")) {
            throw new IllegalArgumentException("visibilityState is 'visible' or 'hidden', not '" + visibilityState + "'");
        }
        synchronized (lock) {
            client.setVisibilityState(visibilityState);
            if (focused) {
                clients.values().forEach(c -> c.setFocus(false, 0));
            }
            client.setFocus(focused, focusOrder.incrementAndGet());
        }
    }

    /**
     * The client is gone (its window closed, or its navigation failed): Handle Service Worker Client
     * Unload (https://w3c.github.io/ServiceWorker/#on-client-unload-algorithm) — the registration
     * it used may now activate its waiting worker, or finish unregistering.
     */
    public void closeClient(ServiceWorkerClient client) {
        synchronized (lock) {
            if (client.isClosed()) {
                return;
            }
            client.setClosed();
            clients.remove(client.id());
            readyWaiters.removeIf(waiter -> {
                if (waiter.client == client) {
                    waiter.future.cancel(false);
                    return true;
                }
                return false;
            });
            ServiceWorkerVersion active = client.activeServiceWorker();
            if (active == null) {
                return;
            }
            ServiceWorkerRegistration registration = active.registration();
            if (isUsedLocked(registration)) {
                return;
            }
            if (registration.isUninstalling()) {
                lifecycle.tryClearRegistration(registration);
            }
            lifecycle.tryActivate(registration);
        }
    }

    /**
     * A window navigated: its new client {@code reserved} (whose navigation answered at
     * {@code responseUrl}) replaces {@code replaced}, keeping its visibility and focus; the old
     * client is closed (Handle Service Worker Client Unload).
     */
    public void clientReplaced(ServiceWorkerClient replaced, ServiceWorkerClient reserved, Url responseUrl) {
        synchronized (lock) {
            reserved.setUrl(responseUrl);
            reserved.setExecutionReady();
            reserved.setVisibilityState(replaced.visibilityState());
            // The window keeps its place in the focus order, and its focus.
            reserved.setFocus(true, replaced.focusOrder());
            reserved.setFocus(replaced.isFocused(), 0);
            reserved.setFrameType(replaced.frameType());
            checkReadyLocked();
        }
        closeClient(replaced);
    }

    /**
     * Allows the registration's active worker window interaction ({@code clients.openWindow()},
     * {@code WindowClient.focus()}) for {@code duration}: what the spec's "allow window interaction"
     * does, which a {@code notificationclick} event will grant once notifications exist. Does nothing
     * when there is no active worker.
     */
    public void allowWindowInteraction(ServiceWorkerRegistration registration, Duration duration) {
        Objects.requireNonNull(duration, "duration");
        ServiceWorkerVersion active = registration.active();
        if (active != null) {
            active.allowWindowInteraction(duration);
        }
    }

    /** The client with that id, if it exists and is not closed. */
    public Optional<ServiceWorkerClient> client(String id) {
        synchronized (lock) {
            return Optional.ofNullable(clients.get(id));
        }
    }

    /** Every open client, in creation order. */
    public List<ServiceWorkerClient> clients() {
        synchronized (lock) {
            return List.copyOf(clients.values());
        }
    }

    /**
     * The client's controller ({@code navigator.serviceWorker.controller}, ServiceWorkerContainer's
     * controller attribute): its active service worker, or null. It may still be "activating": the
     * Activate algorithm makes it the clients' active worker, and fires {@code controllerchange},
     * before the activate event.
     */
    public ServiceWorkerVersion controller(ServiceWorkerClient client) {
        ServiceWorkerVersion active = client.activeServiceWorker();
        return active != null && active.state() != ServiceWorkerState.REDUNDANT ? active : null;
    }

    // ------------------------------------------------------------------------ navigator.serviceWorker

    /**
     * {@code navigator.serviceWorker.register(scriptUrl, {scope, type, updateViaCache})} from
     * {@code client}: Start Register (https://w3c.github.io/ServiceWorker/#start-register-algorithm)
     * and a register job. Completes with the registration once the job resolved (the new worker is
     * then installing, or an equal one exists); fails with a {@link WebError} (TypeError,
     * SecurityError) as the job rejected.
     *
     * @param scope the scope, or null for the script's directory
     */
    public CompletableFuture<ServiceWorkerRegistration> register(ServiceWorkerClient client, String scriptUrl,
            String scope, WorkerType type, UpdateViaCache updateViaCache) {
        Objects.requireNonNull(client, "client");
        RegistrationUrls urls;
        try {
            urls = ScopeRules.startRegister(scriptUrl, scope, client.url());
        } catch (WebError e) {
            return CompletableFuture.failedFuture(e);
        }
        Job.Register job = new Job.Register(urls.scope(), urls.script(), type, updateViaCache, client, client.url());
        synchronized (lock) {
            jobs.schedule(job);
        }
        return job.promise().thenApply(ServiceWorkerRegistration.class::cast);
    }

    /**
     * A registration configured by the embedder rather than requested by a page (a proxy that puts a
     * worker in front of an origin): a register job for {@code scriptUrl} and {@code scope} with no
     * client, whose referrer is the scope (so the script and scope must share its origin). Completes
     * as {@link #register(ServiceWorkerClient, String, String, WorkerType, UpdateViaCache)} does.
     */
    public CompletableFuture<ServiceWorkerRegistration> register(Url scriptUrl, Url scope, WorkerType type,
            UpdateViaCache updateViaCache) {
        RegistrationUrls urls;
        try {
            urls = ScopeRules.startRegister(scriptUrl.href(), scope.href(), scope);
        } catch (WebError e) {
            return CompletableFuture.failedFuture(e);
        }
        Job.Register job = new Job.Register(urls.scope(), urls.script(), type, updateViaCache, null, urls.scope());
        synchronized (lock) {
            jobs.schedule(job);
        }
        return job.promise().thenApply(ServiceWorkerRegistration.class::cast);
    }

    /**
     * {@code navigator.serviceWorker.getRegistration(clientUrl)}: Match Service Worker Registration
     * for a URL of the client's origin (SecurityError otherwise).
     */
    public Optional<ServiceWorkerRegistration> getRegistration(ServiceWorkerClient client, Url clientUrl) {
        if (!clientUrl.originValue().isSameOrigin(client.url().originValue())) {
            throw WebError.dom(DomExceptionName.SECURITY_ERROR, "Failed to get a ServiceWorkerRegistration: The origin of"
                    + " the provided documentURL ('" + clientUrl.origin() + "') does not match the current origin ('"
                    + client.url().origin() + "').");
        }
        synchronized (lock) {
            return registrations.match(clientUrl);
        }
    }

    /** {@code navigator.serviceWorker.getRegistrations()}: the client origin's registrations. */
    public List<ServiceWorkerRegistration> getRegistrations(ServiceWorkerClient client) {
        synchronized (lock) {
            return registrations.values().stream()
                    .filter(registration -> registration.storageKey().equals(client.storageKey()))
                    .toList();
        }
    }

    /** Every registration of every origin (for inspectors and command-line tools). */
    public List<ServiceWorkerRegistration> registrations() {
        synchronized (lock) {
            return registrations.values();
        }
    }

    /**
     * {@code navigator.serviceWorker.ready}: completes with the registration matching the client's
     * URL once it has an active worker.
     */
    public CompletableFuture<ServiceWorkerRegistration> ready(ServiceWorkerClient client) {
        CompletableFuture<ServiceWorkerRegistration> future = new CompletableFuture<>();
        synchronized (lock) {
            readyWaiters.add(new ReadyWaiter(client, future));
            checkReadyLocked();
        }
        return future;
    }

    /**
     * {@code registration.update()} from a client: an update job (TypeError when the registration is
     * gone or the script changed URL, InvalidStateError when there is no worker to update).
     */
    public CompletableFuture<ServiceWorkerRegistration> update(ServiceWorkerRegistration registration,
            ServiceWorkerClient client) {
        ServiceWorkerVersion newest = registration.newestWorker();
        if (newest == null) {
            return CompletableFuture.failedFuture(WebError.dom(DomExceptionName.INVALID_STATE_ERROR,
                    "Failed to update a ServiceWorker for scope ('" + registration.scope().href()
                    + "'): The registration has no worker to update."));
        }
        Job.Update job = new Job.Update(registration.scope(), newest.scriptUrl(), newest.type(),
                registration.updateViaCache(), client, false);
        synchronized (lock) {
            jobs.schedule(job);
        }
        return job.promise().thenApply(ServiceWorkerRegistration.class::cast);
    }

    /** {@code registration.unregister()} from a client (null for the worker itself): an unregister job. */
    public CompletableFuture<Boolean> unregister(ServiceWorkerRegistration registration, ServiceWorkerClient client) {
        Job.Unregister job = new Job.Unregister(registration.scope(), client,
                client == null ? registration.scope() : client.url());
        synchronized (lock) {
            jobs.schedule(job);
        }
        return job.promise().thenApply(Boolean.class::cast);
    }

    /**
     * Implements NavigationPreloadManager's enable() and disable()
     * (https://w3c.github.io/ServiceWorker/#navigation-preload-manager-enable), from a worker or a
     * window: fails with InvalidStateError when the registration has no active worker; else the
     * flag is set or unset and stored with the registration.
     */
    public CompletableFuture<Void> setNavigationPreloadEnabled(ServiceWorkerRegistration registration,
            boolean enabled) {
        synchronized (lock) {
            if (registration.active() == null) {
                return CompletableFuture.failedFuture(WebError.dom(DomExceptionName.INVALID_STATE_ERROR,
                        "Failed to " + (enabled ? "enable" : "disable")
                        + " navigation preload: The registration does not have an active worker."));
            }
            registration.setNavigationPreloadEnabled(enabled);
            persistLocked(registration);
        }
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Implements NavigationPreloadManager's setHeaderValue(value)
     * (https://w3c.github.io/ServiceWorker/#navigation-preload-manager-setheadervalue): TypeError for
     * a value that is not a header value, then InvalidStateError when the registration has no
     * active worker; else the value is set and stored.
     */
    public CompletableFuture<Void> setNavigationPreloadHeaderValue(ServiceWorkerRegistration registration,
            String value) {
        if (!org.sw4j.webapi.fetch.Header.isValue(value)) {
            return CompletableFuture.failedFuture(WebError.typeError(
                    "Failed to execute 'setHeaderValue' on 'NavigationPreloadManager': The string provided is not"
                    + " a valid HTTP header field value."));
        }
        synchronized (lock) {
            if (registration.active() == null) {
                return CompletableFuture.failedFuture(WebError.dom(DomExceptionName.INVALID_STATE_ERROR,
                        "Failed to set the navigation preload header value: The registration does not have an"
                        + " active worker."));
            }
            registration.setNavigationPreloadHeaderValue(value);
            persistLocked(registration);
        }
        return CompletableFuture.completedFuture(null);
    }

    // ------------------------------------------------------------------------ fetch

    /**
     * Handle Fetch (https://w3c.github.io/ServiceWorker/#handle-fetch) for a request of
     * {@code client} (a subresource) or of a navigation reserving {@code reservedClient}: the
     * worker's answer, a network error, or {@link FetchEventResult.Fallback} when the request goes
     * to the network as if there were no worker (with the navigation preload that already fetched
     * it, when there is one: use its response instead of fetching again). Blocks until the worker answered: call it on a
     * virtual thread.
     */
    public FetchEventResult handleFetch(FetchRequest request, ServiceWorkerClient client,
            ServiceWorkerClient reservedClient) {
        return handleFetch(request, client, reservedClient, null);
    }

    /**
     * {@link #handleFetch(FetchRequest, ServiceWorkerClient, ServiceWorkerClient)} for a navigation
     * whose new client replaces {@code replacedClient} (a window navigating away from its document:
     * the event's {@code replacesClientId}); null when none.
     */
    public FetchEventResult handleFetch(FetchRequest request, ServiceWorkerClient client,
            ServiceWorkerClient reservedClient, ServiceWorkerClient replacedClient) {
        return dispatcher.handleFetch(request, client, reservedClient, replacedClient);
    }

    /**
     * {@link #handleFetch(FetchRequest, ServiceWorkerClient, ServiceWorkerClient)} for a
     * subresource request of {@code client}, when Handle Fetch ends without blocking: no
     * controller (fallback), or a static route with a {@code network} source, or a {@code cache}
     * source over a Cache Storage store whose reads do not block. Empty otherwise: call
     * {@code handleFetch} on a thread that may block. For servers that answer cache routes on
     * their event loop and move only the rest to virtual threads.
     */
    public Optional<FetchEventResult> handleFetchWithoutBlocking(FetchRequest request, ServiceWorkerClient client) {
        return dispatcher.handleFetchWithoutBlocking(request, client);
    }

    // ------------------------------------------------------------------------ messaging

    /**
     * Service Workers § ServiceWorker postMessage(message, options)
     * (https://w3c.github.io/ServiceWorker/#service-worker-postmessage-options), called by
     * {@code source} on a {@code ServiceWorker} object for {@code version}, after serializing: unless
     * Should Skip Event says so, runs the worker (a stopped worker starts) and fires an
     * {@code ExtendableMessageEvent} whose source is a {@code Client} of {@code source} and whose
     * origin is the client's. The event counts as pending (it keeps the worker from idling and
     * holds back activation) until its lifetime promises settle. Returns at once; the future
     * completes when they settled, or exceptionally when the worker could not run.
     */
    public CompletableFuture<ExtendableEventResult> postMessageToWorker(ServiceWorkerVersion version,
            ServiceWorkerClient source, SerializedMessage message) {
        Objects.requireNonNull(source, "source");
        return postMessage(version, new ExtendableMessageEventInit(message, source.url().origin(), source.info(), null));
    }

    /** ServiceWorker postMessage() in {@code source}'s global scope, to {@code version}. */
    CompletableFuture<ExtendableEventResult> postMessageFromWorker(ServiceWorkerVersion version,
            ServiceWorkerVersion source, SerializedMessage message) {
        return postMessage(version, new ExtendableMessageEventInit(message, source.scriptUrl().origin(), null,
                source.info()));
    }

    private CompletableFuture<ExtendableEventResult> postMessage(ServiceWorkerVersion version,
            ExtendableMessageEventInit init) {
        Objects.requireNonNull(version, "version");
        CompletableFuture<ExtendableEventResult> result = new CompletableFuture<>();
        if (Lifecycle.shouldSkipEvent("message", version)) {
            result.complete(ExtendableEventResult.SETTLED);
            return result;
        }
        // "In parallel", but one message after the other: each is queued in the worker only after
        // the one posted before it, as browsers keep a sender's messages in order.
        CompletableFuture<Void> queued = new CompletableFuture<>();
        CompletableFuture<Void> previous;
        synchronized (lock) {
            previous = version.afterLastMessage(queued);
        }
        previous.whenComplete((ignored, failure) -> Thread.ofVirtual().name("sw4j-post-message").start(() -> {
            RunningWorker running;
            try {
                running = lifecycle.runServiceWorker(version);
            } catch (Lifecycle.WorkerStartFailure e) {
                queued.complete(null);
                LOG.info("message to {} not delivered: {}", version.scriptUrl().href(), e.getMessage());
                result.completeExceptionally(new IllegalStateException("the worker could not run: " + e.getMessage()));
                return;
            }
            ServiceWorkerVersion.PendingEvent event;
            synchronized (lock) {
                event = version.beginEvent("message");
            }
            CompletableFuture<ExtendableEventResult> dispatched;
            try {
                dispatched = running.dispatchMessageEvent(init);
            } catch (RuntimeException e) {
                dispatched = CompletableFuture.failedFuture(e);
            } finally {
                queued.complete(null);
            }
            dispatched.whenComplete((settled, dispatchFailure) -> {
                lifecycle.eventEnded(version, event);
                if (dispatchFailure != null) {
                    result.completeExceptionally(dispatchFailure);
                } else {
                    result.complete(settled);
                }
            });
        }));
        return result;
    }

    /**
     * The open {@code BroadcastChannel}s of this user agent, workers' and the embedder's, by
     * origin and name: an embedder's channel for a client opens with the client's storage key.
     */
    public BroadcastChannelRegistry broadcastChannels() {
        return broadcastChannels;
    }

    // ------------------------------------------------------------------------ workers

    /**
     * Runs a worker ahead of its first event (Run Service Worker, which a user agent may do at any
     * time): an embedder that expects requests soon, such as a proxy starting on stored
     * registrations, spends the worker's start-up before the first request instead of inside it.
     * A worker with no event then stops after the idle timeout as any other.
     *
     * @return completes once the worker's script has been evaluated; exceptionally when it could not run
     */
    public CompletableFuture<Void> startWorker(ServiceWorkerVersion version) {
        Objects.requireNonNull(version, "version");
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread.ofVirtual().name("sw4j-start-worker").start(() -> {
            try {
                lifecycle.runServiceWorker(version);
                started.complete(null);
            } catch (Lifecycle.WorkerStartFailure e) {
                started.completeExceptionally(new IllegalStateException("the worker could not run: " + e.getMessage()));
            } catch (RuntimeException e) {
                started.completeExceptionally(e);
            }
        });
        return started;
    }

    /** Stops a worker's JavaScript (its global state is lost); its lifecycle state is unchanged. */
    public void stopWorker(ServiceWorkerVersion version) {
        lifecycle.terminate(version);
    }

    /**
     * Skip Waiting from outside the worker (an inspector's "skip waiting" button): sets the waiting
     * worker's skip-waiting flag and invokes Try Activate, as the worker's own {@code skipWaiting()}
     * does (https://w3c.github.io/ServiceWorker/#service-worker-global-scope-skipwaiting).
     *
     * @return false when the registration has no waiting worker
     */
    public boolean skipWaiting(ServiceWorkerRegistration registration) {
        ServiceWorkerVersion waiting;
        synchronized (lock) {
            waiting = registration.waiting();
            if (waiting == null) {
                return false;
            }
            lifecycle.skipWaiting(waiting);
        }
        return true;
    }

    /**
     * Clear-Site-Data's "storage" for service workers (https://w3c.github.io/webappsec-clear-site-data/#clear-storage):
     * unregisters every registration of {@code storageKey} and clears it now, even while clients
     * use it or events are pending: the clients lose their controller, the workers are terminated
     * and become redundant.
     *
     * @return the scopes of the registrations cleared
     */
    public CompletableFuture<List<String>> clearRegistrations(String storageKey) {
        List<ServiceWorkerRegistration> targets;
        synchronized (lock) {
            targets = registrations.values().stream()
                    .filter(registration -> registration.storageKey().equals(storageKey)).toList();
        }
        CompletableFuture<?>[] jobs = targets.stream().map(registration -> unregister(registration, null))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(jobs).handle((ignored, failure) -> {
            synchronized (lock) {
                for (ServiceWorkerRegistration registration : targets) {
                    if (registration.isCleared()) {
                        continue;
                    }
                    for (ServiceWorkerClient client : clients.values()) {
                        ServiceWorkerVersion active = client.activeServiceWorker();
                        if (active != null && active.registration() == registration) {
                            client.setActiveServiceWorker(null);
                        }
                    }
                    lifecycle.clearRegistration(registration);
                }
            }
            return targets.stream().map(registration -> registration.scope().href()).toList();
        });
    }

    /**
     * Why the registration's workers are where they are: the clients holding the old worker, its
     * pending events, and the lifetime promises still open (with where they were made).
     */
    public CompletableFuture<LifecycleDiagnosis> diagnose(ServiceWorkerRegistration registration) {
        ServiceWorkerVersion installing;
        ServiceWorkerVersion waiting;
        ServiceWorkerVersion active;
        List<ClientInfo> using;
        int activePending;
        synchronized (lock) {
            installing = registration.installing();
            waiting = registration.waiting();
            active = registration.active();
            using = clients.values().stream()
                    .filter(c -> c.activeServiceWorker() != null && c.activeServiceWorker().registration() == registration)
                    .map(ServiceWorkerClient::info).toList();
            activePending = active == null ? 0 : active.pendingEventCount();
        }
        CompletableFuture<List<PendingExtension>> installingPending = pendingOf(installing);
        CompletableFuture<List<PendingExtension>> activePendingPromises = pendingOf(active);
        return installingPending.thenCombine(activePendingPromises, (inst, act) -> {
            List<String> reasons = new ArrayList<>();
            if (installing != null) {
                reasons.add("Worker " + installing.scriptUrl().href() + " (" + installing.id() + ") is installing.");
                if (inst.isEmpty()) {
                    reasons.add("  Its install event has no pending waitUntil() promise (the script is still being"
                            + " evaluated or fetched, or the event is being dispatched).");
                }
                for (PendingExtension p : inst) {
                    reasons.add("  It waits for a " + p.method() + "() promise of its '" + p.eventType()
                            + "' event, made at " + p.createdAt() + ", pending for " + p.sinceMillis() + " ms.");
                }
            }
            if (waiting != null) {
                reasons.add("Worker " + waiting.scriptUrl().href() + " (" + waiting.id() + ") is waiting.");
                if (active != null && active.state() == ServiceWorkerState.ACTIVATING) {
                    reasons.add("  The active worker is still activating.");
                }
                if (!using.isEmpty() && !waiting.skipWaitingFlag()) {
                    reasons.add("  " + using.size() + " client(s) still use the active worker " + active.id()
                            + " and skipWaiting() was not called; it activates when they are all closed:");
                    for (ClientInfo c : using) {
                        reasons.add("    client " + c.id() + " at " + c.url());
                    }
                }
                if (activePending > 0) {
                    reasons.add("  The active worker is still handling " + activePending + " event(s).");
                    for (PendingExtension p : act) {
                        reasons.add("    a " + p.method() + "() promise of a '" + p.eventType() + "' event, made at "
                                + p.createdAt() + ", pending for " + p.sinceMillis() + " ms.");
                    }
                }
            }
            if (reasons.isEmpty()) {
                reasons.add(active == null ? "The registration has no worker." : "Worker " + active.scriptUrl().href()
                        + " (" + active.id() + ") is " + active.state().jsName() + "; nothing is waiting.");
            }
            return new LifecycleDiagnosis(registration.scope().href(), info(installing), info(waiting), info(active),
                    using, activePending, waiting != null && waiting.skipWaitingFlag(), inst, act, List.copyOf(reasons));
        });
    }

    private static org.sw4j.core.spi.WorkerInfo info(ServiceWorkerVersion version) {
        return version == null ? null : version.info();
    }

    private static CompletableFuture<List<PendingExtension>> pendingOf(ServiceWorkerVersion version) {
        RunningWorker running = version == null ? null : version.running();
        if (running == null) {
            return CompletableFuture.completedFuture(List.of());
        }
        return running.pendingExtensions().exceptionally(e -> List.of());
    }

    public void addObserver(ServiceWorkerObserver observer) {
        observers.add(Objects.requireNonNull(observer));
    }

    public void removeObserver(ServiceWorkerObserver observer) {
        observers.remove(observer);
    }

    /**
     * Completes when no job is queued or running (for tests and orderly shutdown): polls, so it
     * also sees jobs scheduled while waiting.
     */
    public CompletableFuture<Void> whenJobsDone() {
        return CompletableFuture.runAsync(() -> {
            while (true) {
                synchronized (lock) {
                    if (!jobs.isBusy()) {
                        return;
                    }
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }, Thread::startVirtualThread);
    }

    /** Stops every worker and the context's threads; the store stays open (its owner closes it). */
    @Override
    public void close() {
        closed = true;
        reaper.shutdownNow();
        List<ServiceWorkerVersion> versions = new ArrayList<>();
        synchronized (lock) {
            for (ServiceWorkerRegistration registration : registrations.values()) {
                versions.addAll(registration.versions());
            }
        }
        versions.forEach(lifecycle::terminate);
        notifier.shutdown();
        try {
            notifier.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isClosed() {
        return closed;
    }

    // ------------------------------------------------------------------------ engine internals

    /** Implements Get Registration: the registration whose scope is exactly {@code scope}. Under the lock. */
    Optional<ServiceWorkerRegistration> getRegistrationLocked(Url scope) {
        return registrations.get(scope);
    }

    /** Implements Match Service Worker Registration. Under the lock. */
    Optional<ServiceWorkerRegistration> matchLocked(Url url) {
        return registrations.match(url);
    }

    /** Implements Set Registration. Under the lock. */
    ServiceWorkerRegistration setRegistrationLocked(Url scope, UpdateViaCache updateViaCache) {
        ServiceWorkerRegistration registration = new ServiceWorkerRegistration(scope.origin(), scope, updateViaCache);
        registrations.put(scope, registration);
        return registration;
    }

    /** Removes registration map[scope] if it still maps to {@code registration}. Under the lock. */
    void removeRegistrationLocked(ServiceWorkerRegistration registration) {
        Optional<ServiceWorkerRegistration> current = registrations.get(registration.scope());
        if (current.isPresent() && current.get() == registration) {
            registrations.remove(registration.scope());
        }
    }

    /** Whether a service worker client is using the registration. Under the lock. */
    boolean isUsedLocked(ServiceWorkerRegistration registration) {
        for (ServiceWorkerClient client : clients.values()) {
            ServiceWorkerVersion active = client.activeServiceWorker();
            if (active != null && active.registration() == registration && !client.isClosed()) {
                return true;
            }
        }
        return false;
    }

    /** The open clients using the registration. Under the lock. */
    List<ServiceWorkerClient> clientsUsingLocked(ServiceWorkerRegistration registration) {
        List<ServiceWorkerClient> using = new ArrayList<>();
        for (ServiceWorkerClient client : clients.values()) {
            ServiceWorkerVersion active = client.activeServiceWorker();
            if (active != null && active.registration() == registration) {
                using.add(client);
            }
        }
        return using;
    }

    /** The open, execution-ready clients of a storage key in the order clients.matchAll() wants. Under the lock. */
    List<ServiceWorkerClient> clientsOfLocked(String storageKey) {
        List<ServiceWorkerClient> windows = new ArrayList<>();
        List<ServiceWorkerClient> others = new ArrayList<>();
        for (ServiceWorkerClient client : clients.values()) {
            if (client.isExecutionReady() && !client.isClosed() && client.storageKey().equals(storageKey)) {
                (client.type() == ClientType.WINDOW ? windows : others).add(client);
            }
        }
        windows.sort(Comparator.comparingLong(ServiceWorkerClient::focusOrder).reversed()
                .thenComparingLong(ServiceWorkerClient::creationOrder));
        windows.addAll(others);
        return windows;
    }

    /** Resolves the ready promises that can be. Under the lock. */
    void checkReadyLocked() {
        readyWaiters.removeIf(waiter -> {
            Optional<ServiceWorkerRegistration> registration = registrations.match(waiter.client.url());
            if (registration.isPresent() && registration.get().active() != null) {
                waiter.future.complete(registration.get());
                return true;
            }
            return false;
        });
    }

    JobQueue jobs() {
        return jobs;
    }

    Lifecycle lifecycle() {
        return lifecycle;
    }

    /** Tells the observers, in order, on the notifying thread. */
    void notifyObservers(Consumer<ServiceWorkerObserver> event) {
        if (observers.isEmpty()) {
            return;
        }
        try {
            notifier.execute(() -> {
                // Events are posted under the lock, mid-algorithm: wait until the algorithm's locked
                // step is over, so observers see every change it made (as a task queued by Update
                // Worker State sees the registration's slots already updated).
                synchronized (lock) {
                    // nothing: a barrier
                }
                for (ServiceWorkerObserver observer : observers) {
                    try {
                        event.accept(observer);
                    } catch (RuntimeException e) {
                        LOG.warn("a service worker observer failed", e);
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("observer event after close dropped");
        }
    }

    // ------------------------------------------------------------------------ persistence

    /** Stores the registration's installed workers, or deletes it when it has none. Under the lock. */
    void persistLocked(ServiceWorkerRegistration registration) {
        if (store == null) {
            return;
        }
        StoredVersion active = stored(registration.active(), ServiceWorkerState.ACTIVATED);
        StoredVersion waiting = stored(registration.waiting(), ServiceWorkerState.INSTALLED);
        try {
            if (registration.isCleared() || registration.isUninstalling() || (active == null && waiting == null)) {
                store.delete(registration.storageKey(), registration.scope().href());
            } else {
                store.store(new StoredRegistration(registration.storageKey(), registration.scope().href(),
                        registration.updateViaCache().jsName(), registration.lastUpdateCheck(), active, waiting,
                        registration.navigationPreloadEnabled(), registration.navigationPreloadHeaderValue()));
            }
        } catch (StorageException e) {
            // The live registration goes on; the next change stores it again.
            LOG.error("could not store the registration {}: {}", registration.scope().href(), e.getMessage(), e);
        }
    }

    private static StoredVersion stored(ServiceWorkerVersion version, ServiceWorkerState state) {
        if (version == null) {
            return null;
        }
        java.util.Set<String> types = version.eventTypesToHandle();
        return new StoredVersion(version.id(), version.scriptUrl().href(), version.type(), state,
                types == null ? java.util.Set.of() : types, version.scripts().all(),
                RouterRulesCodec.encode(version.routerRules()));
    }

    /** Loads the stored registrations: their workers are activated or waiting, not running. */
    private void restore() throws StorageException {
        if (store == null) {
            return;
        }
        for (StoredRegistration stored : store.loadAll()) {
            Url scope = Url.parse(stored.scope());
            ServiceWorkerRegistration registration = new ServiceWorkerRegistration(stored.storageKey(), scope,
                    UpdateViaCache.fromJsName(stored.updateViaCache()));
            registration.setLastUpdateCheck(stored.lastUpdateCheck());
            registration.setNavigationPreloadEnabled(stored.navigationPreloadEnabled());
            registration.setNavigationPreloadHeaderValue(stored.navigationPreloadHeaderValue());
            if (stored.active() != null) {
                registration.setActive(restoreVersion(registration, stored.active(), ServiceWorkerState.ACTIVATED));
            }
            if (stored.waiting() != null) {
                registration.setWaiting(restoreVersion(registration, stored.waiting(), ServiceWorkerState.INSTALLED));
            }
            registrations.put(scope, registration);
        }
    }

    private ServiceWorkerVersion restoreVersion(ServiceWorkerRegistration registration, StoredVersion stored,
            ServiceWorkerState state) {
        ScriptResourceMap scripts = new ScriptResourceMap();
        for (ScriptResource script : stored.scripts()) {
            scripts.put(script);
        }
        ServiceWorkerVersion version = lifecycle.newVersion(stored.id(), registration, Url.parse(stored.scriptUrl()),
                stored.type(), scripts, stored.eventTypesToHandle());
        version.setState(state);
        try {
            version.setRouterRules(RouterRulesCodec.decode(stored.routerRules()));
        } catch (IllegalArgumentException | org.sw4j.webapi.error.WebError e) {
            // A text this engine cannot read: the worker runs without its routes (its fetch event sees all).
            LOG.error("the stored router rules of {} are unreadable, ignored: {}", stored.scriptUrl(), e.getMessage());
        }
        return version;
    }

    // ------------------------------------------------------------------------ idle and time limits

    /** Stops workers idle for longer than the idle timeout and those whose event ran too long. */
    private void reap() {
        List<ServiceWorkerVersion> idle = new ArrayList<>();
        List<ServiceWorkerVersion> overdue = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (lock) {
            for (ServiceWorkerRegistration registration : registrations.values()) {
                collect(registration, now, idle, overdue);
            }
            for (ServiceWorkerClient client : clients.values()) {
                ServiceWorkerVersion active = client.activeServiceWorker();
                if (active != null && active.registration().isUninstalling()) {
                    collect(active.registration(), now, idle, overdue);
                }
            }
        }
        for (ServiceWorkerVersion version : overdue) {
            LOG.warn("stopping worker {}: an event ran longer than {}", version.scriptUrl().href(), eventTimeout);
            lifecycle.terminate(version);
        }
        for (ServiceWorkerVersion version : idle) {
            LOG.debug("stopping idle worker {}", version.scriptUrl().href());
            lifecycle.terminate(version);
        }
    }

    private void collect(ServiceWorkerRegistration registration, long now, List<ServiceWorkerVersion> idle,
            List<ServiceWorkerVersion> overdue) {
        for (ServiceWorkerVersion version : registration.versions()) {
            if (!version.isRunning() || idle.contains(version) || overdue.contains(version)) {
                continue;
            }
            // Evaluation has the worker host's own limits; the event time limit is for events.
            boolean tooLong = version.events().stream()
                    .anyMatch(event -> !event.type().equals(Lifecycle.SCRIPT_EVALUATION)
                            && now - event.startNanos() > eventTimeout.toNanos());
            if (tooLong) {
                overdue.add(version);
            } else if (version.hasNoPendingEvents() && now - version.idleSinceNanos() > idleTimeout.toNanos()) {
                idle.add(version);
            }
        }
    }

    // ------------------------------------------------------------------------ builder

    /** Configures a {@link ServiceWorkerContext}. */
    public static final class Builder {
        private final WorkerHost host;
        private OriginFetcher scriptFetcher = request -> {
            throw new java.io.IOException("no network: cannot fetch " + request.url());
        };
        private RegistrationStore store;
        private Clock clock = Clock.systemUTC();
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration eventTimeout = Duration.ofMinutes(5);
        private Duration updateCheckInterval = Duration.ofHours(24);
        private Fetcher network = Fetcher.NONE;
        private String userAgent = "sw4j";
        private CacheStore cacheStore;
        private WindowHost windowHost = WindowHost.NONE;

        private Builder(WorkerHost host) {
            this.host = Objects.requireNonNull(host, "host");
        }

        /** How worker scripts (main and imported) are fetched; default: no network. */
        public Builder scriptFetcher(OriginFetcher scriptFetcher) {
            this.scriptFetcher = Objects.requireNonNull(scriptFetcher);
            return this;
        }

        /**
         * The network the engine itself fetches from (navigation preload, static routes' network
         * sources), sending {@code userAgent} as {@code User-Agent}; default: no network.
         */
        public Builder network(Fetcher network, String userAgent) {
            this.network = Objects.requireNonNull(network, "network");
            this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
            return this;
        }

        /**
         * The Cache Storage the workers' {@code caches} use, which static routes' cache sources read;
         * default: none (a cache source then finds nothing).
         */
        public Builder cacheStore(CacheStore cacheStore) {
            this.cacheStore = Objects.requireNonNull(cacheStore, "cacheStore");
            return this;
        }

        /**
         * The embedder's windows, which workers focus, navigate and open ({@code WindowClient},
         * {@code clients.openWindow()}); default: none.
         */
        public Builder windowHost(WindowHost windowHost) {
            this.windowHost = Objects.requireNonNull(windowHost, "windowHost");
            return this;
        }

        /** Where registrations are kept across restarts; default: nowhere (in memory only). */
        public Builder store(RegistrationStore store) {
            this.store = Objects.requireNonNull(store);
            return this;
        }

        /** The clock of update checks (the 24-hour rule); default: the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** A worker with no event for this long is stopped (default 30 s, as in browsers). */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = positive(idleTimeout, "idleTimeout");
            return this;
        }

        /** A worker still handling an event after this long is stopped (default 5 min). */
        public Builder eventTimeout(Duration eventTimeout) {
            this.eventTimeout = positive(eventTimeout, "eventTimeout");
            return this;
        }

        /** How old the last update check may be before functional events trigger one (default 24 h). */
        public Builder updateCheckInterval(Duration interval) {
            this.updateCheckInterval = positive(interval, "updateCheckInterval");
            return this;
        }

        private static Duration positive(Duration duration, String name) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return duration;
        }

        /** Builds the context, restoring the store's registrations. */
        public ServiceWorkerContext build() throws StorageException {
            return new ServiceWorkerContext(this);
        }
    }
}
