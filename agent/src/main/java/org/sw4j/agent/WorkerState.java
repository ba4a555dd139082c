package org.sw4j.agent;

import org.sw4j.core.engine.ServiceWorkerVersion;
import org.sw4j.core.version.ServiceWorkerState;

/**
 * A service worker as a client sees it ({@code ServiceWorker}), plus whether its JavaScript runs.
 *
 * @param id the worker's id
 * @param scriptUrl its script URL
 * @param state its lifecycle state
 * @param running whether its JavaScript is running now (a stopped worker keeps its state)
 * @param pendingEvents events it has pending: dispatched and not yet handled, or with
 *     {@code waitUntil()} promises not yet settled
 */
public record WorkerState(String id, String scriptUrl, ServiceWorkerState state, boolean running, int pendingEvents) {
    static WorkerState of(ServiceWorkerVersion version) {
        return version == null ? null
                : new WorkerState(version.id(), version.scriptUrl().href(), version.state(), version.isRunning(),
                        version.pendingEventCount());
    }
}
