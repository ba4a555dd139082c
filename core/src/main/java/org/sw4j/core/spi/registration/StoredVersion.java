package org.sw4j.core.spi.registration;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.sw4j.core.version.ScriptResource;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.core.version.WorkerType;

/**
 * A service worker version as stored: enough to run it again after a restart without the network.
 *
 * @param id the version's id, unique in the store
 * @param scriptUrl the main script's URL
 * @param type classic or module
 * @param state {@link ServiceWorkerState#INSTALLED} for a waiting worker,
 *     {@link ServiceWorkerState#ACTIVATED} for an active one
 * @param eventTypesToHandle the set of event types to handle, found when it was first evaluated
 * @param scripts its script resource map, main script first, bytes exact
 * @param routerRules the version's static routes (added by {@code InstallEvent.addRoutes()}), in the
 *     engine's own text form, which stores keep verbatim; {@code ""} when it has none
 */
public record StoredVersion(String id, String scriptUrl, WorkerType type, ServiceWorkerState state,
        Set<String> eventTypesToHandle, List<ScriptResource> scripts, String routerRules) {
    public StoredVersion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(routerRules, "routerRules");
        Objects.requireNonNull(scriptUrl, "scriptUrl");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        eventTypesToHandle = Set.copyOf(eventTypesToHandle);
        scripts = List.copyOf(scripts);
        if (scripts.isEmpty() || !scripts.get(0).url().equals(scriptUrl)) {
            throw new IllegalArgumentException("the main script " + scriptUrl + " must come first in scripts");
        }
    }

    /** A version without static routes. */
    public StoredVersion(String id, String scriptUrl, WorkerType type, ServiceWorkerState state,
            Set<String> eventTypesToHandle, List<ScriptResource> scripts) {
        this(id, scriptUrl, type, state, eventTypesToHandle, scripts, "");
    }
}
