package org.sw4j.storage.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache database's schema and its migrations. {@code PRAGMA user_version} is the schema
 * version; {@link #MIGRATIONS} lists, in order, what turns version {@code n - 1} into {@code n}.
 * To change the format, add a method {@code version2(Statement)} and append it to the list: each
 * migration runs in its own transaction together with the bump of user_version. The format itself
 * is described in {@code SqliteCacheStore}'s Javadoc.
 */
public final class Schema {
    private static final Logger log = LoggerFactory.getLogger(Schema.class);

    /** One step of a schema: turns version {@code n - 1} into {@code n}. */
    @FunctionalInterface
    interface Migration {
        void apply(Statement sql) throws SQLException;
    }

    /** Index {@code i} migrates version {@code i} to {@code i + 1}. */
    private static final List<Migration> MIGRATIONS = List.of(Schema::version1, Schema::version2);

    /** The schema version this code reads and writes. */
    public static final int VERSION = MIGRATIONS.size();

    private Schema() {
    }

    /**
     * Brings the database (on a connection with auto-commit off) to {@link #VERSION}.
     *
     * @throws SQLException also when the database is newer than this code
     */
    public static void migrate(Connection connection) throws SQLException {
        migrate(connection, "cache", MIGRATIONS);
    }

    /**
     * Brings the database called {@code what} up to {@code migrations.size()}, each migration in its
     * own transaction with the bump of {@code user_version}; refuses a database newer than that.
     */
    static void migrate(Connection connection, String what, List<Migration> migrations) throws SQLException {
        int version = version(connection);
        int target = migrations.size();
        if (version > target) {
            throw new SQLException("the " + what + " database has schema version " + version
                    + ", newer than this sw4j's " + target + ": refusing to touch it");
        }
        for (int next = version + 1; next <= target; next++) {
            try (Statement sql = connection.createStatement()) {
                migrations.get(next - 1).apply(sql);
                sql.execute("PRAGMA user_version = " + next);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
            if (version == 0) {
                log.debug("{} database created at schema version {}", what, next);
            } else {
                log.info("{} database migrated from schema version {} to {}", what, next - 1, next);
            }
        }
    }

    public static int version(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement(); ResultSet row = sql.executeQuery("PRAGMA user_version")) {
            row.next();
            return row.getInt(1);
        }
    }

    private static void version1(Statement sql) throws SQLException {
        sql.execute("""
                CREATE TABLE storage_keys (
                  storage_key TEXT PRIMARY KEY NOT NULL,
                  persisted INTEGER NOT NULL DEFAULT 0
                ) WITHOUT ROWID""");
        sql.execute("""
                CREATE TABLE caches (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  storage_key TEXT NOT NULL,
                  name TEXT NOT NULL,
                  creation_order INTEGER NOT NULL,
                  created_at INTEGER NOT NULL,
                  deleted INTEGER NOT NULL DEFAULT 0
                )""");
        sql.execute("CREATE UNIQUE INDEX caches_live_name ON caches (storage_key, name) WHERE deleted = 0");
        sql.execute("CREATE INDEX caches_creation ON caches (storage_key, creation_order)");
        sql.execute("""
                CREATE TABLE entries (
                  id INTEGER PRIMARY KEY,
                  cache_id INTEGER NOT NULL REFERENCES caches (id) ON DELETE CASCADE,
                  url_no_query TEXT NOT NULL,
                  query TEXT NOT NULL,
                  has_query INTEGER NOT NULL,
                  method TEXT NOT NULL,
                  mode TEXT NOT NULL,
                  credentials TEXT NOT NULL,
                  cache_mode TEXT NOT NULL,
                  redirect TEXT NOT NULL,
                  referrer TEXT NOT NULL,
                  referrer_policy TEXT NOT NULL,
                  integrity TEXT NOT NULL,
                  destination TEXT NOT NULL,
                  response_type TEXT NOT NULL,
                  status INTEGER NOT NULL,
                  status_text TEXT NOT NULL,
                  url_list TEXT NOT NULL,
                  cors_exposed_header_names TEXT NOT NULL,
                  range_requested INTEGER NOT NULL,
                  request_includes_credentials INTEGER NOT NULL,
                  body_id INTEGER NOT NULL,
                  body_size INTEGER NOT NULL,
                  row_size INTEGER NOT NULL,
                  created_at INTEGER NOT NULL
                )""");
        sql.execute("CREATE INDEX entries_url ON entries (cache_id, url_no_query, query)");
        sql.execute("""
                CREATE TABLE request_headers (
                  entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
                  position INTEGER NOT NULL,
                  name TEXT NOT NULL,
                  value TEXT NOT NULL,
                  PRIMARY KEY (entry_id, position)
                ) WITHOUT ROWID""");
        sql.execute("""
                CREATE TABLE response_headers (
                  entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
                  position INTEGER NOT NULL,
                  name TEXT NOT NULL,
                  name_lower TEXT NOT NULL,
                  value TEXT NOT NULL,
                  PRIMARY KEY (entry_id, position)
                ) WITHOUT ROWID""");
        sql.execute("CREATE INDEX response_headers_name ON response_headers (name_lower, entry_id)");
    }

    /**
     * Bodies of at most 64 KiB in the database: {@code inline_bodies(body_id PK, data)}, removed
     * with their entry by a trigger (a cascade from a removed cache fires it too); and an index on
     * {@code entries(body_id)}, to find an entry from its body.
     */
    private static void version2(Statement sql) throws SQLException {
        sql.execute("""
                CREATE TABLE inline_bodies (
                  body_id INTEGER PRIMARY KEY,
                  data BLOB NOT NULL
                )""");
        sql.execute("CREATE INDEX entries_body ON entries (body_id)");
        sql.execute("""
                CREATE TRIGGER entries_inline_body AFTER DELETE ON entries WHEN old.body_id >= 0 BEGIN
                  DELETE FROM inline_bodies WHERE body_id = old.body_id;
                END""");
    }
}
