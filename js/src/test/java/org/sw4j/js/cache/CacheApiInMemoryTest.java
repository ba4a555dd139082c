package org.sw4j.js.cache;

import java.nio.file.Path;
import org.sw4j.core.spi.cache.CacheStore;
import org.sw4j.storage.MemoryCacheStore;

/** The Cache API contract on the in-memory store. */
class CacheApiInMemoryTest extends CacheApiContract {
    @Override
    CacheStore newStore(Path dir, long quota) {
        return MemoryCacheStore.builder().quota(key -> quota).build();
    }
}
