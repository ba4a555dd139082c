package org.sw4j.agent;

import org.sw4j.core.engine.UpdateViaCache;
import org.sw4j.core.version.WorkerType;

/**
 * {@code RegistrationOptions} of {@code navigator.serviceWorker.register()}.
 *
 * @param scope the scope URL, relative to the window's URL; null for the script's directory
 * @param type classic or module
 * @param updateViaCache which scripts the HTTP cache may serve to update checks
 */
public record RegistrationOptions(String scope, WorkerType type, UpdateViaCache updateViaCache) {
    public static final RegistrationOptions DEFAULT = new RegistrationOptions(null, WorkerType.CLASSIC,
            UpdateViaCache.IMPORTS);

    public RegistrationOptions {
        type = type == null ? WorkerType.CLASSIC : type;
        updateViaCache = updateViaCache == null ? UpdateViaCache.IMPORTS : updateViaCache;
    }

    public static RegistrationOptions scope(String scope) {
        return new RegistrationOptions(scope, WorkerType.CLASSIC, UpdateViaCache.IMPORTS);
    }

    public RegistrationOptions withType(WorkerType type) {
        return new RegistrationOptions(scope, type, updateViaCache);
    }

    public RegistrationOptions withUpdateViaCache(UpdateViaCache updateViaCache) {
        return new RegistrationOptions(scope, type, updateViaCache);
    }
}
