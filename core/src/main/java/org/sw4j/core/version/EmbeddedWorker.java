package org.sw4j.core.version;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.sw4j.core.spi.ExtendableEventResult;
import org.sw4j.core.spi.RunningWorker;
import org.sw4j.core.spi.WorkerHost;
import org.sw4j.core.spi.WorkerStart;

/**
 * Whether a service worker's JavaScript is running, kept apart from its lifecycle state. It
 * starts the worker on demand for each event and forgets a stopped instance, so the next event
 * starts a fresh one (with fresh global state, as in browsers).
 */
public final class EmbeddedWorker {
    private final WorkerHost host;
    private final Supplier<WorkerStart> startParameters;
    private RunningWorker running;

    public EmbeddedWorker(WorkerHost host, Supplier<WorkerStart> startParameters) {
        this.host = host;
        this.startParameters = startParameters;
    }

    /**
     * Implements the Service Workers spec's "Run Service Worker" algorithm: returns the running
     * instance, starting one (and evaluating its script) when none is running.
     */
    public synchronized RunningWorker run() {
        if (running == null || !running.isRunning()) {
            running = host.start(startParameters.get());
        }
        return running;
    }

    /**
     * Runs the worker if needed, waits for its script to be evaluated, then dispatches a trusted
     * extendable event of {@code type}. Fails with the evaluation's failure if the script threw.
     */
    public CompletableFuture<ExtendableEventResult> dispatchExtendableEvent(String type) {
        RunningWorker worker = run();
        return worker.evaluated().thenCompose(ignored -> worker.dispatchExtendableEvent(type));
    }

    /** Whether an instance is running now. */
    public synchronized boolean isRunning() {
        return running != null && running.isRunning();
    }

    /** The running instance, or null. */
    public synchronized RunningWorker current() {
        return running != null && running.isRunning() ? running : null;
    }

    /**
     * Terminates the running instance, if any. Lifecycle state is untouched. The host is told
     * outside this object's monitor, so that what termination sets off (observers, failed event
     * futures) may take other locks.
     */
    public void stop() {
        RunningWorker stopping;
        synchronized (this) {
            stopping = running;
            running = null;
        }
        if (stopping != null) {
            stopping.terminate();
        }
    }
}
