package org.sw4j.storage.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import org.sw4j.core.spi.cache.StorageException;
import org.sw4j.core.spi.cache.StorageUsage;

/**
 * Each storage key's usage, kept in memory so that quota checks cost nothing: the committed bytes
 * (bodies and rows of the entries of its caches, deleted caches included until they are removed)
 * and the staged bytes (bodies written but not yet committed or discarded).
 */
public final class UsageLedger {
    private final ToLongFunction<String> quota;
    private final ConcurrentHashMap<String, Account> accounts = new ConcurrentHashMap<>();

    public UsageLedger(ToLongFunction<String> quota) {
        this.quota = quota;
    }

    public StorageUsage usage(String storageKey) {
        Account account = accounts.get(storageKey);
        return new StorageUsage(account == null ? 0 : account.total(), quota.applyAsLong(storageKey));
    }

    /** Counts {@code bytes} of a body being staged, unless that would exceed the quota. */
    public void stage(String storageKey, long bytes) throws StorageException {
        account(storageKey).stage(bytes, quota.applyAsLong(storageKey), storageKey);
    }

    /** Forgets {@code bytes} of staged body that was discarded. */
    public void unstage(String storageKey, long bytes) {
        account(storageKey).change(-bytes, 0);
    }

    /**
     * Counts a commit: {@code stagedBodies} bytes move from staged to committed, and
     * {@code rowsAdded - bytesFreed} are added, unless the total would then exceed the quota (a
     * commit that frees as much as it adds always passes). Undo with {@link #revertCommit}.
     */
    public void commit(String storageKey, long stagedBodies, long rowsAdded, long bytesFreed) throws StorageException {
        account(storageKey).commit(stagedBodies, rowsAdded - bytesFreed, quota.applyAsLong(storageKey), storageKey);
    }

    /** Undoes a {@link #commit} whose transaction failed. */
    public void revertCommit(String storageKey, long stagedBodies, long rowsAdded, long bytesFreed) {
        account(storageKey).change(stagedBodies, -(stagedBodies + rowsAdded - bytesFreed));
    }

    /** Adds committed bytes (a store counting what it holds when it opens), or frees them (negative). */
    public void addCommitted(String storageKey, long bytes) {
        account(storageKey).change(0, bytes);
    }

    private Account account(String storageKey) {
        return accounts.computeIfAbsent(storageKey, k -> new Account());
    }

    private static final class Account {
        private long committed;
        private long staged;

        synchronized long total() {
            return committed + staged;
        }

        synchronized void stage(long bytes, long quota, String storageKey) throws StorageException {
            if (committed + staged + bytes > quota) {
                throw exceeded(storageKey, bytes, quota);
            }
            staged += bytes;
        }

        synchronized void commit(long stagedBodies, long delta, long quota, String storageKey) throws StorageException {
            if (delta > 0 && committed + staged + delta > quota) {
                throw exceeded(storageKey, delta, quota);
            }
            staged -= stagedBodies;
            committed += stagedBodies + delta;
        }

        synchronized void change(long stagedDelta, long committedDelta) {
            staged += stagedDelta;
            committed += committedDelta;
        }

        private StorageException exceeded(String storageKey, long bytes, long quota) {
            return new StorageException(StorageException.Kind.QUOTA_EXCEEDED, "storing " + bytes + " more bytes for "
                    + storageKey + " would exceed its quota of " + quota + " bytes (" + (committed + staged) + " in use)");
        }
    }
}
