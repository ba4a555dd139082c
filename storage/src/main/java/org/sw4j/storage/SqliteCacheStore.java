package org.sw4j.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sw4j.core.spi.cache.BodySink;
import org.sw4j.core.spi.cache.CacheEntry;
import org.sw4j.core.spi.cache.CacheHandle;
import org.sw4j.core.spi.cache.CacheOperation;
import org.sw4j.core.spi.cache.CacheStore;
import org.sw4j.core.spi.cache.CachedRequest;
import org.sw4j.core.spi.cache.CachedResponse;
import org.sw4j.core.spi.cache.HeaderRow;
import org.sw4j.core.spi.cache.StorageException;
import org.sw4j.core.spi.cache.StorageUsage;
import org.sw4j.core.spi.cache.UrlLookup;
import org.sw4j.storage.internal.BodyFiles;
import org.sw4j.storage.internal.CacheDatabase;
import org.sw4j.storage.internal.CacheDatabase.Session;
import org.sw4j.storage.internal.CacheDirectory;
import org.sw4j.storage.internal.DirectoryLock;
import org.sw4j.storage.internal.JsonColumns;
import org.sw4j.storage.internal.OpenCache;
import org.sw4j.storage.internal.RecentBodies;
import org.sw4j.storage.internal.RowSize;
import org.sw4j.storage.internal.Schema;
import org.sw4j.storage.internal.StagedBytes;
import org.sw4j.storage.internal.StorageFailures;
import org.sw4j.storage.internal.UsageLedger;
import org.sw4j.webapi.fetch.BodySource;

/**
 * The persistent {@link CacheStore}: metadata and small bodies in one SQLite database, larger
 * bodies in files, crash-safe (after a crash at any point, every entry present has its whole body,
 * and nothing half-written survives the next open). In the manner of Firefox's {@code dom/cache}
 * and Deno's {@code ext/cache}, with every entry of a URL kept (Vary variants, {@code matchAll})
 * and query-insensitive lookups on an index. How much a crash may take away is its
 * {@link Durability}: {@link Durability#CRASH_SAFE} by default, {@link Durability#SYNCED} on request.
 *
 * <h2>On-disk format (schema version 2)</h2>
 * A store's directory holds:
 * <ul>
 *   <li>{@code caches.sqlite} (with its {@code -wal} and {@code -shm}): an SQLite database in WAL
 *       mode, foreign keys on, {@code synchronous=NORMAL} or {@code FULL} by durability (a setting
 *       of the connection, not of the file). {@code PRAGMA user_version} is the schema version;
 *       older databases are migrated on open, newer ones refused.</li>
 *   <li>{@code bodies/XX/ID}: one file per body larger than 64 KiB, its bytes exactly. ID is the
 *       body id in lower-case hex, XX its last two hex digits (256 shard directories).
 *       {@code ID.tmp} is a body being written in SYNCED mode (in CRASH_SAFE mode a body is written
 *       under its final name).</li>
 *   <li>{@code lock}: held (an OS file lock) while a store has the directory open, so two stores
 *       never share it.</li>
 * </ul>
 * The tables (every text column holds the SPI's strings verbatim, e.g. a response type
 * {@code "opaque"} or a mode {@code "no-cors"}; flags are 0/1):
 * <ul>
 *   <li>{@code storage_keys(storage_key PK, persisted)}: persistence marks
 *       ({@code navigator.storage.persist()}); a key without a row is not persisted.</li>
 *   <li>{@code caches(id PK autoincrement, storage_key, name, creation_order, created_at, deleted)}:
 *       {@code caches.keys()} lists the live ({@code deleted = 0}) caches by creation_order; names
 *       are unique among live caches of a key. A deleted cache keeps its row (deleted = 1) while a
 *       handle holds it; created_at is the store clock's epoch milliseconds.</li>
 *   <li>{@code entries(id PK, cache_id → caches ON DELETE CASCADE, url_no_query, query, has_query,
 *       method, mode, credentials, cache_mode, redirect, referrer, referrer_policy, integrity,
 *       destination, response_type, status, status_text, url_list, cors_exposed_header_names,
 *       range_requested, request_includes_credentials, body_id, body_size, row_size, created_at)}:
 *       one row per entry, in insertion order by id. The request URL is split at its first
 *       {@code ?}: {@code query} is what follows it ({@code ""} when there is none) and
 *       {@code has_query} tells a bare {@code ?} ({@code 1, ""}) from no query ({@code 0, ""}).
 *       {@code url_list} and {@code cors_exposed_header_names} are JSON arrays of strings.
 *       {@code body_id} is -1 for a null body. {@code row_size} is what the entry's rows count
 *       against the quota (see below). Index {@code entries_url(cache_id, url_no_query, query)}
 *       makes both URL lookups, exact and any-query, index lookups; {@code entries_body(body_id)}
 *       finds an entry from its body.</li>
 *   <li>{@code inline_bodies(body_id PK, data)}: the bytes of every body of at most 64 KiB (65,536
 *       bytes; an empty body too); a body with no row here is in its file. Trigger
 *       {@code entries_inline_body} deletes a body's row with its entry's (a cascade from a removed
 *       cache included).</li>
 *   <li>{@code request_headers(entry_id, position, name, value)} and
 *       {@code response_headers(entry_id, position, name, name_lower, value)}, primary key
 *       {@code (entry_id, position)}, cascading from entries: header lists in order, names as given.
 *       {@code response_headers_name(name_lower, entry_id)} finds the entries with a given response
 *       header (Vary).</li>
 * </ul>
 * Version 1 had no {@code inline_bodies}, {@code entries_body} or trigger (every body was a file);
 * the migration to 2 adds them and leaves version-1 bodies in their files.
 *
 * <h2>Why bodies of up to 64 KiB live in the database</h2>
 * A small body in a file costs a new file and its fsync on every put (0.6 to 3 ms here, several
 * times an append to the WAL) and an open, a stat and a close on every match; in the database it
 * is a few WAL pages in the put's own transaction, and the match's query reads it with the row (no
 * second query, no file opened): SQLite reads blobs of this size faster than the filesystem opens
 * files (SQLite's own measurements put the break-even near 100 KiB). Past 64 KiB a body's pages
 * would fill the WAL and the database with overflow chains and make checkpoints copy megabytes,
 * while a file's fsync is no longer small beside writing the bytes.
 *
 * <h2>Commits and crashes</h2>
 * A body is staged in memory (up to 64 KiB) or in its file; a file is made durable before
 * {@link BodySink#finish()} returns (see {@link Durability} for how, per mode). The commit then
 * inserts the rows, and a small body's bytes, in one transaction: the row is the commit marker. A
 * body file without a row is an orphan (a crash between finish and commit, a staged body never
 * committed, a delete's file not yet removed); {@link #open} removes orphans and temporary files,
 * and the caches marked deleted (handles do not outlive a process). Deleting an entry removes its
 * body file in the background after the transaction commits; a reader that opened the file before
 * keeps reading it (an open file outlives its name). Commits that wait for the writer meanwhile are
 * committed together, each in its own savepoint, so that concurrent commits share one transaction
 * (and, in SYNCED mode, one fsync of the WAL). A body file found missing or shorter than its row
 * says when it is opened (what an OS crash can leave in CRASH_SAFE mode) makes its entry absent:
 * the row is deleted and the lookup misses.
 *
 * <h2>Beside Deno</h2>
 * Deno's cache ({@code ext/cache}) runs SQLite in WAL mode with {@code synchronous=NORMAL}, writes
 * each body to a new file and fsyncs it (not its directory) before inserting the row, treats a
 * missing body file as a miss, and leaves a deleted entry's file behind. In CRASH_SAFE mode this
 * store's rows are as durable (NORMAL too: both may lose the latest commits to a power loss,
 * neither to a killed process; here the log is synced by a checkpoint within about 0.2 s of a
 * commit, where Deno's waits for SQLite's automatic checkpoint every 1,000 pages). Its bodies are
 * more durable: a body of up to 64 KiB is in the same WAL frames as its row, so the row is never
 * kept without it (where a Deno row can outlive its body file's name and become a miss); a larger
 * body is fdatasynced before its row, as Deno does, and its length checked on every open, so a
 * file cut short is a miss, never served as a short body. SYNCED mode is stronger than Deno on
 * both counts: every commit is on disk when it returns.
 *
 * <h2>Quota</h2>
 * A storage key's usage is the real size of its bodies plus, per entry, the sum of the lengths of
 * every string stored in its rows (URL, method, the request's other members, header names and
 * values, type, status text, URL list, exposed names), plus the bytes of bodies being staged.
 * Opaque responses count their real size, without the padding browsers add: padding hides a
 * cross-origin body's size from the page that reads {@code estimate()}, and a headless platform has
 * no such page to hide it from, while its users want the real figure. A full disk is reported as
 * {@link StorageException.Kind#QUOTA_EXCEEDED}, like a full quota.
 */
public final class SqliteCacheStore implements CacheStore {
    private static final Logger log = LoggerFactory.getLogger(SqliteCacheStore.class);

    /** The quota of a storage key unless the builder says otherwise: 1 GiB. */
    public static final long DEFAULT_QUOTA = 1L << 30;

    private static final String DATABASE_FILE = "caches.sqlite";
    private static final String LOCK_FILE = "lock";
    private static final int READERS = 4;

    /**
     * An entry's columns, and both its header lists as JSON ({@code [[name, value], ...]}, in
     * order): one statement reads entries and headers together, whatever their number, and being
     * one statement it sees one snapshot without a transaction around it.
     */
    private static final String ENTRY_COLUMNS = "e.id, e.url_no_query, e.query, e.has_query, e.method, e.mode,"
            + " e.credentials, e.cache_mode, e.redirect, e.referrer, e.referrer_policy, e.integrity, e.destination,"
            + " e.response_type, e.status, e.status_text, e.url_list, e.cors_exposed_header_names, e.range_requested,"
            + " e.request_includes_credentials, e.body_id, e.body_size,"
            + " (SELECT json_group_array(json_array(h.name, h.value) ORDER BY h.position) FROM request_headers h"
            + " WHERE h.entry_id = e.id),"
            + " (SELECT json_group_array(json_array(h.name, h.value) ORDER BY h.position) FROM response_headers h"
            + " WHERE h.entry_id = e.id)";

    /**
     * The entries a read wants: its statement, whose parameters {@link #bind} sets. A URL lookup
     * (what a match does) reads the bodies the database holds with their rows; a listing of every
     * entry does not.
     */
    private enum Selection {
        ALL("e.cache_id = ?", false),
        EXACT("e.cache_id = ? AND e.url_no_query = ? AND e.query = ? AND e.has_query = ?", true),
        ANY_QUERY("e.cache_id = ? AND e.url_no_query = ?", true);

        final String sql;
        final boolean withBodies;

        Selection(String where, boolean withBodies) {
            this.withBodies = withBodies;
            sql = withBodies
                    ? "SELECT " + ENTRY_COLUMNS + ", b.body_id IS NOT NULL, b.data FROM entries e"
                            + " LEFT JOIN inline_bodies b ON b.body_id = e.body_id AND e.body_id >= 0"
                            + " WHERE " + where + " ORDER BY e.id"
                    : "SELECT " + ENTRY_COLUMNS + " FROM entries e WHERE " + where + " ORDER BY e.id";
        }
    }

    private static final String INSERT_ENTRY = "INSERT INTO entries (id, cache_id, url_no_query, query, has_query,"
            + " method, mode, credentials, cache_mode, redirect, referrer, referrer_policy, integrity, destination,"
            + " response_type, status, status_text, url_list, cors_exposed_header_names, range_requested,"
            + " request_includes_credentials, body_id, body_size, row_size, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_REQUEST_HEADER =
            "INSERT INTO request_headers (entry_id, position, name, value) VALUES (?, ?, ?, ?)";
    private static final String INSERT_RESPONSE_HEADER =
            "INSERT INTO response_headers (entry_id, position, name, name_lower, value) VALUES (?, ?, ?, ?, ?)";
    /** A deleted entry's body (-1 for none, and for one in the database: no file to remove) and bytes. */
    private static final String FIND_DELETED_ENTRY = "SELECT CASE WHEN b.body_id IS NULL THEN e.body_id ELSE -1 END,"
            + " e.body_size + e.row_size FROM entries e LEFT JOIN inline_bodies b ON b.body_id = e.body_id"
            + " WHERE e.id = ? AND e.cache_id = ?";
    private static final String DELETE_ENTRY = "DELETE FROM entries WHERE id = ?";
    private static final String INSERT_INLINE_BODY = "INSERT INTO inline_bodies (body_id, data) VALUES (?, ?)";
    /** A body looked up by its id alone (not through a lookup just before): its length and where it is. */
    private static final String FIND_BODY = "SELECT e.body_size, b.body_id IS NOT NULL, b.data FROM entries e"
            + " LEFT JOIN inline_bodies b ON b.body_id = e.body_id WHERE e.body_id = ? LIMIT 1";

    private final CacheDatabase database;
    private final BodyFiles bodies;
    private final UsageLedger ledger;
    private final RecentBodies recentBodies = new RecentBodies();
    private final CacheDirectory caches = new CacheDirectory();
    private final Set<String> persisted = ConcurrentHashMap.newKeySet();
    private final Queue<PendingCommit> waitingCommits = new ConcurrentLinkedQueue<>();
    private final Clock clock;
    private final FileChannel lockFile;
    private final boolean synced;
    /** Guarded by the database's write lock, like the two counters below. */
    private long lastEntryId;
    private long lastCreationOrder;
    private volatile boolean closed;

    private SqliteCacheStore(CacheDatabase database, BodyFiles bodies, UsageLedger ledger, Clock clock,
            FileChannel lockFile,
            boolean synced) {
        this.synced = synced;
        this.database = database;
        this.bodies = bodies;
        this.ledger = ledger;
        this.clock = clock;
        this.lockFile = lockFile;
    }

    /** Opens (creating if needed) the store in {@code directory}, with the default quota. */
    public static SqliteCacheStore open(Path directory) throws StorageException {
        return builder(directory).build();
    }

    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /** Configures and opens a {@link SqliteCacheStore}. */
    public static final class Builder {
        private final Path directory;
        private ToLongFunction<String> quota = storageKey -> DEFAULT_QUOTA;
        private Clock clock = Clock.systemUTC();
        private BodyFiles.WriteCheck writeCheck = BodyFiles.WriteCheck.NONE;
        private Durability durability = Durability.CRASH_SAFE;

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        /** Each storage key's quota in bytes (default {@link #DEFAULT_QUOTA}); asked on every check. */
        public Builder quota(ToLongFunction<String> perStorageKey) {
            this.quota = Objects.requireNonNull(perStorageKey, "perStorageKey");
            return this;
        }

        /** The clock of the created_at columns (default: the system's, UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** What a crash may take away (default {@link Durability#CRASH_SAFE}); see {@link Durability}. */
        public Builder durability(Durability durability) {
            this.durability = Objects.requireNonNull(durability, "durability");
            return this;
        }

        /** For tests: run before every body write and fsync, to simulate a failing or full disk. */
        Builder bodyWriteCheck(BodyFiles.WriteCheck check) {
            this.writeCheck = Objects.requireNonNull(check, "check");
            return this;
        }

        /**
         * Opens the store: migrates the database, removes deleted caches, orphan bodies and
         * temporary files, and counts each storage key's usage.
         *
         * @throws StorageException IO when the directory cannot be used or another store has it open
         */
        public SqliteCacheStore build() throws StorageException {
            FileChannel lockFile = null;
            CacheDatabase database = null;
            try {
                Files.createDirectories(directory);
                lockFile = DirectoryLock.acquire(directory.resolve(LOCK_FILE), "cache store");
                boolean synced = durability == Durability.SYNCED;
                database = CacheDatabase.open(directory.resolve(DATABASE_FILE), READERS, synced);
                UsageLedger ledger = new UsageLedger(quota);
                BodyFiles bodies = new BodyFiles(directory.resolve("bodies"), ledger, writeCheck, synced);
                SqliteCacheStore store = new SqliteCacheStore(database, bodies, ledger, clock, lockFile, synced);
                store.recover();
                return store;
            } catch (IOException | SQLException | StorageException | RuntimeException e) {
                if (database != null) {
                    database.close();
                }
                closeQuietly(lockFile);
                throw StorageFailures.of("opening the cache store in " + directory, e);
            }
        }
    }

    /** What {@link Builder#build} does once the database is open. */
    private void recover() throws SQLException, StorageException, IOException {
        int removed = database.write(session -> {
            int count = session.statement("DELETE FROM caches WHERE deleted = 1").executeUpdate();
            session.commit();
            return count;
        });
        long[] bodyIds = database.read(session -> {
            try (ResultSet row = session.statement("SELECT id, storage_key, name, creation_order FROM caches"
                    + " ORDER BY storage_key, creation_order").executeQuery()) {
                while (row.next()) {
                    caches.add(row.getString(2), row.getString(3), row.getLong(1));
                    lastCreationOrder = Math.max(lastCreationOrder, row.getLong(4));
                }
            }
            try (ResultSet row = session.statement("SELECT storage_key FROM storage_keys WHERE persisted = 1")
                    .executeQuery()) {
                while (row.next()) {
                    persisted.add(row.getString(1));
                }
            }
            try (ResultSet row = session.statement("SELECT c.storage_key, SUM(e.body_size + e.row_size) FROM entries e"
                    + " JOIN caches c ON c.id = e.cache_id GROUP BY c.storage_key").executeQuery()) {
                while (row.next()) {
                    ledger.addCommitted(row.getString(1), row.getLong(2));
                }
            }
            try (ResultSet row = session.statement("SELECT MAX(id) FROM entries").executeQuery()) {
                lastEntryId = row.next() ? row.getLong(1) : 0;
            }
            long[] ids = new long[64];
            int count = 0;
            try (ResultSet row = session.statement("SELECT body_id FROM entries WHERE body_id >= 0").executeQuery()) {
                while (row.next()) {
                    if (count == ids.length) {
                        ids = Arrays.copyOf(ids, count * 2);
                    }
                    ids[count++] = row.getLong(1);
                }
            }
            ids = Arrays.copyOf(ids, count);
            Arrays.sort(ids);
            return ids;
        });
        BodyFiles.Sweep sweep = bodies.sweep(id -> Arrays.binarySearch(bodyIds, id) >= 0);
        long largestRowBody = bodyIds.length == 0 ? 0 : bodyIds[bodyIds.length - 1];
        bodies.startIdsAbove(Math.max(sweep.largestId(), largestRowBody));
        if (removed > 0 || sweep.orphans() > 0 || sweep.temporary() > 0) {
            log.info("cache store opened: removed {} deleted caches, {} orphan bodies, {} temporary files; {} bodies",
                    removed, sweep.orphans(), sweep.temporary(), bodyIds.length);
        } else {
            log.debug("cache store opened: {} bodies, nothing to sweep", bodyIds.length);
        }
    }

    @Override
    public List<String> cacheNames(String storageKey) throws StorageException {
        ensureOpen();
        return caches.names(storageKey);
    }

    @Override
    public Optional<CacheHandle> openCache(String storageKey, String name, boolean create) throws StorageException {
        ensureOpen();
        OptionalLong id = caches.acquire(storageKey, name);
        if (id.isPresent()) {
            return Optional.of(handle(storageKey, name, id.getAsLong()));
        }
        if (!create) {
            return Optional.empty();
        }
        long created = write("creating cache '" + name + "' of " + storageKey, session -> {
            // Again under the write lock: another thread may have just created it.
            OptionalLong existing = caches.acquire(storageKey, name);
            if (existing.isPresent()) {
                return existing.getAsLong();
            }
            PreparedStatement insert = session.statement(
                    "INSERT INTO caches (storage_key, name, creation_order, created_at) VALUES (?, ?, ?, ?)");
            insert.setString(1, storageKey);
            insert.setString(2, name);
            insert.setLong(3, lastCreationOrder + 1);
            insert.setLong(4, clock.millis());
            insert.executeUpdate();
            long newId;
            try (ResultSet row = session.statement("SELECT last_insert_rowid()").executeQuery()) {
                row.next();
                newId = row.getLong(1);
            }
            session.commit();
            lastCreationOrder++;
            caches.addAndAcquire(storageKey, name, newId);
            return newId;
        });
        return Optional.of(handle(storageKey, name, created));
    }

    private CacheHandle handle(String storageKey, String name, long id) {
        return new OpenCache(this, storageKey, name, id, this::released);
    }

    /** A handle closed: if it was the last on a deleted cache, the cache's entries go. */
    private void released(long id) {
        if (!caches.release(id) || closed) {
            return; // a deleted cache left behind by a close is removed when the store next opens
        }
        try {
            write("removing deleted cache " + id, session -> {
                removeCache(session, id);
                return null;
            });
        } catch (StorageException e) {
            log.warn("could not remove deleted cache {}; it goes when the store next opens: {}", id, e.getMessage());
        }
    }

    @Override
    public boolean deleteCache(String storageKey, String name) throws StorageException {
        ensureOpen();
        return write("deleting cache '" + name + "' of " + storageKey, session -> {
            OptionalLong id = caches.find(storageKey, name);
            if (id.isEmpty()) {
                return false;
            }
            PreparedStatement mark = session.statement("UPDATE caches SET deleted = 1 WHERE id = ?");
            mark.setLong(1, id.getAsLong());
            mark.executeUpdate();
            session.commit();
            if (caches.delete(storageKey, name, id.getAsLong())) {
                removeCache(session, id.getAsLong());
            }
            return true;
        });
    }

    @Override
    public void clear(String storageKey) throws StorageException {
        ensureOpen();
        write("clearing " + storageKey, session -> {
            PreparedStatement mark = session.statement(
                    "UPDATE caches SET deleted = 1 WHERE storage_key = ? AND deleted = 0");
            mark.setString(1, storageKey);
            mark.executeUpdate();
            PreparedStatement unpersist = session.statement("DELETE FROM storage_keys WHERE storage_key = ?");
            unpersist.setString(1, storageKey);
            unpersist.executeUpdate();
            session.commit();
            persisted.remove(storageKey);
            for (String name : caches.names(storageKey)) {
                long id = caches.find(storageKey, name).orElseThrow();
                if (caches.delete(storageKey, name, id)) {
                    removeCache(session, id);
                }
            }
            return null;
        });
    }

    /**
     * Removes a deleted cache that no handle holds: its rows in one transaction, then its body
     * files. A failure is logged and left to the next open, which removes every deleted cache.
     */
    private void removeCache(Session session, long id) {
        try {
            String storageKey = null;
            long bytes = 0;
            List<Long> bodyIds = new ArrayList<>();
            // The body files to remove (-1: no body, or one in the database) and the bytes freed.
            PreparedStatement select = session.statement("SELECT c.storage_key,"
                    + " CASE WHEN b.body_id IS NULL THEN e.body_id ELSE -1 END, e.body_size + e.row_size"
                    + " FROM caches c LEFT JOIN entries e ON e.cache_id = c.id"
                    + " LEFT JOIN inline_bodies b ON b.body_id = e.body_id WHERE c.id = ?");
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    storageKey = row.getString(1);
                    long bodyId = row.getLong(2);
                    if (!row.wasNull()) {
                        bytes += row.getLong(3);
                        if (bodyId >= 0) {
                            bodyIds.add(bodyId);
                        }
                    }
                }
            }
            PreparedStatement delete = session.statement("DELETE FROM caches WHERE id = ?");
            delete.setLong(1, id);
            delete.executeUpdate();
            session.commit();
            if (storageKey != null) {
                ledger.addCommitted(storageKey, -bytes);
            }
            bodies.deleteLater(bodyIds);
        } catch (SQLException e) {
            try {
                session.connection().rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            log.warn("could not remove deleted cache {}; it goes when the store next opens", id, e);
        }
    }

    @Override
    public List<CacheEntry> entries(CacheHandle cache) throws StorageException {
        ensureOpen();
        OpenCache open = OpenCache.of(this, cache);
        return select(Selection.ALL, open.id(), null, null);
    }

    @Override
    public List<CacheEntry> entries(CacheHandle cache, UrlLookup lookup) throws StorageException {
        ensureOpen();
        OpenCache open = OpenCache.of(this, cache);
        return lookup.anyQuery()
                ? select(Selection.ANY_QUERY, open.id(), lookup.urlWithoutQuery(), null)
                : select(Selection.EXACT, open.id(), lookup.urlWithoutQuery(), lookup.query());
    }

    /** The selected entries with their headers, in one statement. */
    private List<CacheEntry> select(Selection selection, long cacheId, String urlWithoutQuery, String query)
            throws StorageException {
        try {
            return database.read(session -> {
                PreparedStatement statement = session.statement(selection.sql);
                bind(statement, selection, cacheId, urlWithoutQuery, query);
                List<CacheEntry> entries = new ArrayList<>();
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        CacheEntry entry = entry(row);
                        entries.add(entry);
                        long bodyId = entry.response().bodyId();
                        if (selection.withBodies && bodyId >= 0) {
                            recentBodies.put(bodyId, body(row, 25, entry.response().bodySize()));
                        }
                    }
                }
                return entries;
            });
        } catch (SQLException | IllegalArgumentException e) {
            throw StorageFailures.of("reading cache " + cacheId, e);
        }
    }

    private static void bind(PreparedStatement statement, Selection selection, long cacheId, String urlWithoutQuery,
            String query) throws SQLException {
        statement.setLong(1, cacheId);
        if (selection != Selection.ALL) {
            statement.setString(2, urlWithoutQuery);
        }
        if (selection == Selection.EXACT) {
            statement.setString(3, query == null ? "" : query);
            statement.setInt(4, query == null ? 0 : 1);
        }
    }

    /** The entry in the current row of a {@link Selection}. */
    private static CacheEntry entry(ResultSet row) throws SQLException {
        String url = row.getInt(4) != 0 ? row.getString(2) + "?" + row.getString(3) : row.getString(2);
        CachedRequest request = new CachedRequest(url, row.getString(5), JsonColumns.readHeaders(row.getString(23)),
                row.getString(6), row.getString(7), row.getString(8), row.getString(9), row.getString(10),
                row.getString(11), row.getString(12), row.getString(13));
        CachedResponse response = new CachedResponse(row.getString(14), row.getInt(15), row.getString(16),
                JsonColumns.readStrings(row.getString(17)), JsonColumns.readHeaders(row.getString(24)),
                JsonColumns.readStrings(row.getString(18)), row.getInt(19) != 0, row.getInt(20) != 0, row.getLong(21),
                row.getLong(22));
        return new CacheEntry(row.getLong(1), request, response);
    }

    /** A body as columns {@code column} (whether it is inline) and {@code column + 1} (its bytes) say. */
    private static RecentBodies.Body body(ResultSet row, int column, long size) throws SQLException {
        if (row.getInt(column) == 0) {
            return new RecentBodies.Body(size, null);
        }
        byte[] data = row.getBytes(column + 1);
        return new RecentBodies.Body(size, data == null ? new byte[0] : data);
    }

    /**
     * Opens a body: from what the lookup just before read (a match's case), else found by its id.
     * A body file that is missing or not as long as its row says (an OS crash in crash-safe mode
     * took it) makes its entry absent: the row is deleted and this fails with NOT_FOUND, which the
     * Cache API treats as a miss.
     */
    @Override
    public BodySource openBody(CacheHandle cache, long bodyId) throws StorageException {
        ensureOpen();
        OpenCache.of(this, cache);
        if (bodyId < 0) {
            throw new StorageException(StorageException.Kind.NOT_FOUND, "a null body has nothing to open");
        }
        RecentBodies.Body body = recentBodies.take(bodyId);
        if (body == null) {
            try {
                body = database.read(session -> {
                    PreparedStatement find = session.statement(FIND_BODY);
                    find.setLong(1, bodyId);
                    try (ResultSet row = find.executeQuery()) {
                        return row.next() ? body(row, 2, row.getLong(1)) : null;
                    }
                });
            } catch (SQLException e) {
                throw StorageFailures.of("finding the body " + bodyId, e);
            }
            if (body == null) {
                // Its entry was deleted (its file, if any, is about to go).
                throw new StorageException(StorageException.Kind.NOT_FOUND, "the body " + bodyId + " has no entry");
            }
        }
        if (body.inline() != null) {
            return BodySource.of(body.inline());
        }
        try {
            return bodies.open(bodyId, body.size());
        } catch (StorageException e) {
            if (e.kind() == StorageException.Kind.NOT_FOUND) {
                forgetEntriesOf(bodyId, e);
            }
            throw e;
        }
    }

    /** Deletes the entry whose body file is lost, as if its commit had never happened. */
    private void forgetEntriesOf(long bodyId, StorageException why) {
        try {
            int forgotten = write("removing the entry of the lost body " + bodyId, session -> {
                PreparedStatement find = session.statement("SELECT c.storage_key, e.body_size + e.row_size"
                        + " FROM entries e JOIN caches c ON c.id = e.cache_id WHERE e.body_id = ?");
                find.setLong(1, bodyId);
                record Freed(String storageKey, long bytes) {
                }
                List<Freed> freed = new ArrayList<>();
                try (ResultSet row = find.executeQuery()) {
                    while (row.next()) {
                        freed.add(new Freed(row.getString(1), row.getLong(2)));
                    }
                }
                PreparedStatement delete = session.statement("DELETE FROM entries WHERE body_id = ?");
                delete.setLong(1, bodyId);
                delete.executeUpdate();
                session.commit();
                for (Freed entry : freed) {
                    ledger.addCommitted(entry.storageKey(), -entry.bytes());
                }
                return freed.size();
            });
            bodies.deleteLater(List.of(bodyId));
            if (forgotten > 0) {
                log.warn("an entry's body was lost (an OS crash?), the entry is removed: {}", why.getMessage());
            }
        } catch (StorageException e) {
            log.warn("could not remove the entry of the lost body {}: {}", bodyId, e.getMessage());
        }
    }

    @Override
    public BodySink newBody(String storageKey) throws StorageException {
        ensureOpen();
        return bodies.newSink(Objects.requireNonNull(storageKey, "storageKey"));
    }

    @Override
    public List<CacheEntry> commit(CacheHandle cache, List<CacheOperation> operations) throws StorageException {
        ensureOpen();
        OpenCache open = OpenCache.of(this, cache);
        if (operations.isEmpty()) {
            return List.of();
        }
        String storageKey = open.storageKey();
        List<StagedBytes> claimed = new ArrayList<>();
        try {
            List<CacheOperation.Put> puts = new ArrayList<>();
            Set<Long> deletes = new LinkedHashSet<>();
            for (CacheOperation operation : operations) {
                switch (operation) {
                    case CacheOperation.Delete delete -> deletes.add(delete.entryId());
                    case CacheOperation.Put put -> {
                        puts.add(put);
                        if (put.body() != null) {
                            claimed.add(bodies.claim(put.body(), storageKey));
                        }
                    }
                }
            }
            long stagedBodies = 0;
            for (StagedBytes body : claimed) {
                stagedBodies += body.size();
            }
            long[] rowSizes = new long[puts.size()];
            long rowsAdded = 0;
            for (int i = 0; i < puts.size(); i++) {
                rowSizes[i] = RowSize.of(puts.get(i).request(), puts.get(i).response());
                rowsAdded += rowSizes[i];
            }
            PendingCommit commit = new PendingCommit(open, puts, claimed, rowSizes, deletes, stagedBodies, rowsAdded);
            List<CacheEntry> created = groupCommit(commit);
            claimed.forEach(StagedBytes::committed);
            bodies.deleteLater(commit.freedBodies);
            return created;
        } catch (StorageException | RuntimeException e) {
            claimed.forEach(StagedBytes::release);
            for (CacheOperation operation : operations) {
                if (operation instanceof CacheOperation.Put put && put.body() != null) {
                    put.body().discard();
                }
            }
            throw e;
        }
    }

    /** A commit waiting for the writer, and then what became of it. */
    private static final class PendingCommit {
        final OpenCache cache;
        final List<CacheOperation.Put> puts;
        final List<StagedBytes> claimed;
        final long[] rowSizes;
        final Set<Long> deletes;
        final long stagedBodies;
        final long rowsAdded;
        /** Filled by {@link #apply}: the bodies of the entries it deleted, and their bytes. */
        final List<Long> freedBodies = new ArrayList<>();
        long freed;
        List<CacheEntry> created;
        volatile boolean done;
        volatile Exception failure;

        PendingCommit(OpenCache cache, List<CacheOperation.Put> puts, List<StagedBytes> claimed, long[] rowSizes,
                Set<Long> deletes, long stagedBodies, long rowsAdded) {
            this.cache = cache;
            this.puts = puts;
            this.claimed = claimed;
            this.rowSizes = rowSizes;
            this.deletes = deletes;
            this.stagedBodies = stagedBodies;
            this.rowsAdded = rowsAdded;
        }
    }

    /**
     * Commits {@code commit} together with every other commit waiting for the writer: one
     * transaction, one fsync of the WAL for all of them, each in its own savepoint so that one
     * failing (over its quota, say) leaves the others to commit. Whoever gets the writer first
     * commits the waiting group; the others find their commit done.
     */
    private List<CacheEntry> groupCommit(PendingCommit commit) throws StorageException {
        waitingCommits.add(commit);
        StorageException unapplied = null;
        try {
            write("committing to " + commit.cache, session -> {
                if (!commit.done) {
                    List<PendingCommit> group = new ArrayList<>();
                    for (PendingCommit next; (next = waitingCommits.poll()) != null; ) {
                        group.add(next);
                    }
                    commitGroup(session, group);
                }
                return null;
            });
        } catch (StorageException e) {
            unapplied = e;
        }
        if (!commit.done) {
            // The writer failed before any group took this commit (the store closed, say).
            waitingCommits.remove(commit);
            throw unapplied != null ? unapplied
                    : new StorageException(StorageException.Kind.IO, "the commit to " + commit.cache + " was lost");
        }
        if (commit.failure != null) {
            Exception failure = commit.failure;
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw StorageFailures.of("committing to " + commit.cache, failure);
        }
        return commit.created;
    }

    private void commitGroup(Session session, List<PendingCommit> group) throws SQLException {
        List<PendingCommit> applied = new ArrayList<>(group.size());
        // A commit alone in its transaction (the rule when commits come one at a time) needs no
        // savepoint: undoing it is rolling the transaction back.
        boolean alone = group.size() == 1;
        try {
            for (PendingCommit commit : group) {
                if (!alone) {
                    session.statement("SAVEPOINT pending_commit").execute();
                }
                try {
                    apply(session, commit);
                    if (!alone) {
                        session.statement("RELEASE pending_commit").execute();
                    }
                    applied.add(commit);
                } catch (SQLException | StorageException | RuntimeException e) {
                    if (alone) {
                        session.connection().rollback();
                    } else {
                        session.statement("ROLLBACK TO pending_commit").execute();
                        session.statement("RELEASE pending_commit").execute();
                    }
                    commit.failure = e;
                    commit.done = true;
                }
            }
            session.commit();
        } catch (SQLException | RuntimeException e) {
            for (PendingCommit commit : group) {
                if (applied.contains(commit)) {
                    ledger.revertCommit(commit.cache.storageKey(), commit.stagedBodies, commit.rowsAdded, commit.freed);
                    commit.freedBodies.clear();
                }
                if (!commit.done) {
                    commit.failure = e;
                    commit.done = true;
                }
            }
            throw e;
        }
        for (PendingCommit commit : applied) {
            commit.done = true;
        }
    }

    /**
     * One commit's changes, in the writer's transaction (not committed): counts them against the
     * quota first; on failure counts nothing.
     */
    private void apply(Session session, PendingCommit commit) throws SQLException, StorageException {
        OpenCache cache = commit.cache;
        long freed = 0;
        List<Long> deleted = new ArrayList<>();
        List<Long> freedBodies = new ArrayList<>();
        if (!commit.deletes.isEmpty()) {
            PreparedStatement find = session.statement(FIND_DELETED_ENTRY);
            for (long entryId : commit.deletes) {
                find.setLong(1, entryId);
                find.setLong(2, cache.id());
                try (ResultSet row = find.executeQuery()) {
                    if (row.next()) {
                        deleted.add(entryId);
                        if (row.getLong(1) >= 0) {
                            freedBodies.add(row.getLong(1));
                        }
                        freed += row.getLong(2);
                    }
                }
            }
        }
        ledger.commit(cache.storageKey(), commit.stagedBodies, commit.rowsAdded, freed);
        try {
            if (!deleted.isEmpty()) {
                PreparedStatement delete = session.statement(DELETE_ENTRY);
                for (long entryId : deleted) {
                    delete.setLong(1, entryId);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            commit.created = insert(session, cache.id(), commit.puts, commit.claimed, commit.rowSizes);
        } catch (SQLException | RuntimeException e) {
            ledger.revertCommit(cache.storageKey(), commit.stagedBodies, commit.rowsAdded, freed);
            throw e;
        }
        commit.freed = freed;
        commit.freedBodies.addAll(freedBodies);
    }

    private List<CacheEntry> insert(Session session, long cacheId, List<CacheOperation.Put> puts,
            List<StagedBytes> claimed, long[] rowSizes) throws SQLException {
        if (puts.isEmpty()) {
            return List.of();
        }
        PreparedStatement entry = session.statement(INSERT_ENTRY);
        PreparedStatement requestHeader = session.statement(INSERT_REQUEST_HEADER);
        PreparedStatement responseHeader = session.statement(INSERT_RESPONSE_HEADER);
        PreparedStatement inlineBody = null;
        boolean anyRequestHeader = false;
        boolean anyResponseHeader = false;
        long now = clock.millis();
        List<CacheEntry> created = new ArrayList<>(puts.size());
        int body = 0;
        for (int i = 0; i < puts.size(); i++) {
            CacheOperation.Put put = puts.get(i);
            CachedRequest request = put.request();
            CachedResponse response = put.response();
            if (put.body() != null) {
                StagedBytes staged = claimed.get(body++);
                response = response.withBody(staged.id(), staged.size());
                if (staged.inline() != null) {
                    if (inlineBody == null) {
                        inlineBody = session.statement(INSERT_INLINE_BODY);
                    }
                    inlineBody.setLong(1, staged.id());
                    inlineBody.setBytes(2, staged.inline());
                    inlineBody.addBatch();
                }
            } else {
                response = response.withBody(-1, 0);
            }
            long id = ++lastEntryId;
            String query = request.query();
            int p = 1;
            entry.setLong(p++, id);
            entry.setLong(p++, cacheId);
            entry.setString(p++, request.urlWithoutQuery());
            entry.setString(p++, query == null ? "" : query);
            entry.setInt(p++, query == null ? 0 : 1);
            entry.setString(p++, request.method());
            entry.setString(p++, request.mode());
            entry.setString(p++, request.credentials());
            entry.setString(p++, request.cache());
            entry.setString(p++, request.redirect());
            entry.setString(p++, request.referrer());
            entry.setString(p++, request.referrerPolicy());
            entry.setString(p++, request.integrity());
            entry.setString(p++, request.destination());
            entry.setString(p++, response.type());
            entry.setInt(p++, response.status());
            entry.setString(p++, response.statusText());
            entry.setString(p++, JsonColumns.writeStrings(response.urlList()));
            entry.setString(p++, JsonColumns.writeStrings(response.corsExposedHeaderNames()));
            entry.setInt(p++, response.rangeRequested() ? 1 : 0);
            entry.setInt(p++, response.requestIncludesCredentials() ? 1 : 0);
            entry.setLong(p++, response.bodyId());
            entry.setLong(p++, response.bodySize());
            entry.setLong(p++, rowSizes[i]);
            entry.setLong(p, now);
            entry.addBatch();
            List<HeaderRow> headers = request.headers();
            for (int h = 0; h < headers.size(); h++) {
                requestHeader.setLong(1, id);
                requestHeader.setInt(2, h);
                requestHeader.setString(3, headers.get(h).name());
                requestHeader.setString(4, headers.get(h).value());
                requestHeader.addBatch();
                anyRequestHeader = true;
            }
            headers = response.headers();
            for (int h = 0; h < headers.size(); h++) {
                responseHeader.setLong(1, id);
                responseHeader.setInt(2, h);
                responseHeader.setString(3, headers.get(h).name());
                responseHeader.setString(4, headers.get(h).name().toLowerCase(Locale.ROOT));
                responseHeader.setString(5, headers.get(h).value());
                responseHeader.addBatch();
                anyResponseHeader = true;
            }
            created.add(new CacheEntry(id, request, response));
        }
        // Parents first: the header rows' foreign keys need their entries.
        entry.executeBatch();
        if (anyRequestHeader) {
            requestHeader.executeBatch();
        }
        if (anyResponseHeader) {
            responseHeader.executeBatch();
        }
        if (inlineBody != null) {
            inlineBody.executeBatch();
        }
        return created;
    }

    /** Only in {@link Durability#SYNCED} mode: the default mode's commits go to the log without an fsync. */
    @Override
    public boolean commitWaitsForDisk() {
        return synced;
    }

    @Override
    public StorageUsage usage(String storageKey) throws StorageException {
        ensureOpen();
        return ledger.usage(storageKey);
    }

    @Override
    public boolean isPersisted(String storageKey) throws StorageException {
        ensureOpen();
        return persisted.contains(storageKey);
    }

    @Override
    public boolean persist(String storageKey) throws StorageException {
        ensureOpen();
        if (persisted.contains(storageKey)) {
            return true;
        }
        return write("persisting " + storageKey, session -> {
            PreparedStatement upsert = session.statement("INSERT INTO storage_keys (storage_key, persisted)"
                    + " VALUES (?, 1) ON CONFLICT (storage_key) DO UPDATE SET persisted = 1");
            upsert.setString(1, storageKey);
            upsert.executeUpdate();
            session.commit();
            persisted.add(storageKey);
            return true;
        });
    }

    @Override
    public List<String> storageKeys() throws StorageException {
        ensureOpen();
        return caches.storageKeys();
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

    /** Waits until the body files of deleted entries are unlinked (they go in the background). */
    void awaitBodyDeletes() {
        bodies.awaitDeletes();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        bodies.close();
        database.close();
        closeQuietly(lockFile);
    }

    private <T> T write(String what, CacheDatabase.Work<T> work) throws StorageException {
        try {
            return database.write(work);
        } catch (SQLException | RuntimeException e) {
            throw StorageFailures.of(what, e);
        }
    }

    private void ensureOpen() throws StorageException {
        if (closed) {
            throw new StorageException(StorageException.Kind.CLOSED, "the cache store is closed");
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // releasing the lock: the OS does it anyway when the process ends
            }
        }
    }
}
