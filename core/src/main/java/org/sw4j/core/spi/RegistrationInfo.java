package org.sw4j.core.spi;

import java.util.Objects;

/**
 * A service worker registration as a {@code ServiceWorkerRegistration} object shows it: a snapshot.
 *
 * @param scope the scope URL, serialized
 * @param updateViaCache {@code "imports"}, {@code "all"} or {@code "none"}
 * @param installing the installing worker, or null
 * @param waiting the waiting worker, or null
 * @param active the active worker, or null
 */
public record RegistrationInfo(String scope, String updateViaCache, WorkerInfo installing, WorkerInfo waiting,
        WorkerInfo active) {
    public RegistrationInfo {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(updateViaCache, "updateViaCache");
    }
}
