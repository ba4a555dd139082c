package org.sw4j.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.sw4j.core.spi.cache.BodySink;
import org.sw4j.core.spi.cache.CacheEntry;
import org.sw4j.core.spi.cache.CacheHandle;
import org.sw4j.core.spi.cache.CacheOperation.Put;
import org.sw4j.core.spi.cache.CacheStore;
import org.sw4j.core.spi.cache.StorageException.Kind;
import org.sw4j.core.spi.cache.UrlLookup;

class SqliteCacheStoreTest extends CacheStoreContract {
    @TempDir
    Path temp;

    private final AtomicInteger stores = new AtomicInteger();

    @Override
    protected CacheStore newStore(long quotaPerKey) throws Exception {
        return SqliteCacheStore.builder(temp.resolve("store" + stores.incrementAndGet()))
                .quota(storageKey -> quotaPerKey).build();
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
        try (SqliteCacheStore store = SqliteCacheStore.open(directory)) {
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
        try (SqliteCacheStore store = SqliteCacheStore.open(directory)) {
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
        try (SqliteCacheStore store = SqliteCacheStore.open(directory)) {
            try (CacheHandle cache = open(store, ORIGIN, "v1")) {
                entry = put(store, cache, ORIGIN + "/a", bytes(1000, 1));
            }
            // Finished but never committed: an orphan once the process is gone.
            stage(store, ORIGIN, bytes(10, 2));
            usage = usage(store, ORIGIN);
        }
        Path stray = bodyFile(directory, 0xabcdefL);
        Path temporary = directory.resolve("bodies").resolve("01").resolve("301.tmp");
        Files.write(stray, bytes(10, 3));
        Files.write(temporary, bytes(10, 4));
        assertThat(filesUnder(directory.resolve("bodies"))).hasSize(4);

        try (SqliteCacheStore store = SqliteCacheStore.open(directory)) {
            assertThat(filesUnder(directory.resolve("bodies")))
                    .containsExactly(bodyFile(directory, entry.response().bodyId()));
            assertThat(usage(store, ORIGIN)).as("the uncommitted body no longer counts").isLessThan(usage);
            try (CacheHandle cache = store.openCache(ORIGIN, "v1", false).orElseThrow()) {
                assertThat(read(store.openBody(cache, entry.response().bodyId()))).isEqualTo(bytes(1000, 1));
                CacheEntry next = put(store, cache, ORIGIN + "/b", bytes(1, 5));
                assertThat(next.response().bodyId()).as("ids go above every file seen").isGreaterThan(0xabcdefL);
            }
        }
    }

    @Test
    void deletingAnEntryDeletesItsBodyFile() throws Exception {
        Path directory = temp.resolve("delete");
        try (SqliteCacheStore store = SqliteCacheStore.open(directory);
                CacheHandle cache = open(store, ORIGIN, "v1")) {
            CacheEntry entry = put(store, cache, ORIGIN + "/a", bytes(10, 1));
            Path file = bodyFile(directory, entry.response().bodyId());
            assertThat(file).exists();
            store.commit(cache, List.of(new org.sw4j.core.spi.cache.CacheOperation.Delete(entry.id())));
            assertThat(file).doesNotExist();
        }
    }

    @Test
    void aCacheDeletedWhileHeldIsGoneAfterReopen() throws Exception {
        Path directory = temp.resolve("held");
        CacheEntry entry;
        try (SqliteCacheStore store = SqliteCacheStore.open(directory)) {
            CacheHandle held = open(store, ORIGIN, "v1");
            entry = put(store, held, ORIGIN + "/a", bytes(1000, 1));
            store.deleteCache(ORIGIN, "v1");
            assertThat(bodyFile(directory, entry.response().bodyId())).exists();
            // The process ends with the handle still open.
        }
        try (SqliteCacheStore store = SqliteCacheStore.open(directory)) {
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
        try (SqliteCacheStore store = SqliteCacheStore.builder(directory).bodyWriteCheck((file, bytes) -> {
            if (full.get() && bytes > 0 || fsyncFails.get() && bytes == 0) {
                throw new IOException("No space left on device");
            }
        }).build()) {
            CacheHandle cache = open(store, ORIGIN, "v1");
            CacheEntry kept = put(store, cache, ORIGIN + "/kept", bytes(5000, 1));
            long usage = usage(store, ORIGIN);

            full.set(true);
            BodySink sink = store.newBody(ORIGIN);
            assertThat(kindOf(() -> sink.write(ByteBuffer.wrap(bytes(100, 2))))).isEqualTo(Kind.QUOTA_EXCEEDED);
            full.set(false);
            fsyncFails.set(true);
            assertThat(kindOf(() -> put(store, cache, ORIGIN + "/lost", bytes(100, 3)))).isEqualTo(Kind.QUOTA_EXCEEDED);
            fsyncFails.set(false);

            assertThat(store.entries(cache)).containsExactly(kept);
            assertThat(read(store.openBody(cache, kept.response().bodyId()))).isEqualTo(bytes(5000, 1));
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
        try (SqliteCacheStore store = SqliteCacheStore.open(directory)) {
            assertThat(store.schemaVersion()).isEqualTo(1);
        }
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("caches.sqlite"));
                Statement statement = sql.createStatement()) {
            try (ResultSet row = statement.executeQuery("PRAGMA journal_mode")) {
                row.next();
                assertThat(row.getString(1)).isEqualToIgnoringCase("wal");
            }
            try (ResultSet row = statement.executeQuery("PRAGMA user_version")) {
                row.next();
                assertThat(row.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void aNewerSchemaIsRefused() throws Exception {
        Path directory = temp.resolve("newer");
        SqliteCacheStore.open(directory).close();
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("caches.sqlite"));
                Statement statement = sql.createStatement()) {
            statement.execute("PRAGMA user_version = 99");
        }
        assertThat(kindOf(() -> SqliteCacheStore.open(directory))).isEqualTo(Kind.IO);
    }

    @Test
    void aDirectoryIsOpenInOneStoreAtATime() throws Exception {
        Path directory = temp.resolve("single");
        try (SqliteCacheStore store = SqliteCacheStore.open(directory)) {
            assertThat(kindOf(() -> SqliteCacheStore.open(directory))).isEqualTo(Kind.IO);
            assertThat(store.cacheNames(ORIGIN)).isEmpty();
        }
        SqliteCacheStore.open(directory).close();
    }

    @Test
    void aCommitOfManyEntriesWithHeadersReadsBackInTwoQueries() throws Exception {
        // Not a timing test: a regression guard that a large batch and a large listing work.
        try (SqliteCacheStore store = SqliteCacheStore.open(temp.resolve("many"));
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
}
