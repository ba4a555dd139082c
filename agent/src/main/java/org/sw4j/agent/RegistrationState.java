package org.sw4j.agent;

import org.sw4j.core.engine.ServiceWorkerRegistration;

/**
 * A registration as it is now ({@code ServiceWorkerRegistration}'s attributes).
 *
 * @param scope the scope URL
 * @param updateViaCache {@code "imports"}, {@code "all"} or {@code "none"}
 * @param installing the installing worker, or null
 * @param waiting the waiting worker, or null
 * @param active the active worker, or null
 */
public record RegistrationState(String scope, String updateViaCache, WorkerState installing, WorkerState waiting,
        WorkerState active) {
    static RegistrationState of(ServiceWorkerRegistration registration) {
        return new RegistrationState(registration.scope().href(), registration.updateViaCache().jsName(),
                WorkerState.of(registration.installing()), WorkerState.of(registration.waiting()),
                WorkerState.of(registration.active()));
    }
}
