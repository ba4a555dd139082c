package org.sw4j.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.sw4j.core.routing.RouterRule;
import org.sw4j.core.spi.RunningWorker;
import org.sw4j.core.spi.WorkerInfo;
import org.sw4j.core.version.EmbeddedWorker;
import org.sw4j.core.version.ScriptResourceMap;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.core.version.WorkerType;
import org.sw4j.webapi.url.Url;

/**
 * A service worker (Service Workers § "service worker"), one version of a registration's script:
 * its lifecycle state, its script resource map, and — apart from the state — whether its
 * JavaScript is running ({@link EmbeddedWorker}). Read from any thread; changed by the engine
 * under its lock.
 */
public final class ServiceWorkerVersion {
    private final String id;
    private final ServiceWorkerRegistration registration;
    private final Url scriptUrl;
    private final WorkerType type;
    private final ScriptResourceMap scripts;
    private volatile ServiceWorkerState state = ServiceWorkerState.PARSED;
    private volatile Set<String> eventTypesToHandle;
    private volatile boolean skipWaiting;
    /** Until when (System.nanoTime()) window interaction is allowed; valid when the flag is set. */
    private volatile long windowInteractionUntil;
    private volatile boolean windowInteractionGranted;
    private volatile List<RouterRule> routerRules = List.of();
    private EmbeddedWorker worker;

    // Changed under the engine's lock; the count is read from any thread.
    private volatile int pendingEvents;
    private long idleSinceNanos = System.nanoTime();
    private final List<PendingEvent> events = new ArrayList<>();
    private final List<CompletableFuture<Void>> activatedWaiters = new ArrayList<>();
    /** Completes once the last message posted to this worker was queued in it (messages keep their order). */
    private CompletableFuture<Void> lastMessageQueued = CompletableFuture.completedFuture(null);

    /** An event the worker is handling, for the pending-events rule and the event time limit. */
    record PendingEvent(String type, long startNanos) {
    }

    ServiceWorkerVersion(String id, ServiceWorkerRegistration registration, Url scriptUrl, WorkerType type,
            ScriptResourceMap scripts, Set<String> eventTypesToHandle) {
        this.id = id;
        this.registration = registration;
        this.scriptUrl = scriptUrl;
        this.type = type;
        this.scripts = scripts;
        this.eventTypesToHandle = eventTypesToHandle;
    }

    public String id() {
        return id;
    }

    /** The containing service worker registration. */
    public ServiceWorkerRegistration registration() {
        return registration;
    }

    public Url scriptUrl() {
        return scriptUrl;
    }

    public WorkerType type() {
        return type;
    }

    public ServiceWorkerState state() {
        return state;
    }

    /** The script resource map: the main script and every import, bytes as fetched. */
    public ScriptResourceMap scripts() {
        return scripts;
    }

    /**
     * Whether the worker may open and focus windows now (the spec's "allow window interaction", which
     * a {@code notificationclick} grants for a while): granted by {@link #allowWindowInteraction}.
     */
    public boolean windowInteractionAllowed() {
        return windowInteractionGranted && System.nanoTime() - windowInteractionUntil < 0;
    }

    void allowWindowInteraction(java.time.Duration duration) {
        windowInteractionUntil = System.nanoTime() + duration.toNanos();
        windowInteractionGranted = true;
    }

    /** The set of event types to handle, known once the script was first evaluated (else null). */
    public Set<String> eventTypesToHandle() {
        return eventTypesToHandle;
    }

    /** The list of router rules ({@code InstallEvent.addRoutes()}), in the order they were added. */
    public List<RouterRule> routerRules() {
        return routerRules;
    }

    public boolean skipWaitingFlag() {
        return skipWaiting;
    }

    /** Whether the worker's JavaScript is running now (independent of {@link #state()}). */
    public boolean isRunning() {
        EmbeddedWorker w = worker;
        return w != null && w.isRunning();
    }

    public WorkerInfo info() {
        return new WorkerInfo(id, scriptUrl.href(), state);
    }

    void setState(ServiceWorkerState state) {
        this.state = state;
        if (state == ServiceWorkerState.ACTIVATED || state == ServiceWorkerState.REDUNDANT) {
            activatedWaiters.forEach(w -> w.complete(null));
            activatedWaiters.clear();
        }
    }

    void setEventTypesToHandle(Set<String> types) {
        this.eventTypesToHandle = Set.copyOf(types);
    }

    void setRouterRules(List<RouterRule> rules) {
        this.routerRules = List.copyOf(rules);
    }

    void setSkipWaiting() {
        this.skipWaiting = true;
    }

    void setWorker(EmbeddedWorker worker) {
        this.worker = worker;
    }

    EmbeddedWorker worker() {
        return worker;
    }

    /** The running instance, or null. */
    RunningWorker running() {
        EmbeddedWorker w = worker;
        return w == null ? null : w.current();
    }

    /** Completes when the state leaves "activating" (activated, or redundant). Under the lock. */
    CompletableFuture<Void> whenActivated() {
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        if (state != ServiceWorkerState.ACTIVATING && state != ServiceWorkerState.PARSED
                && state != ServiceWorkerState.INSTALLING && state != ServiceWorkerState.INSTALLED) {
            waiter.complete(null);
        } else {
            activatedWaiters.add(waiter);
        }
        return waiter;
    }

    /**
     * Chains a message's delivery after the previous message's, so that messages reach the worker
     * in the order they were posted. Under the lock.
     */
    CompletableFuture<Void> afterLastMessage(CompletableFuture<Void> queued) {
        CompletableFuture<Void> previous = lastMessageQueued;
        lastMessageQueued = queued;
        return previous;
    }

    PendingEvent beginEvent(String type) {
        PendingEvent event = new PendingEvent(type, System.nanoTime());
        events.add(event);
        pendingEvents++;
        return event;
    }

    void endEvent(PendingEvent event) {
        if (events.remove(event)) {
            pendingEvents--;
            idleSinceNanos = System.nanoTime();
        }
    }

    /** Forgets every event (the worker stopped: none of them can go on). */
    void clearEvents() {
        events.clear();
        pendingEvents = 0;
        idleSinceNanos = System.nanoTime();
    }

    /** Implements Service Worker Has No Pending Events: no functional event still extended. */
    boolean hasNoPendingEvents() {
        return pendingEvents == 0;
    }

    /**
     * How many events the worker has pending now: dispatched and not yet handled, or handled with
     * {@code waitUntil()} promises not yet settled. Read from any thread.
     */
    public int pendingEventCount() {
        return pendingEvents;
    }

    List<PendingEvent> events() {
        return List.copyOf(events);
    }

    long idleSinceNanos() {
        return idleSinceNanos;
    }

    @Override
    public String toString() {
        return "ServiceWorkerVersion[" + id + " " + scriptUrl.href() + " " + state.jsName() + "]";
    }
}
