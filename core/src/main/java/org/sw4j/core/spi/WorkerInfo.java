package org.sw4j.core.spi;

import java.util.Objects;
import org.sw4j.core.version.ServiceWorkerState;

/**
 * A service worker as a {@code ServiceWorker} object shows it: a snapshot.
 *
 * @param id the version's id, unique in the runtime (stable across restarts), so a script's
 *     objects for one worker can be told apart from another's
 * @param scriptUrl the worker's script URL, serialized
 * @param state its lifecycle state
 */
public record WorkerInfo(String id, String scriptUrl, ServiceWorkerState state) {
    public WorkerInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scriptUrl, "scriptUrl");
        Objects.requireNonNull(state, "state");
    }
}
