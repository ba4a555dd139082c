package org.sw4j.storage.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.sw4j.core.spi.cache.CacheHandle;
import org.sw4j.core.spi.cache.StorageException;

/**
 * A {@link CacheHandle} of either store: which store made it (so a handle of another store is
 * refused), and what to do when it closes (release the cache, perhaps remove a deleted one).
 */
public final class OpenCache implements CacheHandle {
    private final Object store;
    private final String storageKey;
    private final String name;
    private final long id;
    private final LongConsumer onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    public OpenCache(Object store, String storageKey, String name, long id, LongConsumer onClose) {
        this.store = store;
        this.storageKey = storageKey;
        this.name = name;
        this.id = id;
        this.onClose = onClose;
    }

    /**
     * {@code handle} as a handle of {@code store} that is still open.
     *
     * @throws IllegalArgumentException when another store made it
     * @throws StorageException NOT_FOUND when it was closed (its cache may be gone)
     */
    public static OpenCache of(Object store, CacheHandle handle) throws StorageException {
        if (!(handle instanceof OpenCache open) || open.store != store) {
            throw new IllegalArgumentException("not a handle of this store: " + handle);
        }
        if (open.closed.get()) {
            throw new StorageException(StorageException.Kind.NOT_FOUND,
                    "the handle on cache '" + open.name + "' of " + open.storageKey + " is closed");
        }
        return open;
    }

    @Override
    public String storageKey() {
        return storageKey;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.accept(id);
        }
    }

    @Override
    public String toString() {
        return "cache '" + name + "' (" + id + ") of " + storageKey + (closed.get() ? ", closed" : "");
    }
}
