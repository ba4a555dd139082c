package org.sw4j.core.spi.cache;

import java.util.Objects;

/**
 * One stored entry of a cache's request-response list.
 *
 * @param id the entry's id in its store; ids grow with insertion order within a cache
 * @param request the request row
 * @param response the response row (its bodyId and bodySize say where the body is)
 */
public record CacheEntry(long id, CachedRequest request, CachedResponse response) {
    public CacheEntry {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(response, "response");
    }
}
