package org.sw4j.core.spi.cache;

import java.util.List;
import java.util.Optional;
import org.sw4j.webapi.fetch.BodySource;

/**
 * The rows and bytes of Cache Storage, partitioned by storage key. A store knows nothing of the
 * Cache API's matching rules (Vary, methods, query options beyond the two URL lookups): the
 * {@code org.sw4j.core.cache} layer above applies them to the rows the lookups return.
 *
 * <p>Every method may block on I/O (call it from a virtual thread) and throws
 * {@link StorageException} when the store cannot do what was asked; a failed call changes
 * nothing. Implementations are thread-safe; reads run concurrently with each other and with
 * writes.
 *
 * <h2>Deleted caches that are still held</h2>
 * {@link #deleteCache} removes a cache's name at once, but a {@link CacheHandle} opened before
 * keeps working — lookups, bodies and commits — until it is {@linkplain CacheHandle#close()
 * closed}; then the cache's entries and bodies go. A store that restarts forgets handles: deleted
 * caches are then removed when it opens.
 */
public interface CacheStore extends AutoCloseable {

    /** The names of the live caches of {@code storageKey}, in creation order. */
    List<String> cacheNames(String storageKey) throws StorageException;

    /**
     * A handle on the live cache {@code name} of {@code storageKey}, creating the cache (at the end
     * of the creation order) when {@code create} is true and there is none; empty when there is
     * none and {@code create} is false.
     */
    Optional<CacheHandle> openCache(String storageKey, String name, boolean create) throws StorageException;

    /**
     * Deletes the live cache {@code name} of {@code storageKey}: its name is free at once; its
     * entries stay readable through handles already open until the last is closed.
     *
     * @return whether there was such a cache
     */
    boolean deleteCache(String storageKey, String name) throws StorageException;

    /**
     * Every entry of the cache in insertion order, with its rows (bodies are read with
     * {@link #openBody}).
     */
    List<CacheEntry> entries(CacheHandle cache) throws StorageException;

    /**
     * The entries of the cache whose request URL the lookup matches, in insertion order: an index
     * lookup, not a scan (this is {@code ignoreSearch}'s path too).
     */
    List<CacheEntry> entries(CacheHandle cache, UrlLookup lookup) throws StorageException;

    /**
     * Streams the bytes of a stored body. The body stays readable for this source even if its entry
     * is deleted or replaced meanwhile (a response handed to a script keeps its body).
     *
     * @throws StorageException when the body is gone (e.g. its file was lost): the entry is then as
     *     good as missing
     */
    BodySource openBody(CacheHandle cache, long bodyId) throws StorageException;

    /**
     * A sink to stage a body's bytes into before a {@link #commit} that refers to it. The bytes are
     * counted against {@code storageKey}'s quota as they are written: a write that would exceed it
     * fails with {@link StorageException.Kind#QUOTA_EXCEEDED} and the sink is discarded.
     */
    BodySink newBody(String storageKey) throws StorageException;

    /**
     * Batch Cache Operations' store half: applies {@code operations} to the cache atomically — all
     * of them, or (on any failure) none. Deletes are applied first, then puts in order; each put
     * appends a new entry at the end of the cache's insertion order. A put's staged body is used up
     * by the commit (committed or, on failure, discarded). Fails with
     * {@link StorageException.Kind#QUOTA_EXCEEDED} when the result would exceed the quota.
     *
     * @return the entries the puts created, in order
     */
    List<CacheEntry> commit(CacheHandle cache, List<CacheOperation> operations) throws StorageException;

    /**
     * Whether a {@link #commit} of bodies already staged, or of deletes, waits for the disk (an
     * fsync). A binding may run commits that do not on its event loop's thread rather than hand them
     * to another thread. Default: true.
     */
    default boolean commitWaitsForDisk() {
        return true;
    }

    /** The storage key's usage and quota, in bytes. */
    StorageUsage usage(String storageKey) throws StorageException;

    /** Whether the storage key's data is marked persistent (navigator.storage.persist()). */
    boolean isPersisted(String storageKey) throws StorageException;

    /** Marks the storage key's data persistent; answers whether it now is. */
    boolean persist(String storageKey) throws StorageException;

    /** The storage keys that have caches (live ones), sorted. For tools: listing, clearing. */
    List<String> storageKeys() throws StorageException;

    /**
     * Deletes every cache of {@code storageKey} (as {@link #deleteCache} does each) and its
     * persistence mark.
     */
    void clear(String storageKey) throws StorageException;

    /**
     * Whether a read ({@link #cacheNames}, {@link #openCache} without creating, the lookups, and
     * {@link #openBody}'s bytes) may block on I/O. A store that answers from memory says false;
     * callers may then read it on a thread that must not block, such as a server's event loop.
     * Writes may block either way.
     */
    default boolean readsMayBlock() {
        return true;
    }

    /** Closes the store; open handles and sinks fail afterwards. */
    @Override
    void close();
}
