package org.sw4j.core.spi.cache;

/**
 * An open cache of a {@link CacheStore}. It keeps a deleted cache's entries alive for its holder
 * until it is closed (see {@link CacheStore}). Closing is idempotent.
 */
public interface CacheHandle extends AutoCloseable {
    /** The storage key the cache belongs to. */
    String storageKey();

    /** The cache's name (it may have been deleted since). */
    String name();

    /** The cache's id in its store; two handles on one cache have the same id. */
    long id();

    @Override
    void close();
}
