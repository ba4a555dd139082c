package org.sw4j.storage;

/** Every test of {@link SqliteCacheStoreTest} (the contract too) with {@link Durability#SYNCED}. */
class SqliteCacheStoreSyncedTest extends SqliteCacheStoreTest {
    @Override
    Durability durability() {
        return Durability.SYNCED;
    }
}
