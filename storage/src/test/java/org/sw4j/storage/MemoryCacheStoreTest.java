package org.sw4j.storage;

import org.sw4j.core.spi.cache.CacheStore;

class MemoryCacheStoreTest extends CacheStoreContract {
    @Override
    protected CacheStore newStore(long quotaPerKey) {
        return MemoryCacheStore.builder().quota(storageKey -> quotaPerKey).build();
    }
}
