package org.sw4j.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.sw4j.core.spi.cache.StorageException;
import org.sw4j.core.spi.registration.RegistrationStore;
import org.sw4j.core.spi.registration.StoredRegistration;
import org.sw4j.core.spi.registration.StoredVersion;
import org.sw4j.core.version.ScriptResource;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.core.version.WorkerType;
import org.sw4j.storage.internal.CacheDatabase;
import org.sw4j.storage.internal.CacheDatabase.Session;
import org.sw4j.storage.internal.DirectoryLock;
import org.sw4j.storage.internal.JsonColumns;
import org.sw4j.storage.internal.RegistrationSchema;
import org.sw4j.storage.internal.Schema;
import org.sw4j.storage.internal.StorageFailures;
import org.sw4j.storage.internal.StoredRegistrations;

/**
 * The persistent {@link RegistrationStore}: registrations, their active and waiting workers and
 * those workers' scripts, byte for byte, in one SQLite database (Chromium's
 * {@code ServiceWorkerDatabase} keeps the same things in LevelDB). It may share its directory with
 * a {@link SqliteCacheStore}: their files have different names. Every change is one transaction,
 * so after a crash at any point a registration is there as it was last stored, whole, or as it
 * was before. How much a crash may take away is its {@link Durability}, as for the cache store:
 * {@link Durability#CRASH_SAFE} by default (a stored registration survives the process being
 * killed; an OS crash may take the changes of the last 0.2 s or so), {@link Durability#SYNCED} on
 * request (every change is on disk when {@link #store} or {@link #delete} returns).
 *
 * <h2>On-disk format (schema version 2)</h2>
 * The store's files in its directory:
 * <ul>
 *   <li>{@code registrations.db} (with its {@code -wal} and {@code -shm}): an SQLite database in
 *       WAL mode, foreign keys on, {@code synchronous=NORMAL} or {@code FULL} by durability.
 *       {@code PRAGMA user_version} is the schema version; a database with a newer one is refused
 *       (the store does not open), an older one is migrated on open (version 2 added the navigation
 *       preload columns and {@code router_rules}, with defaults for existing rows).</li>
 *   <li>{@code registrations.lock}: held (an OS file lock) while a store has the database open, so
 *       two registration stores never share it (a cache store's {@code lock} is another file).</li>
 * </ul>
 * The tables (text columns hold the SPI's strings verbatim):
 * <ul>
 *   <li>{@code registrations(id PK, storage_key, scope, update_via_cache, last_update_check,
 *       active_version_id, waiting_version_id, insertion_order, navigation_preload_enabled,
 *       navigation_preload_header)}: one row per registration,
 *       unique on {@code (storage_key, scope)}. {@code update_via_cache} is {@code "imports"},
 *       {@code "all"} or {@code "none"}; {@code last_update_check} is epoch milliseconds, NULL for
 *       none (an instant is kept to the millisecond). {@code active_version_id} and
 *       {@code waiting_version_id} name rows of {@code versions} (NULL for none; at least one is
 *       set). {@code insertion_order} is the order {@link #loadAll} answers in: a new registration
 *       takes one more than the largest, a re-stored one keeps its row, id and order (only its
 *       other columns are updated). {@code navigation_preload_enabled} is 0 or 1,
 *       {@code navigation_preload_header} the header value ({@code "true"} by default).</li>
 *   <li>{@code versions(id PK, registration_id → registrations ON DELETE CASCADE, script_url,
 *       type, state, event_types, router_rules)}: exactly the active and waiting workers of each registration.
 *       {@code id} is the version's id (unique in the store: storing a version id that another
 *       registration holds fails). {@code type} is {@code "classic"} or {@code "module"};
 *       {@code state} is the state as JavaScript spells it ({@code "installed"},
 *       {@code "activated"}, ...); {@code event_types} the set of event types to handle as a JSON
 *       array of strings, sorted; {@code router_rules} the version's static routes in the engine's
 *       text form, verbatim ({@code ""} for none).</li>
 *   <li>{@code scripts(id PK, sha256 UNIQUE, size, bytes)}: script bodies, content-addressed:
 *       {@code sha256} is the SHA-256 digest of {@code bytes} (32 bytes), {@code size} their
 *       length. A body is stored once however many versions (of whatever registrations) have
 *       scripts with those bytes: an update that changes one imported script adds one row. A row
 *       no version refers to any more is deleted in the transaction that removed its last
 *       reference.</li>
 *   <li>{@code version_scripts(version_id → versions ON DELETE CASCADE, position, url,
 *       response_url, content_type, script_id → scripts)}, primary key
 *       {@code (version_id, position)}: a version's script resource map in order, position 0 its
 *       main script; {@code url} is the URL the script was requested with, {@code response_url}
 *       the response's URL, {@code content_type} its Content-Type (NULL when it had none). Index
 *       {@code version_scripts_script(script_id)} finds whether a script is still referenced.</li>
 * </ul>
 *
 * <h2>Transactions</h2>
 * {@link #store} replaces a registration in one transaction: its row is inserted or updated, its
 * old versions' rows deleted (their script map rows with them), the new ones inserted, each script
 * found by its digest or inserted, then the scripts the old versions used that nothing uses now
 * deleted. {@link #delete} removes the registration's row (versions and map rows cascade) and its
 * unreferenced scripts, in one transaction too. Digests are computed before the transaction, so a
 * large script does not hold up other writers while it is hashed. {@link #loadAll} reads in one
 * read transaction, a snapshot no concurrent store is half-seen in. Writes are serialized on one
 * connection; reads run on their own connections beside them.
 */
public final class SqliteRegistrationStore implements RegistrationStore {
    private static final String DATABASE_FILE = "registrations.db";
    private static final String LOCK_FILE = "registrations.lock";
    private static final int READERS = 2;

    private static final String FIND_REGISTRATION = "SELECT id FROM registrations WHERE storage_key = ? AND scope = ?";
    private static final String SCRIPTS_OF_REGISTRATION = "SELECT DISTINCT vs.script_id FROM version_scripts vs"
            + " JOIN versions v ON v.id = vs.version_id WHERE v.registration_id = ?";
    private static final String INSERT_REGISTRATION = "INSERT INTO registrations (storage_key, scope,"
            + " update_via_cache, last_update_check, active_version_id, waiting_version_id,"
            + " navigation_preload_enabled, navigation_preload_header, insertion_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
            + " (SELECT COALESCE(MAX(insertion_order), 0) + 1 FROM registrations))";
    private static final String UPDATE_REGISTRATION = "UPDATE registrations SET update_via_cache = ?,"
            + " last_update_check = ?, active_version_id = ?, waiting_version_id = ?, navigation_preload_enabled = ?,"
            + " navigation_preload_header = ? WHERE id = ?";
    private static final String DELETE_VERSIONS = "DELETE FROM versions WHERE registration_id = ?";
    private static final String INSERT_VERSION = "INSERT INTO versions (id, registration_id, script_url, type, state,"
            + " event_types, router_rules) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String FIND_SCRIPT = "SELECT id, size FROM scripts WHERE sha256 = ?";
    private static final String INSERT_SCRIPT = "INSERT INTO scripts (sha256, size, bytes) VALUES (?, ?, ?)";
    private static final String INSERT_VERSION_SCRIPT = "INSERT INTO version_scripts (version_id, position, url,"
            + " response_url, content_type, script_id) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String DELETE_UNREFERENCED_SCRIPT = "DELETE FROM scripts WHERE id = ?"
            + " AND NOT EXISTS (SELECT 1 FROM version_scripts WHERE script_id = ?)";

    private final CacheDatabase database;
    private final FileChannel lockFile;
    private volatile boolean closed;

    private SqliteRegistrationStore(CacheDatabase database, FileChannel lockFile) {
        this.database = database;
        this.lockFile = lockFile;
    }

    /** Opens (creating if needed) the store in {@code directory}, {@link Durability#CRASH_SAFE}. */
    public static SqliteRegistrationStore open(Path directory) throws StorageException {
        return builder(directory).build();
    }

    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /** Configures and opens a {@link SqliteRegistrationStore}. */
    public static final class Builder {
        private final Path directory;
        private Durability durability = Durability.CRASH_SAFE;

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        /** What a crash may take away (default {@link Durability#CRASH_SAFE}); see {@link Durability}. */
        public Builder durability(Durability durability) {
            this.durability = Objects.requireNonNull(durability, "durability");
            return this;
        }

        /**
         * Opens the store, creating the directory and the database if needed.
         *
         * @throws StorageException IO when the directory cannot be used, another registration
         *     store has it open, or its database has a schema newer than this code's
         */
        public SqliteRegistrationStore build() throws StorageException {
            FileChannel lockFile = null;
            try {
                Files.createDirectories(directory);
                lockFile = DirectoryLock.acquire(directory.resolve(LOCK_FILE), "registration store");
                CacheDatabase database = CacheDatabase.open(directory.resolve(DATABASE_FILE), READERS,
                        durability == Durability.SYNCED, RegistrationSchema::migrate, "registration");
                return new SqliteRegistrationStore(database, lockFile);
            } catch (IOException | SQLException | StorageException | RuntimeException e) {
                DirectoryLock.release(lockFile);
                throw StorageFailures.of("opening the registration store in " + directory, e);
            }
        }
    }

    // ------------------------------------------------------------------------------------ reading

    @Override
    public List<StoredRegistration> loadAll() throws StorageException {
        ensureOpen();
        try {
            return database.read(session -> {
                Connection connection = session.connection();
                connection.setAutoCommit(false); // one snapshot for the three statements
                try {
                    return readAll(session);
                } finally {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
            });
        } catch (SQLException | RuntimeException e) {
            throw StorageFailures.of("loading the registrations", e);
        }
    }

    private static List<StoredRegistration> readAll(Session session) throws SQLException, StorageException {
        Map<String, List<ScriptResource>> scripts = new HashMap<>();
        try (ResultSet row = session.statement("SELECT vs.version_id, vs.url, vs.response_url, vs.content_type,"
                + " s.bytes FROM version_scripts vs JOIN scripts s ON s.id = vs.script_id"
                + " ORDER BY vs.version_id, vs.position").executeQuery()) {
            while (row.next()) {
                byte[] bytes = row.getBytes(5);
                scripts.computeIfAbsent(row.getString(1), id -> new ArrayList<>()).add(new ScriptResource(
                        row.getString(2), row.getString(3), row.getString(4), bytes == null ? new byte[0] : bytes));
            }
        }
        Map<String, StoredVersion> versions = new HashMap<>();
        try (ResultSet row = session.statement("SELECT id, script_url, type, state, event_types, router_rules"
                + " FROM versions")
                .executeQuery()) {
            while (row.next()) {
                String id = row.getString(1);
                versions.put(id, new StoredVersion(id, row.getString(2), type(row.getString(3)),
                        state(row.getString(4)), new LinkedHashSet<>(JsonColumns.readStrings(row.getString(5))),
                        scripts.getOrDefault(id, List.of()), row.getString(6)));
            }
        }
        List<StoredRegistration> registrations = new ArrayList<>();
        try (ResultSet row = session.statement("SELECT storage_key, scope, update_via_cache, last_update_check,"
                + " active_version_id, waiting_version_id, navigation_preload_enabled, navigation_preload_header"
                + " FROM registrations ORDER BY insertion_order")
                .executeQuery()) {
            while (row.next()) {
                long millis = row.getLong(4);
                Instant lastUpdateCheck = row.wasNull() ? null : Instant.ofEpochMilli(millis);
                registrations.add(new StoredRegistration(row.getString(1), row.getString(2), row.getString(3),
                        lastUpdateCheck, version(versions, row.getString(5)), version(versions, row.getString(6)),
                        row.getInt(7) != 0, row.getString(8)));
            }
        }
        return registrations;
    }

    private static StoredVersion version(Map<String, StoredVersion> versions, String id) throws StorageException {
        if (id == null) {
            return null;
        }
        StoredVersion version = versions.get(id);
        if (version == null) {
            throw new StorageException(StorageException.Kind.IO, "the database names a version " + id + " it lacks");
        }
        return version;
    }

    /** The storage keys with registrations, sorted. */
    @Override
    public List<String> storageKeys() throws StorageException {
        ensureOpen();
        try {
            return database.read(session -> {
                List<String> keys = new ArrayList<>();
                try (ResultSet row = session.statement("SELECT DISTINCT storage_key FROM registrations"
                        + " ORDER BY storage_key").executeQuery()) {
                    while (row.next()) {
                        keys.add(row.getString(1));
                    }
                }
                return keys;
            });
        } catch (SQLException | RuntimeException e) {
            throw StorageFailures.of("listing the storage keys", e);
        }
    }

    /** The schema version of the open database (for tools and tests). */
    public int schemaVersion() throws StorageException {
        ensureOpen();
        try {
            return database.read(session -> Schema.version(session.connection()));
        } catch (SQLException e) {
            throw StorageFailures.of("reading the schema version", e);
        }
    }

    // ------------------------------------------------------------------------------------ writing

    /** A script to store, with its digest. */
    private record HashedScript(ScriptResource script, byte[] sha256) {
    }

    @Override
    public void store(StoredRegistration registration) throws StorageException {
        ensureOpen();
        StoredRegistrations.check(registration);
        Map<String, List<HashedScript>> hashed = new HashMap<>();
        for (StoredVersion version : StoredRegistrations.versions(registration)) {
            List<HashedScript> scripts = new ArrayList<>(version.scripts().size());
            for (ScriptResource script : version.scripts()) {
                scripts.add(new HashedScript(script, sha256(script.bytes())));
            }
            hashed.put(version.id(), scripts);
        }
        write("storing the registration " + registration.scope() + " of " + registration.storageKey(), session -> {
            Set<Long> released = new TreeSet<>();
            Long existing = findRegistration(session, registration.storageKey(), registration.scope());
            long id;
            if (existing != null) {
                id = existing;
                released.addAll(scriptsOf(session, id));
                PreparedStatement drop = session.statement(DELETE_VERSIONS);
                drop.setLong(1, id);
                drop.executeUpdate();
                PreparedStatement update = session.statement(UPDATE_REGISTRATION);
                update.setString(1, registration.updateViaCache());
                setMillis(update, 2, registration.lastUpdateCheck());
                update.setString(3, idOf(registration.active()));
                update.setString(4, idOf(registration.waiting()));
                update.setInt(5, registration.navigationPreloadEnabled() ? 1 : 0);
                update.setString(6, registration.navigationPreloadHeaderValue());
                update.setLong(7, id);
                update.executeUpdate();
            } else {
                PreparedStatement insert = session.statement(INSERT_REGISTRATION);
                insert.setString(1, registration.storageKey());
                insert.setString(2, registration.scope());
                insert.setString(3, registration.updateViaCache());
                setMillis(insert, 4, registration.lastUpdateCheck());
                insert.setString(5, idOf(registration.active()));
                insert.setString(6, idOf(registration.waiting()));
                insert.setInt(7, registration.navigationPreloadEnabled() ? 1 : 0);
                insert.setString(8, registration.navigationPreloadHeaderValue());
                insert.executeUpdate();
                try (ResultSet row = session.statement("SELECT last_insert_rowid()").executeQuery()) {
                    row.next();
                    id = row.getLong(1);
                }
            }
            for (StoredVersion version : StoredRegistrations.versions(registration)) {
                insertVersion(session, id, version, hashed.get(version.id()));
            }
            deleteUnreferenced(session, released);
            session.commit();
            return null;
        });
    }

    private static void insertVersion(Session session, long registrationId, StoredVersion version,
            List<HashedScript> scripts) throws SQLException {
        PreparedStatement insert = session.statement(INSERT_VERSION);
        insert.setString(1, version.id());
        insert.setLong(2, registrationId);
        insert.setString(3, version.scriptUrl());
        insert.setString(4, version.type().name().toLowerCase(Locale.ROOT));
        insert.setString(5, version.state().jsName());
        insert.setString(6, JsonColumns.writeStrings(List.copyOf(new TreeSet<>(version.eventTypesToHandle()))));
        insert.setString(7, version.routerRules());
        insert.executeUpdate();
        PreparedStatement map = session.statement(INSERT_VERSION_SCRIPT);
        for (int position = 0; position < scripts.size(); position++) {
            ScriptResource script = scripts.get(position).script();
            map.setString(1, version.id());
            map.setInt(2, position);
            map.setString(3, script.url());
            map.setString(4, script.responseUrl());
            map.setString(5, script.contentType());
            map.setLong(6, scriptId(session, scripts.get(position)));
            map.addBatch();
        }
        map.executeBatch();
    }

    /** The id of the row holding the script's bytes: the one with its digest, or a new one. */
    private static long scriptId(Session session, HashedScript hashed) throws SQLException {
        byte[] bytes = hashed.script().bytes();
        PreparedStatement find = session.statement(FIND_SCRIPT);
        find.setBytes(1, hashed.sha256());
        try (ResultSet row = find.executeQuery()) {
            if (row.next()) {
                if (row.getLong(2) != bytes.length) {
                    throw new SQLException("two scripts of different lengths have the same SHA-256 digest");
                }
                return row.getLong(1);
            }
        }
        PreparedStatement insert = session.statement(INSERT_SCRIPT);
        insert.setBytes(1, hashed.sha256());
        insert.setLong(2, bytes.length);
        insert.setBytes(3, bytes);
        insert.executeUpdate();
        try (ResultSet row = session.statement("SELECT last_insert_rowid()").executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    @Override
    public void delete(String storageKey, String scope) throws StorageException {
        Objects.requireNonNull(storageKey, "storageKey");
        Objects.requireNonNull(scope, "scope");
        ensureOpen();
        write("deleting the registration " + scope + " of " + storageKey, session -> {
            Long id = findRegistration(session, storageKey, scope);
            if (id == null) {
                return null;
            }
            List<Long> released = scriptsOf(session, id);
            PreparedStatement delete = session.statement("DELETE FROM registrations WHERE id = ?");
            delete.setLong(1, id);
            delete.executeUpdate();
            deleteUnreferenced(session, released);
            session.commit();
            return null;
        });
    }

    private static Long findRegistration(Session session, String storageKey, String scope) throws SQLException {
        PreparedStatement find = session.statement(FIND_REGISTRATION);
        find.setString(1, storageKey);
        find.setString(2, scope);
        try (ResultSet row = find.executeQuery()) {
            return row.next() ? row.getLong(1) : null;
        }
    }

    /** The scripts the registration's versions use. */
    private static List<Long> scriptsOf(Session session, long registrationId) throws SQLException {
        PreparedStatement select = session.statement(SCRIPTS_OF_REGISTRATION);
        select.setLong(1, registrationId);
        List<Long> ids = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                ids.add(row.getLong(1));
            }
        }
        return ids;
    }

    /** Deletes those of {@code scriptIds} that no version uses any more. */
    private static void deleteUnreferenced(Session session, Iterable<Long> scriptIds) throws SQLException {
        PreparedStatement delete = session.statement(DELETE_UNREFERENCED_SCRIPT);
        boolean any = false;
        for (long scriptId : scriptIds) {
            delete.setLong(1, scriptId);
            delete.setLong(2, scriptId);
            delete.addBatch();
            any = true;
        }
        if (any) {
            delete.executeBatch();
        }
    }

    private static void setMillis(PreparedStatement statement, int index, Instant instant) throws SQLException {
        Long millis = StoredRegistrations.epochMillis(instant);
        if (millis == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, millis);
        }
    }

    private static String idOf(StoredVersion version) {
        return version == null ? null : version.id();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static WorkerType type(String column) throws StorageException {
        for (WorkerType type : WorkerType.values()) {
            if (type.name().toLowerCase(Locale.ROOT).equals(column)) {
                return type;
            }
        }
        throw new StorageException(StorageException.Kind.IO, "unknown worker type in the database: " + column);
    }

    private static ServiceWorkerState state(String column) throws StorageException {
        for (ServiceWorkerState state : ServiceWorkerState.values()) {
            if (state.jsName().equals(column)) {
                return state;
            }
        }
        throw new StorageException(StorageException.Kind.IO, "unknown worker state in the database: " + column);
    }

    // ------------------------------------------------------------------------------------ closing

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        database.close();
        DirectoryLock.release(lockFile);
    }

    private void write(String what, CacheDatabase.Work<Void> work) throws StorageException {
        try {
            database.write(work);
        } catch (SQLException | RuntimeException e) {
            throw StorageFailures.of(what, e);
        }
    }

    private void ensureOpen() throws StorageException {
        if (closed) {
            throw new StorageException(StorageException.Kind.CLOSED, "the registration store is closed");
        }
    }
}
