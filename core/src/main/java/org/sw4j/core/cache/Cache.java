package org.sw4j.core.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.sw4j.core.spi.cache.BodySink;
import org.sw4j.core.spi.cache.CacheEntry;
import org.sw4j.core.spi.cache.CacheHandle;
import org.sw4j.core.spi.cache.CacheOperation;
import org.sw4j.core.spi.cache.CacheStore;
import org.sw4j.core.spi.cache.CachedRequest;
import org.sw4j.core.spi.cache.CachedResponse;
import org.sw4j.core.spi.cache.StagedBody;
import org.sw4j.core.spi.cache.StorageException;
import org.sw4j.core.spi.cache.UrlLookup;
import org.sw4j.webapi.error.DomExceptionName;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.fetch.BodySource;

/**
 * A Cache object's request response list (https://w3c.github.io/ServiceWorker/#cache-interface),
 * held open in a store. Methods block on the store: call them from virtual threads. Closing
 * releases the hold (a deleted cache's entries go when the last holder closes).
 */
public final class Cache implements AutoCloseable {
    /** Serializes Batch Cache Operations per cache: their queries and commit are one atomic step. */
    private static final Map<CacheStore, ReentrantLock[]> WRITE_LOCKS = new WeakHashMap<>();
    private static final int LOCK_STRIPES = 64;

    private final CacheStore store;
    private final CacheHandle handle;

    Cache(CacheStore store, CacheHandle handle) {
        this.store = store;
        this.handle = handle;
    }

    /** The cache's name. */
    public String name() {
        return handle.name();
    }

    /** Whether a commit of staged bodies or deletes waits for the disk (see {@link CacheStore#commitWaitsForDisk}). */
    public boolean commitWaitsForDisk() {
        return store.commitWaitsForDisk();
    }

    /** The storage key the cache belongs to. */
    public String storageKey() {
        return handle.storageKey();
    }

    /**
     * The matchAll(request, options) steps (https://w3c.github.io/ServiceWorker/#cache-matchall)
     * after the request conversion: every matching entry in insertion order, its body opened now;
     * every entry for a null {@code request}; none for a non-GET request unless
     * {@code ignoreMethod}. An entry whose body the store has lost is left out, as if it were not
     * there (the store removes it).
     */
    public List<StoredResponse> matchAll(CachedRequest request, CacheQueryOptions options) {
        List<CacheEntry> entries = entries(request, options);
        List<StoredResponse> responses = new ArrayList<>(entries.size());
        try {
            for (CacheEntry entry : entries) {
                StoredResponse response = respond(entry);
                if (response != null) {
                    responses.add(response);
                }
            }
        } catch (RuntimeException e) {
            responses.forEach(StoredResponse::discard);
            throw e;
        }
        return responses;
    }

    /** The match(request, options) steps: the first of {@link #matchAll}, or null. */
    public StoredResponse match(CachedRequest request, CacheQueryOptions options) {
        for (CacheEntry entry : entries(request, options)) {
            StoredResponse response = respond(entry);
            if (response != null) {
                return response;
            }
        }
        return null;
    }

    /**
     * The keys(request, options) steps (https://w3c.github.io/ServiceWorker/#cache-keys): the
     * requests of the matching entries (of every entry for a null {@code request}) in insertion
     * order.
     */
    public List<CachedRequest> keys(CachedRequest request, CacheQueryOptions options) {
        List<CachedRequest> requests = new ArrayList<>();
        for (CacheEntry entry : entries(request, options)) {
            requests.add(entry.request());
        }
        return requests;
    }

    /**
     * The delete(request, options) steps (https://w3c.github.io/ServiceWorker/#cache-delete): a
     * batch of one delete operation; whether anything was removed.
     */
    public boolean delete(CachedRequest request, CacheQueryOptions options) {
        if (!options.ignoreMethod() && !request.method().equals("GET")) {
            return false;
        }
        return batch(List.of(new CacheBatchOperation.Delete(request, options))).removed() > 0;
    }

    /**
     * Stages a response body for a later {@link #batch} put: reads {@code source} to its end into
     * the store (counted against the quota as it goes) and closes it.
     *
     * @throws WebError QuotaExceededError when the quota or disk is full; TypeError when the body
     *     cannot be read (a network error mid-body)
     */
    public StagedBody stageBody(BodySource source) {
        try (source; BodySink sink = store.newBody(handle.storageKey())) {
            for (ByteBuffer chunk = source.read(); chunk != null; chunk = source.read()) {
                sink.write(chunk);
            }
            return sink.finish();
        } catch (StorageException e) {
            throw CacheErrors.toWebError(e);
        } catch (IOException e) {
            throw WebError.typeError("the response body could not be read: " + e.getMessage());
        }
    }

    /** What a batch did. */
    public record BatchResult(int removed, List<CacheEntry> added) {
    }

    /**
     * Batch Cache Operations (https://w3c.github.io/ServiceWorker/#batch-cache-operations-algorithm):
     * applies every operation, or none. A put replaces the entries its request matches with default
     * options (so other Vary variants stay); a request that matches one put earlier in the batch
     * is an InvalidStateError; a put of a non-http(s) URL or a non-GET request is a TypeError; a
     * full quota is a QuotaExceededError. Staged bodies are used up either way.
     */
    public BatchResult batch(List<CacheBatchOperation> operations) {
        ReentrantLock lock = writeLock();
        lock.lock();
        try {
            List<CacheOperation> storeOperations = new ArrayList<>();
            Set<Long> removed = new HashSet<>();
            List<CacheBatchOperation.Put> addedItems = new ArrayList<>();
            for (CacheBatchOperation operation : operations) {
                CacheQueryOptions options = operation instanceof CacheBatchOperation.Delete delete
                        ? delete.options() : CacheQueryOptions.DEFAULT;
                for (CacheBatchOperation.Put added : addedItems) {
                    if (CacheMatching.requestMatchesCachedItem(operation.request(), added.request(), added.response(),
                            options)) {
                        throw WebError.dom(DomExceptionName.INVALID_STATE_ERROR,
                                "the batch holds two operations on " + operation.request().url());
                    }
                }
                switch (operation) {
                    case CacheBatchOperation.Delete delete -> {
                        for (CacheEntry entry : queryCache(delete.request(), delete.options())) {
                            if (removed.add(entry.id())) {
                                storeOperations.add(new CacheOperation.Delete(entry.id()));
                            }
                        }
                    }
                    case CacheBatchOperation.Put put -> {
                        String url = put.request().url();
                        if (!url.startsWith("http:") && !url.startsWith("https:")) {
                            throw WebError.typeError("Request scheme '" + url.substring(0, Math.max(0, url.indexOf(':')))
                                    + "' is unsupported");
                        }
                        if (!put.request().method().equals("GET")) {
                            throw WebError.typeError("Request method '" + put.request().method() + "' is unsupported");
                        }
                        for (CacheEntry entry : queryCache(put.request(), CacheQueryOptions.DEFAULT)) {
                            if (removed.add(entry.id())) {
                                storeOperations.add(new CacheOperation.Delete(entry.id()));
                            }
                        }
                        storeOperations.add(new CacheOperation.Put(put.request(), put.response(), put.body()));
                        addedItems.add(put);
                    }
                }
            }
            List<CacheEntry> added = store.commit(handle, storeOperations);
            return new BatchResult(removed.size(), added);
        } catch (StorageException e) {
            throw CacheErrors.toWebError(e);
        } finally {
            lock.unlock();
            // Used up: a committed body belongs to its entry now (discard is then a no-op).
            for (CacheBatchOperation operation : operations) {
                if (operation instanceof CacheBatchOperation.Put put && put.body() != null) {
                    put.body().discard();
                }
            }
        }
    }

    /**
     * Query Cache (https://w3c.github.io/ServiceWorker/#query-cache) over the stored list: the
     * store's URL lookup (with or without the query), then Request Matches Cached Item on each.
     */
    List<CacheEntry> queryCache(CachedRequest requestQuery, CacheQueryOptions options) throws StorageException {
        String url = CacheMatching.withoutFragment(requestQuery.url());
        UrlLookup lookup = options.ignoreSearch() ? UrlLookup.ignoringQuery(url) : UrlLookup.exact(url);
        List<CacheEntry> matches = new ArrayList<>();
        for (CacheEntry entry : store.entries(handle, lookup)) {
            if (CacheMatching.requestMatchesCachedItem(requestQuery, entry.request(), entry.response(), options)) {
                matches.add(entry);
            }
        }
        return matches;
    }

    private List<CacheEntry> entries(CachedRequest request, CacheQueryOptions options) {
        try {
            if (request == null) {
                return store.entries(handle);
            }
            if (!options.ignoreMethod() && !request.method().equals("GET")) {
                return List.of();
            }
            return queryCache(request, options);
        } catch (StorageException e) {
            throw CacheErrors.toWebError(e);
        }
    }

    /**
     * The entry's response with its body opened; null when the store has lost the body (its file
     * gone in a crash, say): the entry is then as good as missing.
     */
    private StoredResponse respond(CacheEntry entry) {
        CachedResponse response = entry.response();
        if (response.bodyId() < 0) {
            return new StoredResponse(entry, null);
        }
        try {
            return new StoredResponse(entry, store.openBody(handle, response.bodyId()));
        } catch (StorageException e) {
            if (e.kind() == StorageException.Kind.NOT_FOUND) {
                return null;
            }
            throw CacheErrors.toWebError(e);
        }
    }

    private ReentrantLock writeLock() {
        ReentrantLock[] stripes;
        synchronized (WRITE_LOCKS) {
            stripes = WRITE_LOCKS.computeIfAbsent(store, ignored -> {
                ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
                for (int i = 0; i < locks.length; i++) {
                    locks[i] = new ReentrantLock();
                }
                return locks;
            });
        }
        return stripes[(int) Math.floorMod(handle.id(), (long) LOCK_STRIPES)];
    }

    /** Releases this hold on the cache. Idempotent. */
    @Override
    public void close() {
        handle.close();
    }

    @Override
    public String toString() {
        return "Cache[" + handle.storageKey() + " " + Objects.toString(handle.name()) + "]";
    }
}
