package org.sw4j.storage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.sw4j.core.spi.cache.BodySink;
import org.sw4j.core.spi.cache.CacheEntry;
import org.sw4j.core.spi.cache.CacheHandle;
import org.sw4j.core.spi.cache.CacheOperation;
import org.sw4j.core.spi.cache.CacheStore;
import org.sw4j.core.spi.cache.CachedResponse;
import org.sw4j.core.spi.cache.StagedBody;
import org.sw4j.core.spi.cache.StorageException;
import org.sw4j.core.spi.cache.StorageUsage;
import org.sw4j.core.spi.cache.UrlLookup;
import org.sw4j.storage.internal.CacheDirectory;
import org.sw4j.storage.internal.ClaimableStagedBody;
import org.sw4j.storage.internal.OpenCache;
import org.sw4j.storage.internal.RowSize;
import org.sw4j.storage.internal.UsageLedger;
import org.sw4j.webapi.fetch.BodySource;

/**
 * A {@link CacheStore} in memory, for tests: the semantics of {@link SqliteCacheStore} — quota
 * (the same usage figures: real body sizes, no padding for opaque responses, and the same row
 * estimate), handles that keep deleted caches readable, atomic commits — with bodies as byte arrays
 * and nothing kept when it closes.
 *
 * <p>Each cache's entries are an immutable list swapped by commits, so reads take no lock and see
 * one commit's state; commits take the store's lock.
 */
public final class MemoryCacheStore implements CacheStore {
    private final UsageLedger ledger;
    private final CacheDirectory caches = new CacheDirectory();
    /** Live caches and deleted ones still held. */
    private final Map<Long, MemoryCache> byId = new ConcurrentHashMap<>();
    private final Map<Long, byte[]> bodies = new ConcurrentHashMap<>();
    private final Set<String> persisted = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastBodyId = new AtomicLong();
    private final Object writeLock = new Object();
    /** Guarded by writeLock. */
    private long lastCacheId;
    private long lastEntryId;
    private volatile boolean closed;

    private MemoryCacheStore(ToLongFunction<String> quota) {
        this.ledger = new UsageLedger(quota);
    }

    /** A store with the default quota ({@link SqliteCacheStore#DEFAULT_QUOTA} per storage key). */
    public static MemoryCacheStore create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Configures a {@link MemoryCacheStore}. */
    public static final class Builder {
        private ToLongFunction<String> quota = storageKey -> SqliteCacheStore.DEFAULT_QUOTA;

        private Builder() {
        }

        /** Each storage key's quota in bytes; asked on every check. */
        public Builder quota(ToLongFunction<String> perStorageKey) {
            this.quota = Objects.requireNonNull(perStorageKey, "perStorageKey");
            return this;
        }

        public MemoryCacheStore build() {
            return new MemoryCacheStore(quota);
        }
    }

    private static final class MemoryCache {
        final String storageKey;
        volatile List<CacheEntry> entries = List.of();

        MemoryCache(String storageKey) {
            this.storageKey = storageKey;
        }
    }

    /** False: every read is answered from memory (under short locks, never waiting on I/O). */
    @Override
    public boolean readsMayBlock() {
        return false;
    }

    @Override
    public List<String> cacheNames(String storageKey) throws StorageException {
        ensureOpen();
        return caches.names(storageKey);
    }

    @Override
    public Optional<CacheHandle> openCache(String storageKey, String name, boolean create) throws StorageException {
        ensureOpen();
        OptionalLong id = caches.acquire(storageKey, name);
        if (id.isEmpty() && create) {
            synchronized (writeLock) {
                id = caches.acquire(storageKey, name);
                if (id.isEmpty()) {
                    long created = ++lastCacheId;
                    byId.put(created, new MemoryCache(storageKey));
                    caches.addAndAcquire(storageKey, name, created);
                    id = OptionalLong.of(created);
                }
            }
        }
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new OpenCache(this, storageKey, name, id.getAsLong(), this::released));
    }

    private void released(long id) {
        if (caches.release(id)) {
            synchronized (writeLock) {
                removeCache(id);
            }
        }
    }

    @Override
    public boolean deleteCache(String storageKey, String name) throws StorageException {
        ensureOpen();
        synchronized (writeLock) {
            OptionalLong id = caches.find(storageKey, name);
            if (id.isEmpty()) {
                return false;
            }
            if (caches.delete(storageKey, name, id.getAsLong())) {
                removeCache(id.getAsLong());
            }
            return true;
        }
    }

    @Override
    public void clear(String storageKey) throws StorageException {
        ensureOpen();
        synchronized (writeLock) {
            for (String name : caches.names(storageKey)) {
                long id = caches.find(storageKey, name).orElseThrow();
                if (caches.delete(storageKey, name, id)) {
                    removeCache(id);
                }
            }
            persisted.remove(storageKey);
        }
    }

    /** Under writeLock. */
    private void removeCache(long id) {
        MemoryCache cache = byId.remove(id);
        if (cache == null) {
            return;
        }
        long bytes = 0;
        for (CacheEntry entry : cache.entries) {
            bytes += size(entry);
            bodies.remove(entry.response().bodyId());
        }
        ledger.addCommitted(cache.storageKey, -bytes);
    }

    private static long size(CacheEntry entry) {
        return RowSize.of(entry.request(), entry.response()) + entry.response().bodySize();
    }

    @Override
    public List<CacheEntry> entries(CacheHandle cache) throws StorageException {
        return cache(cache).entries;
    }

    @Override
    public List<CacheEntry> entries(CacheHandle cache, UrlLookup lookup) throws StorageException {
        List<CacheEntry> matching = new ArrayList<>();
        for (CacheEntry entry : cache(cache).entries) {
            if (lookup.matches(entry.request().url())) {
                matching.add(entry);
            }
        }
        return matching;
    }

    private MemoryCache cache(CacheHandle handle) throws StorageException {
        ensureOpen();
        MemoryCache cache = byId.get(OpenCache.of(this, handle).id());
        if (cache == null) {
            throw new StorageException(StorageException.Kind.NOT_FOUND, "no cache " + handle);
        }
        return cache;
    }

    @Override
    public BodySource openBody(CacheHandle cache, long bodyId) throws StorageException {
        cache(cache);
        byte[] bytes = bodies.get(bodyId);
        if (bytes == null) {
            throw new StorageException(StorageException.Kind.NOT_FOUND, "the body " + bodyId + " is gone");
        }
        return BodySource.of(bytes);
    }

    @Override
    public BodySink newBody(String storageKey) throws StorageException {
        ensureOpen();
        return new Sink(Objects.requireNonNull(storageKey, "storageKey"));
    }

    @Override
    public List<CacheEntry> commit(CacheHandle handle, List<CacheOperation> operations) throws StorageException {
        MemoryCache cache = cache(handle);
        List<Staged> claimed = new ArrayList<>();
        try {
            synchronized (writeLock) {
                List<CacheOperation.Put> puts = new ArrayList<>();
                Set<Long> deletes = new LinkedHashSet<>();
                for (CacheOperation operation : operations) {
                    switch (operation) {
                        case CacheOperation.Delete delete -> deletes.add(delete.entryId());
                        case CacheOperation.Put put -> {
                            puts.add(put);
                            if (put.body() != null) {
                                claimed.add(claim(put.body(), cache.storageKey));
                            }
                        }
                    }
                }
                long stagedBodies = 0;
                for (Staged body : claimed) {
                    stagedBodies += body.bytes.length;
                }
                long rowsAdded = 0;
                for (CacheOperation.Put put : puts) {
                    rowsAdded += RowSize.of(put.request(), put.response());
                }
                long freed = 0;
                List<CacheEntry> kept = new ArrayList<>(cache.entries.size() + puts.size());
                List<CacheEntry> deleted = new ArrayList<>();
                for (CacheEntry entry : cache.entries) {
                    if (deletes.contains(entry.id())) {
                        deleted.add(entry);
                        freed += size(entry);
                    } else {
                        kept.add(entry);
                    }
                }
                ledger.commit(cache.storageKey, stagedBodies, rowsAdded, freed);
                List<CacheEntry> created = new ArrayList<>(puts.size());
                int body = 0;
                for (CacheOperation.Put put : puts) {
                    CachedResponse response;
                    if (put.body() != null) {
                        Staged staged = claimed.get(body++);
                        long bodyId = lastBodyId.incrementAndGet();
                        bodies.put(bodyId, staged.bytes);
                        response = put.response().withBody(bodyId, staged.bytes.length);
                    } else {
                        response = put.response().withBody(-1, 0);
                    }
                    created.add(new CacheEntry(++lastEntryId, put.request(), response));
                }
                kept.addAll(created);
                cache.entries = List.copyOf(kept);
                for (CacheEntry entry : deleted) {
                    bodies.remove(entry.response().bodyId());
                }
                claimed.forEach(Staged::committed);
                return created;
            }
        } catch (StorageException | RuntimeException e) {
            claimed.forEach(Staged::release);
            for (CacheOperation operation : operations) {
                if (operation instanceof CacheOperation.Put put && put.body() != null) {
                    put.body().discard();
                }
            }
            throw e;
        }
    }

    private Staged claim(StagedBody body, String storageKey) throws StorageException {
        if (!(body instanceof Staged staged) || staged.store() != this) {
            throw new IllegalArgumentException("not a body staged by this store: " + body);
        }
        if (!staged.storageKey.equals(storageKey)) {
            throw new IllegalArgumentException("a body staged for " + staged.storageKey + " put in a cache of " + storageKey);
        }
        staged.claim();
        return staged;
    }

    @Override
    public boolean commitWaitsForDisk() {
        return false;
    }

    @Override
    public StorageUsage usage(String storageKey) throws StorageException {
        ensureOpen();
        return ledger.usage(storageKey);
    }

    @Override
    public boolean isPersisted(String storageKey) throws StorageException {
        ensureOpen();
        return persisted.contains(storageKey);
    }

    @Override
    public boolean persist(String storageKey) throws StorageException {
        ensureOpen();
        persisted.add(storageKey);
        return true;
    }

    @Override
    public List<String> storageKeys() throws StorageException {
        ensureOpen();
        return caches.storageKeys();
    }

    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen() throws StorageException {
        if (closed) {
            throw new StorageException(StorageException.Kind.CLOSED, "the cache store is closed");
        }
    }

    /** Stages a body into a growing array, counting each chunk against the quota first. */
    private final class Sink implements BodySink {
        private final String storageKey;
        private byte[] bytes = new byte[0];
        private int size;
        private boolean done;

        Sink(String storageKey) {
            this.storageKey = storageKey;
        }

        @Override
        public void write(ByteBuffer chunk) throws StorageException {
            if (done) {
                throw new IllegalStateException("the body sink was finished or discarded");
            }
            if (closed) {
                close();
                throw new StorageException(StorageException.Kind.CLOSED, "the cache store is closed");
            }
            int n = chunk.remaining();
            try {
                ledger.stage(storageKey, n);
            } catch (StorageException e) {
                close();
                throw e;
            }
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + n, bytes.length * 2));
            }
            chunk.get(bytes, size, n);
            size += n;
        }

        @Override
        public StagedBody finish() throws StorageException {
            if (done) {
                throw new IllegalStateException("the body sink was finished or discarded");
            }
            ensureOpen();
            done = true;
            return new Staged(storageKey, Arrays.copyOf(bytes, size));
        }

        @Override
        public void close() {
            if (!done) {
                done = true;
                ledger.unstage(storageKey, size);
            }
        }
    }

    /** A staged body of this store: its bytes in memory until a commit takes them. */
    private final class Staged extends ClaimableStagedBody {
        final String storageKey;
        final byte[] bytes;

        Staged(String storageKey, byte[] bytes) {
            this.storageKey = storageKey;
            this.bytes = bytes;
        }

        MemoryCacheStore store() {
            return MemoryCacheStore.this;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        protected void dropped() {
            ledger.unstage(storageKey, bytes.length);
        }

        @Override
        public String toString() {
            return "staged body (" + bytes.length + " bytes)";
        }
    }
}
