package org.sw4j.core.spi;

import java.util.Objects;
import java.util.function.Supplier;
import org.sw4j.core.version.ScriptResourceMap;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.core.version.WorkerType;

/**
 * Everything a {@link WorkerHost} needs to start one service worker.
 *
 * @param scriptUrl the main script's URL (also the global scope's {@code location})
 * @param type classic or module
 * @param scripts the worker's script resource map; the main script must be in it. Imports the
 *     script fetches are added to it; scripts already in it are used without the network.
 * @param state the worker's lifecycle state, read by rules such as importScripts'
 * @param fetcher how imports reach the network
 * @param observer told of uncaught errors and termination
 * @param services the registration, clients and skipWaiting behind the global scope
 */
public record WorkerStart(
        String scriptUrl,
        WorkerType type,
        ScriptResourceMap scripts,
        Supplier<ServiceWorkerState> state,
        OriginFetcher fetcher,
        WorkerObserver observer,
        WorkerServices services) {
    public WorkerStart {
        Objects.requireNonNull(scriptUrl, "scriptUrl");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(scripts, "scripts");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(fetcher, "fetcher");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(services, "services");
        if (!scripts.contains(scriptUrl)) {
            throw new IllegalArgumentException("the script resource map lacks the main script " + scriptUrl);
        }
    }

    /**
     * A worker no registration holds ({@link WorkerServices#standalone}), its scope the script's
     * directory.
     */
    public WorkerStart(String scriptUrl, WorkerType type, ScriptResourceMap scripts,
            Supplier<ServiceWorkerState> state, OriginFetcher fetcher, WorkerObserver observer) {
        this(scriptUrl, type, scripts, state, fetcher, observer,
                WorkerServices.standalone(directoryOf(scriptUrl), scriptUrl));
    }

    private static String directoryOf(String url) {
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(0, slash + 1);
    }
}
