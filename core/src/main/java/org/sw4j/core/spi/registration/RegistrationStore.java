package org.sw4j.core.spi.registration;

import java.util.List;
import org.sw4j.core.spi.cache.StorageException;

/**
 * Where registrations and their workers' scripts live between runs (Chromium's
 * {@code ServiceWorkerStorage}). Rows and bytes only: the registry above decides what to store.
 * Implementations: {@code org.sw4j.storage.SqliteRegistrationStore},
 * {@code org.sw4j.storage.MemoryRegistrationStore}. Thread-safe.
 */
public interface RegistrationStore extends AutoCloseable {

    /** Every stored registration, in the order they were first stored. */
    List<StoredRegistration> loadAll() throws StorageException;

    /**
     * Stores {@code registration}, replacing the one with the same storage key and scope, atomically
     * (after a crash, either the old or the new one is there, whole). Script bytes equal to ones
     * already stored may be shared.
     */
    void store(StoredRegistration registration) throws StorageException;

    /** Deletes the registration with that storage key and scope; nothing when there is none. */
    void delete(String storageKey, String scope) throws StorageException;

    /** The storage keys that have registrations. */
    List<String> storageKeys() throws StorageException;

    @Override
    void close();
}
