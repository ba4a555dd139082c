package org.sw4j.core.version;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service worker's script resource map (Service Workers § "script resource map"): every script
 * the worker has run, the main script first, keyed by request URL. Thread-safe: the worker's
 * thread adds imports while other threads read it.
 */
public final class ScriptResourceMap {
    private final Map<String, ScriptResource> resources = new LinkedHashMap<>();

    public synchronized void put(ScriptResource resource) {
        resources.put(resource.url(), resource);
    }

    public synchronized Optional<ScriptResource> get(String url) {
        return Optional.ofNullable(resources.get(url));
    }

    public synchronized boolean contains(String url) {
        return resources.containsKey(url);
    }

    /** The resources in the order they were first added. */
    public synchronized List<ScriptResource> all() {
        return new ArrayList<>(resources.values());
    }
}
