package org.sw4j.core.cache;

/**
 * The CacheQueryOptions dictionary (https://w3c.github.io/ServiceWorker/#dictdef-cachequeryoptions).
 */
public record CacheQueryOptions(boolean ignoreSearch, boolean ignoreMethod, boolean ignoreVary) {
    /** Every member false: what an omitted options argument means. */
    public static final CacheQueryOptions DEFAULT = new CacheQueryOptions(false, false, false);
}
