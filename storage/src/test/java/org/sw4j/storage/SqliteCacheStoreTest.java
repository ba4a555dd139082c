package org.sw4j.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.core.cache.Cache;
import org.sw4j.core.cache.CacheBatchOperation;
import org.sw4j.core.cache.CacheQueryOptions;
import org.sw4j.core.cache.CacheStorage;
import org.sw4j.core.spi.cache.BodySink;
import org.sw4j.core.spi.cache.CacheEntry;
import org.sw4j.core.spi.cache.CacheHandle;
import org.sw4j.core.spi.cache.CacheOperation.Put;
import org.sw4j.core.spi.cache.CacheStore;
import org.sw4j.core.spi.cache.StorageException.Kind;
import org.sw4j.core.spi.cache.CachedRequest;
import org.sw4j.core.spi.cache.UrlLookup;
import org.sw4j.storage.internal.BodyFiles;
import org.sw4j.storage.internal.RowSize;
import org.sw4j.webapi.fetch.BodySource;

/** The contract and the SQLite store's own promises, in the default {@link Durability#CRASH_SAFE} mode. */
class SqliteCacheStoreTest extends CacheStoreContract {
    @TempDir
    Path temp;

    private final AtomicInteger stores = new AtomicInteger();

    @Override
    protected CacheStore newStore(long quotaPerKey) throws Exception {
        return SqliteCacheStore.builder(temp.resolve("store" + stores.incrementAndGet())).durability(durability())
                .quota(storageKey -> quotaPerKey).build();
    }

    /** The mode these tests run the store in; {@link SqliteCacheStoreSyncedTest} runs them in the other. */
    Durability durability() {
        return Durability.CRASH_SAFE;
    }

    SqliteCacheStore openStore(Path directory) throws Exception {
        return SqliteCacheStore.builder(directory).durability(durability()).build();
    }

    /** Where the format says the body {@code id} lives: bodies/XX/ID, hex. */
    static Path bodyFile(Path directory, long id) {
        return directory.resolve("bodies").resolve(HexFormat.of().toHexDigits((byte) id)).resolve(Long.toHexString(id));
    }

    static List<Path> filesUnder(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void everythingSurvivesCloseAndReopen() throws Exception {
        Path directory = temp.resolve("persistent");
        List<CacheEntry> entries;
        long usage;
        long otherUsage;
        try (SqliteCacheStore store = openStore(directory)) {
            for (String name : List.of("v2", "v1", "v3")) {
                open(store, ORIGIN, name).close();
            }
            try (CacheHandle cache = store.openCache(ORIGIN, "v1", false).orElseThrow()) {
                put(store, cache, ORIGIN + "/b?x", bytes(100_000, 1));
                put(store, cache, ORIGIN + "/a", null);
                put(store, cache, ORIGIN + "/b?", bytes(0, 2));
                entries = store.entries(cache);
            }
            try (CacheHandle other = open(store, OTHER_ORIGIN, "x")) {
                put(store, other, OTHER_ORIGIN + "/z", bytes(10, 3));
            }
            store.persist(ORIGIN);
            usage = usage(store, ORIGIN);
            otherUsage = usage(store, OTHER_ORIGIN);
        }
        try (SqliteCacheStore store = openStore(directory)) {
            assertThat(store.cacheNames(ORIGIN)).containsExactly("v2", "v1", "v3");
            assertThat(store.storageKeys()).containsExactly(ORIGIN, OTHER_ORIGIN);
            assertThat(store.isPersisted(ORIGIN)).isTrue();
            assertThat(store.isPersisted(OTHER_ORIGIN)).isFalse();
            assertThat(usage(store, ORIGIN)).isEqualTo(usage);
            assertThat(usage(store, OTHER_ORIGIN)).isEqualTo(otherUsage);
            try (CacheHandle cache = store.openCache(ORIGIN, "v1", false).orElseThrow()) {
                assertThat(store.entries(cache)).isEqualTo(entries);
                assertThat(read(store.openBody(cache, entries.get(0).response().bodyId())))
                        .isEqualTo(bytes(100_000, 1));
                assertThat(urls(store.entries(cache, UrlLookup.ignoringQuery(ORIGIN + "/b"))))
                        .containsExactly(ORIGIN + "/b?x", ORIGIN + "/b?");
                CacheEntry later = put(store, cache, ORIGIN + "/c", bytes(5, 4));
                assertThat(later.id()).isGreaterThan(entries.getLast().id());
                assertThat(later.response().bodyId()).isGreaterThan(entries.get(2).response().bodyId());
                assertThat(read(store.openBody(cache, later.response().bodyId()))).isEqualTo(bytes(5, 4));
            }
        }
    }

    @Test
    void openSweepsOrphanBodiesAndTemporaryFiles() throws Exception {
        Path directory = temp.resolve("sweep");
        CacheEntry entry;
        long usage;
        try (SqliteCacheStore store = openStore(directory)) {
            try (CacheHandle cache = open(store, ORIGIN, "v1")) {
                entry = put(store, cache, ORIGIN + "/a", bytes(100_000, 1));
            }
            // Finished but never committed: an orphan once the process is gone.
            stage(store, ORIGIN, bytes(100_000, 2));
            usage = usage(store, ORIGIN);
        }
        Path stray = bodyFile(directory, 0xabcdefL);
        Path temporary = directory.resolve("bodies").resolve("01").resolve("301.tmp");
        Files.write(stray, bytes(10, 3));
        Files.write(temporary, bytes(10, 4));
        assertThat(filesUnder(directory.resolve("bodies"))).hasSize(4);

        try (SqliteCacheStore store = openStore(directory)) {
            assertThat(filesUnder(directory.resolve("bodies")))
                    .containsExactly(bodyFile(directory, entry.response().bodyId()));
            assertThat(usage(store, ORIGIN)).as("the uncommitted body no longer counts").isLessThan(usage);
            try (CacheHandle cache = store.openCache(ORIGIN, "v1", false).orElseThrow()) {
                assertThat(read(store.openBody(cache, entry.response().bodyId()))).isEqualTo(bytes(100_000, 1));
                CacheEntry next = put(store, cache, ORIGIN + "/b", bytes(1, 5));
                assertThat(next.response().bodyId()).as("ids go above every file seen").isGreaterThan(0xabcdefL);
            }
        }
    }

    @Test
    void deletingAnEntryDeletesItsBodyFile() throws Exception {
        Path directory = temp.resolve("delete");
        try (SqliteCacheStore store = openStore(directory);
                CacheHandle cache = open(store, ORIGIN, "v1")) {
            CacheEntry entry = put(store, cache, ORIGIN + "/a", bytes(100_000, 1));
            Path file = bodyFile(directory, entry.response().bodyId());
            assertThat(file).exists();
            store.commit(cache, List.of(new org.sw4j.core.spi.cache.CacheOperation.Delete(entry.id())));
            store.awaitBodyDeletes(); // unlinked after the commit, off the committing thread
            assertThat(file).doesNotExist();
        }
    }

    @Test
    void aCacheDeletedWhileHeldIsGoneAfterReopen() throws Exception {
        Path directory = temp.resolve("held");
        CacheEntry entry;
        try (SqliteCacheStore store = openStore(directory)) {
            CacheHandle held = open(store, ORIGIN, "v1");
            entry = put(store, held, ORIGIN + "/a", bytes(100_000, 1));
            store.deleteCache(ORIGIN, "v1");
            assertThat(bodyFile(directory, entry.response().bodyId())).exists();
            // The process ends with the handle still open.
        }
        try (SqliteCacheStore store = openStore(directory)) {
            assertThat(store.cacheNames(ORIGIN)).isEmpty();
            assertThat(usage(store, ORIGIN)).isZero();
            assertThat(filesUnder(directory.resolve("bodies"))).isEmpty();
            try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("caches.sqlite"));
                    Statement statement = sql.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT (SELECT COUNT(*) FROM caches) + (SELECT COUNT(*)"
                            + " FROM entries) + (SELECT COUNT(*) FROM request_headers)")) {
                rows.next();
                assertThat(rows.getInt(1)).isZero();
            }
        }
    }

    @Test
    void aFullDiskIsAQuotaErrorAndLeavesTheStoreIntact() throws Exception {
        Path directory = temp.resolve("full");
        AtomicBoolean full = new AtomicBoolean();
        AtomicBoolean fsyncFails = new AtomicBoolean();
        try (SqliteCacheStore store = SqliteCacheStore.builder(directory).durability(durability()).bodyWriteCheck((file, bytes) -> {
            if (full.get() && bytes > 0 || fsyncFails.get() && bytes == 0) {
                throw new IOException("No space left on device");
            }
        }).build()) {
            CacheHandle cache = open(store, ORIGIN, "v1");
            CacheEntry kept = put(store, cache, ORIGIN + "/kept", bytes(100_000, 1));
            long usage = usage(store, ORIGIN);

            full.set(true);
            BodySink sink = store.newBody(ORIGIN);
            assertThat(kindOf(() -> sink.write(ByteBuffer.wrap(bytes(100_000, 2))))).isEqualTo(Kind.QUOTA_EXCEEDED);
            full.set(false);
            fsyncFails.set(true);
            assertThat(kindOf(() -> put(store, cache, ORIGIN + "/lost", bytes(100_000, 3)))).isEqualTo(Kind.QUOTA_EXCEEDED);
            fsyncFails.set(false);

            assertThat(store.entries(cache)).containsExactly(kept);
            assertThat(read(store.openBody(cache, kept.response().bodyId()))).isEqualTo(bytes(100_000, 1));
            assertThat(usage(store, ORIGIN)).isEqualTo(usage);
            assertThat(filesUnder(directory.resolve("bodies")))
                    .containsExactly(bodyFile(directory, kept.response().bodyId()));
            CacheEntry after = put(store, cache, ORIGIN + "/after", bytes(10, 4));
            assertThat(store.entries(cache)).containsExactly(kept, after);
            cache.close();
        }
    }

    @Test
    void theDatabaseIsInWalModeWithItsSchemaVersion() throws Exception {
        Path directory = temp.resolve("format");
        try (SqliteCacheStore store = openStore(directory)) {
            assertThat(store.schemaVersion()).isEqualTo(2);
        }
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("caches.sqlite"));
                Statement statement = sql.createStatement()) {
            try (ResultSet row = statement.executeQuery("PRAGMA journal_mode")) {
                row.next();
                assertThat(row.getString(1)).isEqualToIgnoringCase("wal");
            }
            try (ResultSet row = statement.executeQuery("PRAGMA user_version")) {
                row.next();
                assertThat(row.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void aNewerSchemaIsRefused() throws Exception {
        Path directory = temp.resolve("newer");
        openStore(directory).close();
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("caches.sqlite"));
                Statement statement = sql.createStatement()) {
            statement.execute("PRAGMA user_version = 99");
        }
        assertThat(kindOf(() -> openStore(directory))).isEqualTo(Kind.IO);
    }

    @Test
    void aDirectoryIsOpenInOneStoreAtATime() throws Exception {
        Path directory = temp.resolve("single");
        try (SqliteCacheStore store = openStore(directory)) {
            assertThat(kindOf(() -> openStore(directory))).isEqualTo(Kind.IO);
            assertThat(store.cacheNames(ORIGIN)).isEmpty();
        }
        openStore(directory).close();
    }

    @Test
    void aCommitOfManyEntriesWithHeadersReadsBackInTwoQueries() throws Exception {
        // Not a timing test: a regression guard that a large batch and a large listing work.
        try (SqliteCacheStore store = openStore(temp.resolve("many"));
                CacheHandle cache = open(store, ORIGIN, "v1")) {
            List<org.sw4j.core.spi.cache.CacheOperation> puts = new java.util.ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                puts.add(new Put(request(ORIGIN + "/r/" + i + "?v=" + (i % 7),
                        new org.sw4j.core.spi.cache.HeaderRow("Accept", "a" + i)),
                        response(new org.sw4j.core.spi.cache.HeaderRow("ETag", "e" + i)), null));
            }
            List<CacheEntry> created = store.commit(cache, puts);
            assertThat(store.entries(cache)).isEqualTo(created);
            assertThat(store.entries(cache, UrlLookup.ignoringQuery(ORIGIN + "/r/1999")))
                    .containsExactly(created.getLast());
        }
    }

    @Test
    void aBodyOfUpTo64KiBIsKeptInTheDatabaseALargerOneInAFile() throws Exception {
        Path directory = temp.resolve("inline");
        byte[] small = bytes(BodyFiles.INLINE_LIMIT, 1);
        byte[] large = bytes(BodyFiles.INLINE_LIMIT + 1, 2);
        try (SqliteCacheStore store = openStore(directory)) {
            CacheHandle cache = open(store, ORIGIN, "v1");
            CacheEntry inline = put(store, cache, ORIGIN + "/small", small);
            CacheEntry file = put(store, cache, ORIGIN + "/large", large);
            assertThat(bodyFile(directory, inline.response().bodyId())).doesNotExist();
            assertThat(bodyFile(directory, file.response().bodyId())).hasSize(large.length);
            assertThat(sql(directory, "SELECT COUNT(*) FROM inline_bodies")).isEqualTo(1);

            // Read through a lookup (a match) and by id alone.
            assertThat(store.entries(cache, UrlLookup.exact(ORIGIN + "/small"))).containsExactly(inline);
            assertThat(read(store.openBody(cache, inline.response().bodyId()))).isEqualTo(small);
            assertThat(read(store.openBody(cache, inline.response().bodyId()))).isEqualTo(small);
            assertThat(store.entries(cache, UrlLookup.exact(ORIGIN + "/large"))).containsExactly(file);
            assertThat(read(store.openBody(cache, file.response().bodyId()))).isEqualTo(large);

            store.commit(cache, List.of(new org.sw4j.core.spi.cache.CacheOperation.Delete(inline.id())));
            assertThat(sql(directory, "SELECT COUNT(*) FROM inline_bodies")).as("gone with its entry").isZero();
            put(store, cache, ORIGIN + "/again", small);
            store.deleteCache(ORIGIN, "v1");
            cache.close();
            assertThat(sql(directory, "SELECT COUNT(*) FROM inline_bodies")).as("gone with its cache").isZero();
        }
    }

    @Test
    void anEntryWhoseBodyFileWasLostOrCutShortIsAMissAndGoes() throws Exception {
        // What an OS crash may do in crash-safe mode: the row committed, the body file's name or
        // bytes not on disk. Here done behind the store's back.
        Path directory = temp.resolve("lost");
        CachedRequest missing = request(ORIGIN + "/missing");
        CachedRequest truncated = request(ORIGIN + "/truncated");
        CachedRequest byId = request(ORIGIN + "/by-id");
        CachedRequest kept = request(ORIGIN + "/kept");
        try (SqliteCacheStore store = openStore(directory)) {
            CacheStorage storage = new CacheStorage(store, ORIGIN);
            long byIdBody;
            try (Cache cache = storage.open("v1")) {
                for (CachedRequest request : List.of(missing, truncated, byId, kept)) {
                    cache.batch(List.of(new CacheBatchOperation.Put(request, response(),
                            cache.stageBody(BodySource.of(bytes(100_000, 1))))));
                }
                byIdBody = cache.match(byId, CacheQueryOptions.DEFAULT).entry().response().bodyId();
                Files.delete(bodyFile(directory, bodyIdOf(store, missing)));
                try (FileChannel file = FileChannel.open(bodyFile(directory, bodyIdOf(store, truncated)),
                        StandardOpenOption.WRITE)) {
                    file.truncate(4096);
                }
                Files.delete(bodyFile(directory, byIdBody));

                assertThat(cache.match(missing, CacheQueryOptions.DEFAULT)).isNull();
                assertThat(cache.matchAll(truncated, CacheQueryOptions.DEFAULT)).isEmpty();
                assertThat(cache.match(kept, CacheQueryOptions.DEFAULT)).isNotNull();
            }
            // Opened by id, with no lookup before it: the same.
            try (CacheHandle handle = store.openCache(ORIGIN, "v1", false).orElseThrow()) {
                assertThat(kindOf(() -> store.openBody(handle, byIdBody))).isEqualTo(Kind.NOT_FOUND);
                assertThat(urls(store.entries(handle))).as("the rows are gone").containsExactly(ORIGIN + "/kept");
                assertThat(usage(store, ORIGIN)).isEqualTo(store.entries(handle).getFirst().response().bodySize()
                        + RowSize.of(kept, store.entries(handle).getFirst().response()));
            }
        }
        try (SqliteCacheStore store = openStore(directory)) {
            assertThat(filesUnder(directory.resolve("bodies"))).as("the short file went too").hasSize(1);
        }
    }

    private static long bodyIdOf(SqliteCacheStore store, CachedRequest request) throws Exception {
        try (CacheHandle handle = store.openCache(ORIGIN, "v1", false).orElseThrow()) {
            return store.entries(handle, UrlLookup.exact(request.url())).getFirst().response().bodyId();
        }
    }

    private static int sql(Path directory, String select) throws Exception {
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("caches.sqlite"));
                Statement statement = sql.createStatement();
                ResultSet row = statement.executeQuery(select)) {
            row.next();
            return row.getInt(1);
        }
    }
}
