package org.sw4j.core.cache;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sw4j.core.spi.cache.CacheHandle;
import org.sw4j.core.spi.cache.CacheStore;
import org.sw4j.core.spi.cache.CachedRequest;
import org.sw4j.core.spi.cache.StorageException;
import org.sw4j.core.spi.cache.StorageUsage;

/**
 * One storage key's CacheStorage (https://w3c.github.io/ServiceWorker/#cachestorage-interface):
 * its name to cache map, kept in a store, invisible to every other storage key. Methods block on
 * the store: call them from virtual threads.
 */
public final class CacheStorage {
    private final CacheStore store;
    private final String storageKey;

    public CacheStorage(CacheStore store, String storageKey) {
        this.store = Objects.requireNonNull(store, "store");
        this.storageKey = Objects.requireNonNull(storageKey, "storageKey");
    }

    public String storageKey() {
        return storageKey;
    }

    /** The open(cacheName) steps (https://w3c.github.io/ServiceWorker/#cache-storage-open): the cache, created if missing. */
    public Cache open(String cacheName) {
        try {
            CacheHandle handle = store.openCache(storageKey, cacheName, true).orElseThrow();
            return new Cache(store, handle);
        } catch (StorageException e) {
            throw CacheErrors.toWebError(e);
        }
    }

    /** The has(cacheName) steps. */
    public boolean has(String cacheName) {
        try {
            return store.cacheNames(storageKey).contains(cacheName);
        } catch (StorageException e) {
            throw CacheErrors.toWebError(e);
        }
    }

    /** The delete(cacheName) steps: whether there was such a cache. Holders of it keep it until they close it. */
    public boolean delete(String cacheName) {
        try {
            return store.deleteCache(storageKey, cacheName);
        } catch (StorageException e) {
            throw CacheErrors.toWebError(e);
        }
    }

    /** The keys() steps: the cache names in creation order. */
    public List<String> keys() {
        try {
            return store.cacheNames(storageKey);
        } catch (StorageException e) {
            throw CacheErrors.toWebError(e);
        }
    }

    /**
     * The match(request, options) steps (https://w3c.github.io/ServiceWorker/#cache-storage-match):
     * with a {@code cacheName}, that cache's match (none if there is no such cache); else the first
     * match of the caches in creation order.
     */
    public Optional<StoredResponse> match(CachedRequest request, CacheQueryOptions options, String cacheName) {
        try {
            List<String> names = cacheName != null ? List.of(cacheName) : store.cacheNames(storageKey);
            for (String name : names) {
                Optional<CacheHandle> handle = store.openCache(storageKey, name, false);
                if (handle.isEmpty()) {
                    continue;
                }
                try (Cache cache = new Cache(store, handle.get())) {
                    StoredResponse found = cache.match(request, options);
                    if (found != null) {
                        return Optional.of(found);
                    }
                }
            }
            return Optional.empty();
        } catch (StorageException e) {
            throw CacheErrors.toWebError(e);
        }
    }

    /** navigator.storage.estimate()'s figures. */
    public StorageUsage estimate() {
        try {
            return store.usage(storageKey);
        } catch (StorageException e) {
            throw CacheErrors.toWebError(e);
        }
    }

    /** navigator.storage.persisted(). */
    public boolean persisted() {
        try {
            return store.isPersisted(storageKey);
        } catch (StorageException e) {
            throw CacheErrors.toWebError(e);
        }
    }

    /** navigator.storage.persist(): granted here (a headless platform has no user to ask). */
    public boolean persist() {
        try {
            return store.persist(storageKey);
        } catch (StorageException e) {
            throw CacheErrors.toWebError(e);
        }
    }
}
