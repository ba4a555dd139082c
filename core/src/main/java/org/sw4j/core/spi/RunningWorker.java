package org.sw4j.core.spi;

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
     * Completes when nothing keeps the worker busy: no queued task, no pending timer, no host
     * operation in flight and no event whose lifetime is still extended.
     */
    CompletableFuture<Void> idle();

    /** Completes when the worker has stopped, for whatever reason. */
    CompletableFuture<Void> terminated();

    boolean isRunning();

    /** Stops the worker: its JavaScript is abandoned, its global state lost. */
    void terminate();
}
