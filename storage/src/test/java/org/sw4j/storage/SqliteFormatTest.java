package org.sw4j.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sw4j.storage.CacheStoreContract.read;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.core.spi.cache.CacheEntry;
import org.sw4j.core.spi.cache.CacheHandle;
import org.sw4j.core.spi.cache.CacheOperation.Put;
import org.sw4j.core.spi.cache.CachedRequest;
import org.sw4j.core.spi.cache.CachedResponse;
import org.sw4j.core.spi.cache.HeaderRow;
import org.sw4j.core.spi.cache.UrlLookup;

/**
 * The on-disk format is a contract with every database already on a disk: these tests fail when a
 * stored spelling, column or encoding changes without a migration.
 */
class SqliteFormatTest {
    private static final String ORIGIN = "https://example.com";

    @TempDir
    Path temp;

    /** A version-1 database written by hand (cache-format-v1.sql), with its body files. */
    private Path fixture() throws Exception {
        Path directory = temp.resolve("fixture");
        Files.createDirectories(directory);
        String script;
        try (InputStream in = SqliteFormatTest.class.getResourceAsStream("cache-format-v1.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("caches.sqlite"));
                Statement statement = sql.createStatement()) {
            StringBuilder current = new StringBuilder();
            for (String line : script.split("\n")) {
                if (line.startsWith("--")) {
                    continue;
                }
                current.append(line).append('\n');
                if (line.endsWith(";")) {
                    statement.execute(current.toString());
                    current.setLength(0);
                }
            }
        }
        write(SqliteCacheStoreTest.bodyFile(directory, 42), "hello, fixture");
        write(SqliteCacheStoreTest.bodyFile(directory, 43), "old");
        return directory;
    }

    private static void write(Path file, String content) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void aVersionOneDatabaseIsMigratedAndReadsBackAsWritten() throws Exception {
        Path directory = fixture();
        try (SqliteCacheStore store = SqliteCacheStore.open(directory)) {
            assertThat(store.schemaVersion()).as("migrated to version 2").isEqualTo(2);
            assertThat(store.storageKeys()).containsExactly(ORIGIN, "https://other.example");
            assertThat(store.cacheNames(ORIGIN)).containsExactly("v1", "v2");
            assertThat(store.isPersisted(ORIGIN)).isTrue();
            assertThat(store.isPersisted("https://other.example")).isFalse();
            // Usage is what the rows say they took, whatever the estimate says today.
            assertThat(store.usage(ORIGIN).usage()).isEqualTo(14 + 100 + 200 + 300);
            assertThat(store.usage("https://other.example").usage()).isEqualTo(7);

            CacheEntry script = new CacheEntry(100,
                    new CachedRequest("https://cdn.example/app.js", "GET", List.of(), "no-cors", "include", "no-store",
                            "manual", "https://example.com/page", "no-referrer", "sha256-abc=", "script"),
                    new CachedResponse("opaque", 0, "",
                            List.of("https://cdn.example/app.js", "https://cdn.example/app.js?r=\"1\""),
                            List.of(new HeaderRow("Content-Type", "text/javascript")), List.of(), false, true, 42, 14));
            CacheEntry api = new CacheEntry(101,
                    new CachedRequest(ORIGIN + "/api?q=1", "GET", List.of(new HeaderRow("Accept", "application/json"),
                            new HeaderRow("X-Token", "a"), new HeaderRow("x-token", "b")), "cors", "same-origin",
                            "default", "follow", "about:client", "", "", ""),
                    new CachedResponse("cors", 200, "OK", List.of(), List.of(new HeaderRow("Vary", "Accept"),
                            new HeaderRow("Content-Type", "application/json")), List.of("X-Custom", "x-other"), true,
                            false, -1, 0));
            CacheEntry bare = new CacheEntry(102,
                    new CachedRequest(ORIGIN + "/api?", "GET", List.of(), "navigate", "omit", "reload", "error", "",
                            "unsafe-url", "", "document"),
                    new CachedResponse("basic", 404, "Not Found", List.of(), List.of(), List.of(), false, false, -1, 0));
            try (CacheHandle v1 = store.openCache(ORIGIN, "v1", false).orElseThrow()) {
                assertThat(v1.id()).isEqualTo(5);
                assertThat(store.entries(v1)).containsExactly(script, api, bare);
                assertThat(store.entries(v1, UrlLookup.exact(ORIGIN + "/api?q=1"))).containsExactly(api);
                assertThat(store.entries(v1, UrlLookup.exact(ORIGIN + "/api?"))).containsExactly(bare);
                assertThat(store.entries(v1, UrlLookup.exact(ORIGIN + "/api"))).isEmpty();
                assertThat(store.entries(v1, UrlLookup.ignoringQuery(ORIGIN + "/api"))).containsExactly(api, bare);
                assertThat(read(store.openBody(v1, 42))).isEqualTo("hello, fixture".getBytes(StandardCharsets.UTF_8));

                CacheEntry next = store.commit(v1, List.of(new Put(CacheStoreContract.request(ORIGIN + "/new"),
                        CacheStoreContract.response(), CacheStoreContract.stage(store, ORIGIN, new byte[] {1})))).getFirst();
                assertThat(next.id()).isGreaterThan(104);
                assertThat(next.response().bodyId()).isGreaterThan(43);
                // Version 2 keeps a small body in the database, beside the version-1 file bodies.
                assertThat(SqliteCacheStoreTest.bodyFile(directory, next.response().bodyId())).doesNotExist();
                assertThat(read(store.openBody(v1, next.response().bodyId()))).isEqualTo(new byte[] {1});
                assertThat(read(store.openBody(v1, 42))).isEqualTo("hello, fixture".getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThat(query(directory, "SELECT body_id || '|' || hex(data) FROM inline_bodies")).hasSize(1)
                .allMatch(row -> row.endsWith("|01"));
        // The deleted cache 9 went when the store opened, with its entry and its body.
        assertThat(SqliteCacheStoreTest.bodyFile(directory, 43)).doesNotExist();
        assertThat(query(directory, "SELECT COUNT(*) FROM entries WHERE cache_id = 9")).containsExactly("0");
        assertThat(query(directory, "SELECT COUNT(*) FROM caches WHERE id = 9")).containsExactly("0");
    }

    @Test
    void theStoreWritesTheSpellingsTheFormatDescribes() throws Exception {
        Path directory = temp.resolve("written");
        try (SqliteCacheStore store = SqliteCacheStore.open(directory);
                CacheHandle cache = store.openCache(ORIGIN, "v1", true).orElseThrow()) {
            CachedRequest request = new CachedRequest(ORIGIN + "/a?", "GET", List.of(new HeaderRow("Accept", "*/*")),
                    "no-cors", "include", "no-cache", "manual", "about:client", "origin", "", "image");
            CachedResponse response = new CachedResponse("opaqueredirect", 0, "", List.of(ORIGIN + "/a?", "x\"y"),
                    List.of(new HeaderRow("Content-Type", "image/png")), List.of("X-A"), true, false, -1, 0);
            store.commit(cache, List.of(new Put(request, response, CacheStoreContract.stage(store, ORIGIN,
                    new byte[] {1, 2, 3}))));
            store.commit(cache, List.of(new Put(CacheStoreContract.request(ORIGIN + "/b"),
                    CacheStoreContract.response(), null)));
            store.persist(ORIGIN);
        }
        assertThat(query(directory, "SELECT url_no_query || '|' || query || '|' || has_query || '|' || mode || '|'"
                + " || credentials || '|' || cache_mode || '|' || redirect || '|' || referrer_policy || '|'"
                + " || destination || '|' || response_type || '|' || url_list || '|' || cors_exposed_header_names"
                + " || '|' || range_requested || '|' || request_includes_credentials || '|' || body_size"
                + " FROM entries ORDER BY id")).containsExactly(
                        ORIGIN + "/a||1|no-cors|include|no-cache|manual|origin|image|opaqueredirect|"
                                + "[\"" + ORIGIN + "/a?\",\"x\\\"y\"]|[\"X-A\"]|1|0|3",
                        ORIGIN + "/b||0|cors|same-origin|default|follow|strict-origin-when-cross-origin||basic|[]|[]"
                                + "|0|0|0");
        assertThat(query(directory, "SELECT body_id FROM entries ORDER BY id")).element(1).isEqualTo("-1");
        assertThat(query(directory, "SELECT hex(b.data) FROM inline_bodies b JOIN entries e ON e.body_id = b.body_id"))
                .containsExactly("010203");
        assertThat(query(directory, "SELECT name || '|' || name_lower || '|' || value FROM response_headers"))
                .containsExactly("Content-Type|content-type|image/png");
        assertThat(query(directory, "SELECT storage_key || '|' || persisted FROM storage_keys"))
                .containsExactly(ORIGIN + "|1");
        assertThat(query(directory, "SELECT name || '|' || deleted FROM caches")).containsExactly("v1|0");
    }

    private static List<String> query(Path directory, String select) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("caches.sqlite"));
                Statement statement = sql.createStatement();
                ResultSet row = statement.executeQuery(select)) {
            while (row.next()) {
                rows.add(row.getString(1));
            }
        }
        return rows;
    }
}
