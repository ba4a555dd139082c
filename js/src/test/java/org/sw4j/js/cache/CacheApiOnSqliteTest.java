package org.sw4j.js.cache;

import java.nio.file.Path;
import org.sw4j.core.spi.cache.CacheStore;
import org.sw4j.storage.SqliteCacheStore;

/** The Cache API contract on the persistent store. */
class CacheApiOnSqliteTest extends CacheApiContract {
    @Override
    CacheStore newStore(Path dir, long quota) throws Exception {
        return SqliteCacheStore.builder(dir).quota(key -> quota).build();
    }
}
