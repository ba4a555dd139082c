package org.sw4j.storage.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The registration database's schema and its migrations, as {@link Schema} is the cache
 * database's: {@code PRAGMA user_version} is the schema version, and {@link #MIGRATIONS} lists, in
 * order, what turns version {@code n - 1} into {@code n}, each in its own transaction with the bump
 * of user_version. The format itself is described in {@code SqliteRegistrationStore}'s Javadoc.
 */
public final class RegistrationSchema {
    /** Index {@code i} migrates version {@code i} to {@code i + 1}. */
    private static final List<Schema.Migration> MIGRATIONS = List.of(RegistrationSchema::version1,
            RegistrationSchema::version2);

    /** The schema version this code reads and writes. */
    public static final int VERSION = MIGRATIONS.size();

    private RegistrationSchema() {
    }

    /**
     * Brings the database (on a connection with auto-commit off) to {@link #VERSION}.
     *
     * @throws SQLException also when the database is newer than this code
     */
    public static void migrate(Connection connection) throws SQLException {
        Schema.migrate(connection, "registration", MIGRATIONS);
    }

    private static void version1(Statement sql) throws SQLException {
        sql.execute("""
                CREATE TABLE registrations (
                  id INTEGER PRIMARY KEY,
                  storage_key TEXT NOT NULL,
                  scope TEXT NOT NULL,
                  update_via_cache TEXT NOT NULL,
                  last_update_check INTEGER,
                  active_version_id TEXT,
                  waiting_version_id TEXT,
                  insertion_order INTEGER NOT NULL UNIQUE,
                  UNIQUE (storage_key, scope)
                )""");
        sql.execute("""
                CREATE TABLE versions (
                  id TEXT PRIMARY KEY NOT NULL,
                  registration_id INTEGER NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
                  script_url TEXT NOT NULL,
                  type TEXT NOT NULL,
                  state TEXT NOT NULL,
                  event_types TEXT NOT NULL
                ) WITHOUT ROWID""");
        sql.execute("CREATE INDEX versions_registration ON versions (registration_id)");
        sql.execute("""
                CREATE TABLE scripts (
                  id INTEGER PRIMARY KEY,
                  sha256 BLOB NOT NULL UNIQUE,
                  size INTEGER NOT NULL,
                  bytes BLOB NOT NULL
                )""");
        sql.execute("""
                CREATE TABLE version_scripts (
                  version_id TEXT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
                  position INTEGER NOT NULL,
                  url TEXT NOT NULL,
                  response_url TEXT,
                  content_type TEXT,
                  script_id INTEGER NOT NULL REFERENCES scripts (id),
                  PRIMARY KEY (version_id, position)
                ) WITHOUT ROWID""");
        sql.execute("CREATE INDEX version_scripts_script ON version_scripts (script_id)");
    }

    /** Navigation preload state per registration; static routes per version. */
    private static void version2(Statement sql) throws SQLException {
        sql.execute("ALTER TABLE registrations ADD COLUMN navigation_preload_enabled INTEGER NOT NULL DEFAULT 0");
        sql.execute("ALTER TABLE registrations ADD COLUMN navigation_preload_header TEXT NOT NULL DEFAULT 'true'");
        sql.execute("ALTER TABLE versions ADD COLUMN router_rules TEXT NOT NULL DEFAULT ''");
    }
}
