package org.sw4j.storage.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sw4j.core.spi.cache.StorageException;

/**
 * The connections to a store's database (the cache store's, and the registration store's, each
 * with its own schema): one writer, behind a lock, and a small pool of readers,
 * which WAL mode lets run beside the writer, each on a snapshot. Every connection keeps its
 * prepared statements, so no operation parses SQL twice.
 *
 * <p>Checkpoints (copying the write-ahead log into the database, with an fsync of each) run on a
 * connection and thread of their own, after every {@value #CHECKPOINT_AFTER_COMMITS} commits or
 * {@value #CHECKPOINT_DELAY_MILLIS} ms after a commit, whichever comes first, never in a committing
 * thread: SQLite's automatic checkpoint would stop one commit in a hundred for milliseconds (it is
 * kept, at {@value #WRITER_CHECKPOINT_PAGES} pages, only to bound the log when writes outrun the
 * checkpointer). In
 * {@code synchronous=NORMAL} mode the checkpoint's fsync of the log is what makes commits survive
 * a power loss, so they do within about that delay.
 */
public final class CacheDatabase implements AutoCloseable {
    /** Work on a connection. A writer's work commits itself; a reader runs in auto-commit mode. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Session session) throws SQLException, StorageException;
    }

    /** Brings a database, on a connection with auto-commit off, to the schema its store reads. */
    @FunctionalInterface
    public interface Migration {
        void migrate(Connection connection) throws SQLException;
    }

    /** One connection and its prepared statements; used by one thread at a time. */
    public static final class Session implements AutoCloseable {
        private final Connection connection;
        private final Map<String, PreparedStatement> statements = new HashMap<>();

        private Session(Connection connection) {
            this.connection = connection;
        }

        /** The statement for {@code sql}, prepared once per connection; its parameters are cleared. */
        public PreparedStatement statement(String sql) throws SQLException {
            PreparedStatement statement = statements.get(sql);
            if (statement == null) {
                statement = connection.prepareStatement(sql);
                statements.put(sql, statement);
            } else {
                statement.clearParameters();
            }
            return statement;
        }

        public Connection connection() {
            return connection;
        }

        public void commit() throws SQLException {
            connection.commit();
        }

        @Override
        public void close() {
            try {
                for (PreparedStatement statement : statements.values()) {
                    statement.close();
                }
                connection.close();
            } catch (SQLException ignored) {
                // closing: a failure leaves nothing to undo (WAL makes an unclean close safe)
            }
        }
    }

    static final int CHECKPOINT_AFTER_COMMITS = 100;
    static final int CHECKPOINT_DELAY_MILLIS = 200;
    static final int WRITER_CHECKPOINT_PAGES = 8192;

    private final ReentrantLock writeLock = new ReentrantLock();
    private final Session writer;
    private final BlockingQueue<Session> readers;
    private final Checkpointer checkpointer;
    /** What the database belongs to, for messages and the checkpoint thread's name: "cache", "registration". */
    private final String owner;
    private volatile boolean closed;

    private CacheDatabase(Session writer, BlockingQueue<Session> readers, Session checkpoints, String owner) {
        this.writer = writer;
        this.readers = readers;
        this.owner = owner;
        this.checkpointer = new Checkpointer(checkpoints, owner);
    }

    /**
     * Opens the database {@code file}, migrating it to the current {@link Schema}.
     *
     * @param synced FULL synchronous mode (a commit's WAL frames are fsynced before it returns, so a
     *     committed row survives a power loss) rather than NORMAL (the WAL is fsynced only at
     *     checkpoints: a commit survives the process dying, not the OS)
     */
    public static CacheDatabase open(Path file, int readerCount, boolean synced) throws SQLException {
        return open(file, readerCount, synced, Schema::migrate, "cache");
    }

    /**
     * Opens the database {@code file} of another store, migrated by {@code schema}.
     *
     * @param owner what the database belongs to, in messages: {@code "registration"} gives "the
     *     registration store is closed"
     */
    public static CacheDatabase open(Path file, int readerCount, boolean synced, Migration schema, String owner)
            throws SQLException {
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        SQLiteConfig writerConfig = new SQLiteConfig();
        writerConfig.setJournalMode(SQLiteConfig.JournalMode.WAL);
        writerConfig.setSynchronous(synced ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        writerConfig.enforceForeignKeys(true);
        writerConfig.setBusyTimeout(10_000);
        Session writer = new Session(writerConfig.createConnection(url));
        BlockingQueue<Session> readers = new ArrayBlockingQueue<>(readerCount);
        Session checkpoints = null;
        try {
            try (var pragma = writer.connection.createStatement()) {
                // A safety net: should the log outgrow this many pages (32 MiB) while the
                // checkpointer lags (sustained writing), the committing thread checkpoints, as
                // SQLite does by default at 1,000 pages. Once checkpointed, the log is restarted
                // and cut back to journal_size_limit.
                pragma.execute("PRAGMA wal_autocheckpoint = " + WRITER_CHECKPOINT_PAGES);
                pragma.execute("PRAGMA journal_size_limit = " + (64L << 20));
            }
            writer.connection.setAutoCommit(false);
            schema.migrate(writer.connection);
            SQLiteConfig readerConfig = new SQLiteConfig();
            readerConfig.setReadOnly(true);
            readerConfig.setBusyTimeout(10_000);
            for (int i = 0; i < readerCount; i++) {
                Session reader = new Session(readerConfig.createConnection(url));
                readers.add(reader);
            }
            SQLiteConfig checkpointConfig = new SQLiteConfig();
            // The checkpoint's own fsyncs (of the log, then of the database) follow this setting.
            checkpointConfig.setSynchronous(synced ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
            checkpointConfig.setBusyTimeout(10_000);
            checkpoints = new Session(checkpointConfig.createConnection(url));
        } catch (SQLException e) {
            writer.close();
            readers.forEach(Session::close);
            if (checkpoints != null) {
                checkpoints.close();
            }
            throw e;
        }
        return new CacheDatabase(writer, readers, checkpoints, owner);
    }

    /**
     * Runs {@code work} on a reader, in auto-commit mode: each statement sees one snapshot (so a
     * read that must be consistent is one statement).
     */
    public <T> T read(Work<T> work) throws SQLException, StorageException {
        Session reader = borrowReader();
        try {
            return work.run(reader);
        } finally {
            returnReader(reader);
        }
    }

    /**
     * Runs {@code work} on the writer, alone; the work commits. If it throws, its transaction is
     * rolled back.
     */
    public <T> T write(Work<T> work) throws SQLException, StorageException {
        writeLock.lock();
        try {
            ensureOpen();
            try {
                T result = work.run(writer);
                checkpointer.committed();
                return result;
            } catch (SQLException | StorageException | RuntimeException e) {
                try {
                    writer.connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } finally {
            writeLock.unlock();
        }
    }

    private Session borrowReader() throws StorageException {
        try {
            while (true) {
                ensureOpen();
                Session reader = readers.poll(100, TimeUnit.MILLISECONDS);
                if (reader != null) {
                    return reader;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(StorageException.Kind.IO, "interrupted while waiting for a database connection", e);
        }
    }

    private void returnReader(Session reader) {
        if (closed) {
            reader.close();
        } else {
            readers.add(reader);
            if (closed && readers.remove(reader)) {
                reader.close();
            }
        }
    }

    private void ensureOpen() throws StorageException {
        if (closed) {
            throw new StorageException(StorageException.Kind.CLOSED, "the " + owner + " store is closed");
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** Closes every connection; reads in progress finish first on theirs. */
    @Override
    public void close() {
        closed = true;
        checkpointer.stop();
        writeLock.lock();
        try {
            writer.close();
        } finally {
            writeLock.unlock();
        }
        Session reader;
        while ((reader = readers.poll()) != null) {
            reader.close();
        }
    }

    /** Runs the checkpoints, on its own connection and thread (see the class comment). */
    private static final class Checkpointer {
        private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

        private final Session connection;
        private final Thread thread;
        private final String owner;
        private int pending;
        private boolean stopping;

        Checkpointer(Session connection, String owner) {
            this.connection = connection;
            this.owner = owner;
            this.thread = Thread.ofPlatform().daemon().name("sw4j-" + owner + "-checkpoint").start(this::run);
        }

        synchronized void committed() {
            if (++pending == 1 || pending >= CHECKPOINT_AFTER_COMMITS) {
                notifyAll();
            }
        }

        private void run() {
            try {
                while (awaitCommits()) {
                    try (Statement sql = connection.connection().createStatement()) {
                        sql.execute("PRAGMA wal_checkpoint(PASSIVE)");
                    } catch (SQLException e) {
                        log.warn("a checkpoint of the {} database failed (the next one retries): {}", owner,
                                e.getMessage());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                connection.close();
            }
        }

        /** Waits until a checkpoint is due; false when stopping. */
        private synchronized boolean awaitCommits() throws InterruptedException {
            while (!stopping && pending == 0) {
                wait();
            }
            long due = System.nanoTime() + CHECKPOINT_DELAY_MILLIS * 1_000_000L;
            for (long left = due - System.nanoTime(); !stopping && pending < CHECKPOINT_AFTER_COMMITS && left > 0;
                    left = due - System.nanoTime()) {
                wait(Math.max(1, left / 1_000_000));
            }
            pending = 0;
            return !stopping;
        }

        void stop() {
            synchronized (this) {
                stopping = true;
                notifyAll();
            }
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
