package org.sw4j.storage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.sw4j.core.spi.cache.StorageException;
import org.sw4j.core.spi.registration.RegistrationStore;
import org.sw4j.core.spi.registration.StoredRegistration;
import org.sw4j.core.spi.registration.StoredVersion;
import org.sw4j.storage.internal.StoredRegistrations;

/**
 * A {@link RegistrationStore} in memory, for tests and runtimes that keep nothing: the behaviour
 * of {@link SqliteRegistrationStore} (first-stored order kept by a re-store, a last update check
 * kept to the millisecond, a version id unique in the store, the same refusals) with nothing kept
 * when it closes. It keeps copies of what it is given and gives copies out, so no caller shares a
 * byte array with it. Every operation takes the store's lock: one store or load at a time.
 */
public final class MemoryRegistrationStore implements RegistrationStore {
    /** The registrations by storage key and scope, in first-stored order; guarded by {@code this}. */
    private final Map<Key, StoredRegistration> registrations = new LinkedHashMap<>();
    private volatile boolean closed;

    private record Key(String storageKey, String scope) {
    }

    private MemoryRegistrationStore() {
    }

    /** A new, empty store. */
    public static MemoryRegistrationStore create() {
        return new MemoryRegistrationStore();
    }

    @Override
    public synchronized List<StoredRegistration> loadAll() throws StorageException {
        ensureOpen();
        List<StoredRegistration> all = new ArrayList<>(registrations.size());
        for (StoredRegistration registration : registrations.values()) {
            all.add(StoredRegistrations.copy(registration));
        }
        return all;
    }

    @Override
    public void store(StoredRegistration registration) throws StorageException {
        ensureOpen();
        StoredRegistrations.check(registration);
        StoredRegistration copy = StoredRegistrations.copy(registration);
        Key key = new Key(copy.storageKey(), copy.scope());
        synchronized (this) {
            ensureOpen();
            for (StoredVersion version : StoredRegistrations.versions(copy)) {
                Key holder = holderOf(version.id());
                if (holder != null && !holder.equals(key)) {
                    throw new StorageException(StorageException.Kind.IO, "storing the registration " + copy.scope()
                            + " of " + copy.storageKey() + ": version " + version.id() + " belongs to the registration "
                            + holder.scope() + " of " + holder.storageKey());
                }
            }
            // A LinkedHashMap keeps a replaced key's position: a re-store keeps its place.
            registrations.put(key, copy);
        }
    }

    private Key holderOf(String versionId) {
        for (Map.Entry<Key, StoredRegistration> entry : registrations.entrySet()) {
            for (StoredVersion version : StoredRegistrations.versions(entry.getValue())) {
                if (version.id().equals(versionId)) {
                    return entry.getKey();
                }
            }
        }
        return null;
    }

    @Override
    public synchronized void delete(String storageKey, String scope) throws StorageException {
        Objects.requireNonNull(storageKey, "storageKey");
        Objects.requireNonNull(scope, "scope");
        ensureOpen();
        registrations.remove(new Key(storageKey, scope));
    }

    /** Sorted, as {@link SqliteRegistrationStore#storageKeys} answers. */
    @Override
    public synchronized List<String> storageKeys() throws StorageException {
        ensureOpen();
        TreeSet<String> keys = new TreeSet<>();
        for (Key key : registrations.keySet()) {
            keys.add(key.storageKey());
        }
        return List.copyOf(keys);
    }

    @Override
    public synchronized void close() {
        closed = true;
        registrations.clear();
    }

    private void ensureOpen() throws StorageException {
        if (closed) {
            throw new StorageException(StorageException.Kind.CLOSED, "the registration store is closed");
        }
    }
}
