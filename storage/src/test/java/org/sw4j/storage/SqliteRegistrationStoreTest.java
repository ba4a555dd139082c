package org.sw4j.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.core.spi.cache.StorageException;
import org.sw4j.core.spi.cache.StorageException.Kind;
import org.sw4j.core.spi.registration.RegistrationStore;
import org.sw4j.core.spi.registration.StoredRegistration;
import org.sw4j.core.spi.registration.StoredVersion;
import org.sw4j.core.version.ScriptResource;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.core.version.WorkerType;

class SqliteRegistrationStoreTest extends RegistrationStoreContract {
    @TempDir
    Path temp;

    private int opened;

    @Override
    protected RegistrationStore newStore() throws Exception {
        return SqliteRegistrationStore.open(temp.resolve("store-" + opened++));
    }

    private Path database(Path directory) {
        return directory.resolve("registrations.db");
    }

    /** Runs {@code query} on the store's database file, through JDBC, and answers its one number. */
    private long count(Path directory, String query, Object... parameters) throws Exception {
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + database(directory));
                PreparedStatement statement = sql.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    // ------------------------------------------------------------------------------------ restarts

    @Test
    void registrationsSurviveCloseAndReopenInTheirOrder() throws Exception {
        Path directory = temp.resolve("restart");
        byte[] big = randomBytes(2 * 1024 * 1024, 7);
        StoredRegistration first = new StoredRegistration(ORIGIN, ORIGIN + "/b/", "all", null,
                active("b1", ORIGIN + "/b/", "b", script(ORIGIN + "/b/big.js", big)), waiting("b2", ORIGIN + "/b/",
                        "b2"));
        StoredRegistration second = registration(OTHER_ORIGIN, OTHER_ORIGIN + "/", null,
                waiting("o1", OTHER_ORIGIN + "/", "o"));
        try (SqliteRegistrationStore store = SqliteRegistrationStore.open(directory)) {
            store.store(first);
            store.store(second);
        }
        try (SqliteRegistrationStore store = SqliteRegistrationStore.open(directory)) {
            List<StoredRegistration> loaded = store.loadAll();
            assertThat(loaded).hasSize(2);
            assertSameRegistration(loaded.get(0), first);
            assertSameRegistration(loaded.get(1), second);
            assertThat(store.storageKeys()).containsExactly(ORIGIN, OTHER_ORIGIN);
            // After a restart, new registrations still come after the old ones, re-stores keep their place.
            store.store(registration(ORIGIN + "/a/", "a1"));
            store.store(registration(ORIGIN, ORIGIN + "/b/", active("b2", ORIGIN + "/b/", "b2"), null));
        }
        try (SqliteRegistrationStore store = SqliteRegistrationStore.open(directory)) {
            assertThat(scopes(store.loadAll())).containsExactly(ORIGIN + "/b/", OTHER_ORIGIN + "/", ORIGIN + "/a/");
            assertThat(store.loadAll().get(0).active().id()).isEqualTo("b2");
        }
    }

    @Test
    void aSyncedStoreKeepsRegistrationsToo() throws Exception {
        Path directory = temp.resolve("synced");
        StoredRegistration registration = registration(SCOPE, "v1");
        try (SqliteRegistrationStore store = SqliteRegistrationStore.builder(directory)
                .durability(Durability.SYNCED).build()) {
            store.store(registration);
        }
        try (SqliteRegistrationStore store = SqliteRegistrationStore.open(directory)) {
            assertSameRegistration(store.loadAll().get(0), registration);
        }
    }

    // ------------------------------------------------------------------------------------ scripts

    @Test
    void equalScriptBytesAreStoredOnce() throws Exception {
        Path directory = temp.resolve("dedup");
        byte[] library = randomBytes(100_000, 11);
        ScriptResource lib = script(ORIGIN + "/lib.js", library);
        try (SqliteRegistrationStore store = SqliteRegistrationStore.open(directory)) {
            // The same library in both workers of /a/, and in /b/'s under another URL; /a/'s two
            // workers also share their main script's bytes.
            store.store(registration(ORIGIN, ORIGIN + "/a/", active("a1", ORIGIN + "/a/", "same main", lib),
                    waiting("a2", ORIGIN + "/a/", "same main", lib)));
            store.store(registration(ORIGIN, ORIGIN + "/b/", active("b1", ORIGIN + "/b/", "b main",
                    script(ORIGIN + "/b/copy-of-lib.js", library.clone())), null));
            // Shared rows, yet each version reads its own URLs back.
            assertSameVersion(store.loadAll().get(1).active(), active("b1", ORIGIN + "/b/", "b main",
                    script(ORIGIN + "/b/copy-of-lib.js", library)), "b's active");
        }
        // Bytes: "same main", "b main", the library: three rows for six map entries.
        assertThat(count(directory, "SELECT COUNT(*) FROM version_scripts")).isEqualTo(6);
        assertThat(count(directory, "SELECT COUNT(*) FROM scripts")).isEqualTo(3);
        assertThat(count(directory, "SELECT COUNT(*) FROM scripts WHERE sha256 = ?", sha256(library))).isEqualTo(1);
        assertThat(count(directory, "SELECT SUM(size) FROM scripts"))
                .isEqualTo(library.length + "same main".length() + "b main".length());
    }

    @Test
    void aDroppedVersionsScriptsAreDeletedWithIt() throws Exception {
        Path directory = temp.resolve("drop");
        byte[] oldLibrary = utf8("// library, old");
        byte[] newLibrary = utf8("// library, new");
        byte[] common = utf8("// used by both");
        try (SqliteRegistrationStore store = SqliteRegistrationStore.open(directory)) {
            store.store(registration(ORIGIN, SCOPE,
                    active("v1", SCOPE, "main 1", script(SCOPE + "lib.js", oldLibrary), script(SCOPE + "c.js", common)),
                    waiting("v2", SCOPE, "main 2", script(SCOPE + "lib.js", newLibrary),
                            script(SCOPE + "c.js", common))));
            // v2 activated: v1 and the bytes only it had go.
            store.store(registration(ORIGIN, SCOPE, active("v2", SCOPE, "main 2", script(SCOPE + "lib.js", newLibrary),
                    script(SCOPE + "c.js", common)), null));
        }
        assertThat(count(directory, "SELECT COUNT(*) FROM versions")).isEqualTo(1);
        assertThat(count(directory, "SELECT COUNT(*) FROM version_scripts WHERE version_id = 'v1'")).isZero();
        assertThat(count(directory, "SELECT COUNT(*) FROM scripts WHERE sha256 = ?", sha256(oldLibrary))).isZero();
        assertThat(count(directory, "SELECT COUNT(*) FROM scripts WHERE sha256 = ?", sha256(utf8("main 1"))))
                .isZero();
        assertThat(count(directory, "SELECT COUNT(*) FROM scripts WHERE sha256 = ?", sha256(newLibrary))).isEqualTo(1);
        assertThat(count(directory, "SELECT COUNT(*) FROM scripts WHERE sha256 = ?", sha256(common))).isEqualTo(1);
        assertThat(count(directory, "SELECT COUNT(*) FROM scripts")).isEqualTo(3);
    }

    @Test
    void deletingARegistrationDeletesTheScriptsNoOtherUses() throws Exception {
        Path directory = temp.resolve("delete");
        byte[] shared = utf8("// shared by /a/ and /b/");
        try (SqliteRegistrationStore store = SqliteRegistrationStore.open(directory)) {
            store.store(registration(ORIGIN, ORIGIN + "/a/", active("a1", ORIGIN + "/a/", "a only",
                    script(ORIGIN + "/shared.js", shared)), null));
            store.store(registration(ORIGIN, ORIGIN + "/b/", active("b1", ORIGIN + "/b/", "b only",
                    script(ORIGIN + "/shared.js", shared)), null));
            store.delete(ORIGIN, ORIGIN + "/a/");
        }
        assertThat(count(directory, "SELECT COUNT(*) FROM registrations")).isEqualTo(1);
        assertThat(count(directory, "SELECT COUNT(*) FROM versions")).isEqualTo(1);
        assertThat(count(directory, "SELECT COUNT(*) FROM scripts WHERE sha256 = ?", sha256(utf8("a only"))))
                .isZero();
        assertThat(count(directory, "SELECT COUNT(*) FROM scripts WHERE sha256 = ?", sha256(shared))).isEqualTo(1);

        try (SqliteRegistrationStore store = SqliteRegistrationStore.open(directory)) {
            store.delete(ORIGIN, ORIGIN + "/b/");
        }
        for (String table : List.of("registrations", "versions", "version_scripts", "scripts")) {
            assertThat(count(directory, "SELECT COUNT(*) FROM " + table)).as(table).isZero();
        }
    }

    @Test
    void aFailedStoreLeavesTheDatabaseAsItWas() throws Exception {
        Path directory = temp.resolve("failed");
        try (SqliteRegistrationStore store = SqliteRegistrationStore.open(directory)) {
            store.store(registration(ORIGIN + "/a/", "a1"));
            store.store(registration(ORIGIN, ORIGIN + "/b/", active("b1", ORIGIN + "/b/", "b",
                    script(ORIGIN + "/b/lib.js", utf8("b's library"))), null));
            // Fails on its second version, after the first version's rows and new script were written.
            StoredRegistration clash = registration(ORIGIN, ORIGIN + "/b/", active("b2", ORIGIN + "/b/", "new b"),
                    waiting("a1", ORIGIN + "/b/", "clash"));
            assertThat(catchThrowableOfType(StorageException.class, () -> store.store(clash)).kind())
                    .isEqualTo(Kind.IO);
        }
        assertThat(count(directory, "SELECT COUNT(*) FROM versions")).isEqualTo(2);
        assertThat(count(directory, "SELECT COUNT(*) FROM scripts WHERE sha256 = ?", sha256(utf8("new b")))).isZero();
        assertThat(count(directory, "SELECT COUNT(*) FROM scripts WHERE sha256 = ?", sha256(utf8("b's library"))))
                .isEqualTo(1);
        assertThat(count(directory, "SELECT COUNT(*) FROM registrations WHERE active_version_id = 'b1'"))
                .isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------ the file

    @Test
    void theRowsSpellValuesAsTheFormatSays() throws Exception {
        Path directory = temp.resolve("format");
        try (SqliteRegistrationStore store = SqliteRegistrationStore.open(directory)) {
            assertThat(store.schemaVersion()).isEqualTo(2);
            store.store(new StoredRegistration(ORIGIN, SCOPE, "all", Instant.ofEpochMilli(1_234_567L),
                    new StoredVersion("v1", SCOPE + "sw.mjs", WorkerType.MODULE, ServiceWorkerState.ACTIVATED,
                            Set.of("push", "fetch"), List.of(new ScriptResource(SCOPE + "sw.mjs",
                                    SCOPE + "final.mjs", null, utf8("x"))), "[]"), null, true, "on"));
        }
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + database(directory));
                Statement statement = sql.createStatement()) {
            try (ResultSet row = statement.executeQuery("PRAGMA user_version")) {
                row.next();
                assertThat(row.getInt(1)).isEqualTo(2);
            }
            try (ResultSet row = statement.executeQuery("SELECT r.storage_key, r.scope, r.update_via_cache,"
                    + " r.last_update_check, r.active_version_id, r.waiting_version_id, v.script_url, v.type, v.state,"
                    + " v.event_types, vs.position, vs.url, vs.response_url, vs.content_type, s.size,"
                    + " r.navigation_preload_enabled, r.navigation_preload_header, v.router_rules"
                    + " FROM registrations r JOIN versions v ON v.registration_id = r.id"
                    + " JOIN version_scripts vs ON vs.version_id = v.id JOIN scripts s ON s.id = vs.script_id")) {
                assertThat(row.next()).isTrue();
                List<Object> columns = new ArrayList<>();
                for (int i = 1; i <= 18; i++) {
                    columns.add(row.getObject(i));
                }
                assertThat(columns).containsExactly(ORIGIN, SCOPE, "all", 1_234_567, "v1", null, SCOPE + "sw.mjs",
                        "module", "activated", "[\"fetch\",\"push\"]", 0, SCOPE + "sw.mjs", SCOPE + "final.mjs", null,
                        1, 1, "on", "[]");
            }
        }
    }

    @Test
    void aVersion1DatabaseIsMigratedWithItsRegistrationsIntact() throws Exception {
        Path directory = temp.resolve("v1");
        Files.createDirectories(directory);
        // The version 1 schema as it shipped, with one registration in it.
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + database(directory));
                Statement statement = sql.createStatement()) {
            statement.execute("CREATE TABLE registrations (id INTEGER PRIMARY KEY, storage_key TEXT NOT NULL,"
                    + " scope TEXT NOT NULL, update_via_cache TEXT NOT NULL, last_update_check INTEGER,"
                    + " active_version_id TEXT, waiting_version_id TEXT, insertion_order INTEGER NOT NULL UNIQUE,"
                    + " UNIQUE (storage_key, scope))");
            statement.execute("CREATE TABLE versions (id TEXT PRIMARY KEY NOT NULL, registration_id INTEGER NOT NULL"
                    + " REFERENCES registrations (id) ON DELETE CASCADE, script_url TEXT NOT NULL, type TEXT NOT NULL,"
                    + " state TEXT NOT NULL, event_types TEXT NOT NULL) WITHOUT ROWID");
            statement.execute("CREATE INDEX versions_registration ON versions (registration_id)");
            statement.execute("CREATE TABLE scripts (id INTEGER PRIMARY KEY, sha256 BLOB NOT NULL UNIQUE,"
                    + " size INTEGER NOT NULL, bytes BLOB NOT NULL)");
            statement.execute("CREATE TABLE version_scripts (version_id TEXT NOT NULL REFERENCES versions (id)"
                    + " ON DELETE CASCADE, position INTEGER NOT NULL, url TEXT NOT NULL, response_url TEXT,"
                    + " content_type TEXT, script_id INTEGER NOT NULL REFERENCES scripts (id),"
                    + " PRIMARY KEY (version_id, position)) WITHOUT ROWID");
            statement.execute("CREATE INDEX version_scripts_script ON version_scripts (script_id)");
            statement.execute("INSERT INTO registrations VALUES (1, '" + ORIGIN + "', '" + SCOPE
                    + "', 'imports', NULL, 'v1', NULL, 1)");
            statement.execute("INSERT INTO versions VALUES ('v1', 1, '" + SCOPE + "sw.js', 'classic', 'activated',"
                    + " '[\"fetch\"]')");
            statement.execute("INSERT INTO scripts VALUES (1, x'00', 1, x'78')");
            statement.execute("INSERT INTO version_scripts VALUES ('v1', 0, '" + SCOPE + "sw.js', '" + SCOPE
                    + "sw.js', 'text/javascript', 1)");
            statement.execute("PRAGMA user_version = 1");
        }
        try (SqliteRegistrationStore store = SqliteRegistrationStore.open(directory)) {
            assertThat(store.schemaVersion()).isEqualTo(2);
            List<StoredRegistration> loaded = store.loadAll();
            assertThat(loaded).hasSize(1);
            StoredRegistration registration = loaded.get(0);
            assertThat(registration.active().scripts().get(0).bytes()).isEqualTo(utf8("x"));
            assertThat(registration.active().routerRules()).isEmpty();
            assertThat(registration.navigationPreloadEnabled()).isFalse();
            assertThat(registration.navigationPreloadHeaderValue()).isEqualTo("true");
        }
    }

    @Test
    void itSharesItsDirectoryWithACacheStore() throws Exception {
        Path directory = temp.resolve("shared");
        try (SqliteCacheStore caches = SqliteCacheStore.open(directory);
                SqliteRegistrationStore registrations = SqliteRegistrationStore.open(directory)) {
            registrations.store(registration(SCOPE, "v1"));
            caches.openCache(ORIGIN, "v1", true).orElseThrow().close();
            assertThat(caches.cacheNames(ORIGIN)).containsExactly("v1");
            assertThat(registrations.loadAll()).hasSize(1);
        }
        assertThat(Files.exists(directory.resolve("caches.sqlite"))).isTrue();
        assertThat(Files.exists(directory.resolve("registrations.db"))).isTrue();
    }

    @Test
    void aSecondStoreOnAnOpenDirectoryFailsUntilTheFirstCloses() throws Exception {
        Path directory = temp.resolve("twice");
        SqliteRegistrationStore first = SqliteRegistrationStore.open(directory);
        try {
            first.store(registration(SCOPE, "v1"));
            StorageException e = catchThrowableOfType(StorageException.class,
                    () -> SqliteRegistrationStore.open(directory));
            assertThat(e.kind()).isEqualTo(Kind.IO);
            assertThat(e.getMessage()).contains("another registration store").contains(directory.toString());
            assertThat(first.loadAll()).hasSize(1);
        } finally {
            first.close();
        }
        try (SqliteRegistrationStore second = SqliteRegistrationStore.open(directory)) {
            assertThat(second.loadAll()).hasSize(1);
        }
    }

    @Test
    void aDatabaseWithANewerSchemaIsRefused() throws Exception {
        Path directory = temp.resolve("newer");
        Files.createDirectories(directory);
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + database(directory));
                Statement statement = sql.createStatement()) {
            statement.execute("CREATE TABLE registrations_from_the_future (x)");
            statement.execute("PRAGMA user_version = 99");
        }
        StorageException e = catchThrowableOfType(StorageException.class,
                () -> SqliteRegistrationStore.open(directory));
        assertThat(e.kind()).isEqualTo(Kind.IO);
        assertThat(e.getMessage()).contains("schema version 99").contains("newer");
        // Refusing released the lock and left the file as it was.
        assertThat(count(directory, "PRAGMA user_version")).isEqualTo(99);
        Files.delete(database(directory));
        try (SqliteRegistrationStore store = SqliteRegistrationStore.open(directory)) {
            assertThat(store.loadAll()).isEmpty();
        }
    }
}
