package org.sw4j.core.cache;

import java.util.Objects;
import org.sw4j.core.spi.cache.CachedRequest;
import org.sw4j.core.spi.cache.CachedResponse;
import org.sw4j.core.spi.cache.StagedBody;

/** A cache batch operation (https://w3c.github.io/ServiceWorker/#dfn-cache-batch-operation). */
public sealed interface CacheBatchOperation {
    /** The request the operation is about. */
    CachedRequest request();

    /** Type "delete": removes the entries {@code request} matches under {@code options}. */
    record Delete(CachedRequest request, CacheQueryOptions options) implements CacheBatchOperation {
        public Delete {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(options, "options");
        }
    }

    /**
     * Type "put": stores {@code request} with {@code response}, whose body was staged as
     * {@code body} (null for a null body). The batch uses the staged body up, whatever its outcome.
     */
    record Put(CachedRequest request, CachedResponse response, StagedBody body) implements CacheBatchOperation {
        public Put {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(response, "response");
        }
    }
}
