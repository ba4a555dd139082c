package org.sw4j.core.spi;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One running instance of a service worker: its global scope and event loop. Whether a worker is
 * running is separate from its lifecycle state; stopping it never changes that state.
 */
public interface RunningWorker {
    /**
     * Completes when the main script has been evaluated, or exceptionally with a
     * {@link ScriptEvaluationException} when it (or a static import) failed, or with a
     * {@link WorkerTerminatedException} when a limit cut it off.
     */
    CompletableFuture<Void> evaluated();

    /**
     * Dispatches a trusted {@code ExtendableEvent} of the given type (for {@code install} an
     * {@code InstallEvent}) and completes once dispatch returned and every extend lifetime
     * promise settled.
     */
    CompletableFuture<ExtendableEventResult> dispatchExtendableEvent(String type);

    /**
     * Service Workers § Handle Fetch, the part that runs in the worker: creates a {@code FetchEvent}
     * for {@code init} and dispatches it (queued as a task; call after {@link #evaluated()}).
     */
    FetchEventDispatch dispatchFetchEvent(FetchEventInit init);

    /**
     * The worker's "set of event types to handle": the types of the listeners (and event handler
     * attributes) its script added to the global scope during the initial evaluation. Valid once
     * {@link #evaluated()} completed normally; empty before.
     */
    Set<String> eventTypesToHandle();

    /**
     * Tells the worker's {@code ServiceWorkerRegistration} and {@code ServiceWorker} objects that
     * the registration changed (Service Workers § Update Registration State and Update Worker
     * State): they take the new values; every {@code ServiceWorker} object whose state changed
     * fires {@code statechange}; when {@code updateFound}, the registration fires
     * {@code updatefound}. Queued as a task; harmless when the worker is stopping.
     */
    void registrationChanged(RegistrationInfo registration, boolean updateFound);

    /**
     * The lifetime promises still pending in this worker (for lifecycle diagnostics): completes
     * with an empty list when there are none or the worker has stopped.
     */
    CompletableFuture<List<PendingExtension>> pendingExtensions();

    /**
     * Completes when nothing keeps the worker busy: no queued task, no pending timer, no host
     * operation in flight and no event whose lifetime is still extended.
     */
    CompletableFuture<Void> idle();

    /** Completes when the worker has stopped, for whatever reason. */
    CompletableFuture<Void> terminated();

    boolean isRunning();

    /** Stops the worker: its JavaScript is abandoned, its global state lost. */
    void terminate();

    /**
     * Service Workers § ServiceWorker postMessage(), the task queued in the worker: deserializes the
     * message and fires an {@code ExtendableMessageEvent} named {@code message} at the global scope
     * ({@code messageerror} when deserialization fails); completes like
     * {@link #dispatchExtendableEvent} once every lifetime promise settled. Queued as a task; call
     * after {@link #evaluated()}.
     */
    CompletableFuture<ExtendableEventResult> dispatchMessageEvent(ExtendableMessageEventInit init);
}
