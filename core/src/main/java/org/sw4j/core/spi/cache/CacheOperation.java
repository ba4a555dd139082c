package org.sw4j.core.spi.cache;

import java.util.Objects;

/** One step of an atomic {@link CacheStore#commit}. */
public sealed interface CacheOperation {

    /** Removes the entry {@code entryId} (and, once no reader holds it, its body). */
    record Delete(long entryId) implements CacheOperation {
    }

    /**
     * Appends an entry. {@code body} is a staged body from {@link CacheStore#newBody} of the same
     * storage key, or null for a null body; the store fills in the response row's bodyId and
     * bodySize.
     */
    record Put(CachedRequest request, CachedResponse response, StagedBody body) implements CacheOperation {
        public Put {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(response, "response");
        }
    }
}
