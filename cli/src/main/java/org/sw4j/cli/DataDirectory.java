package org.sw4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ToLongFunction;
import org.sw4j.core.spi.cache.CacheStore;
import org.sw4j.core.spi.cache.StorageException;
import org.sw4j.storage.MemoryCacheStore;
import org.sw4j.storage.SqliteCacheStore;

/**
 * Where sw4j keeps a worker's storage, and the stores it opens there. The Cache Storage store
 * lives in the data directory itself (its layout is {@link SqliteCacheStore}'s).
 */
final class DataDirectory {
    /** The environment variable that names the data directory when {@code --data} does not. */
    static final String ENVIRONMENT_VARIABLE = "SW4J_DATA";
    /** What the help says of the default, kept beside the code that applies it. */
    static final String DEFAULT_HELP = "Default: $" + ENVIRONMENT_VARIABLE + " if set, else ~/.sw4j/data.";
    /** The store's database file: its presence tells a store from a directory that has none yet. */
    private static final String STORE_DATABASE = "caches.sqlite";

    private DataDirectory() {}

    /** {@code option} if given, else {@code $SW4J_DATA} if set, else {@code ~/.sw4j/data}. */
    static Path resolve(Path option) {
        if (option != null) {
            return option;
        }
        String fromEnvironment = System.getenv(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment);
        }
        return Path.of(System.getProperty("user.home"), ".sw4j", "data");
    }

    /**
     * The store of a worker run by {@code sw4j exec}: persistent in {@code directory} (created if
     * missing), or in memory when there is none. {@code quota}, when not null, is every origin's.
     */
    static CacheStore openForWorker(Path directory, Long quota) throws StorageException {
        if (directory == null) {
            MemoryCacheStore.Builder memory = MemoryCacheStore.builder();
            if (quota != null) {
                memory.quota(perOrigin(quota));
            }
            return memory.build();
        }
        SqliteCacheStore.Builder sqlite = SqliteCacheStore.builder(directory);
        if (quota != null) {
            sqlite.quota(perOrigin(quota));
        }
        return sqlite.build();
    }

    /**
     * The store of an existing data directory, for the {@code caches} tools: never creates one. A
     * directory that has no store yet reads as an empty store (an empty one in memory, so that
     * looking does not leave files behind).
     *
     * @throws UsageException when {@code directory} does not exist or is not a directory
     */
    static CacheStore openExisting(Path directory) throws StorageException {
        if (!Files.exists(directory)) {
            throw new UsageException("the data directory '" + directory + "' does not exist"
                    + " (give one with --data DIR or $" + ENVIRONMENT_VARIABLE + ")");
        }
        if (!Files.isDirectory(directory)) {
            throw new UsageException("the data directory '" + directory + "' is not a directory");
        }
        if (!Files.exists(directory.resolve(STORE_DATABASE))) {
            return MemoryCacheStore.create();
        }
        return SqliteCacheStore.open(directory);
    }

    private static ToLongFunction<String> perOrigin(long quota) {
        return storageKey -> quota;
    }
}
