package org.sw4j.storage.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sw4j.core.spi.cache.StorageException;

/**
 * The connections to the cache database: one writer, behind a lock, and a small pool of readers,
 * which WAL mode lets run beside the writer, each on a snapshot. Every connection keeps its
 * prepared statements, so no operation parses SQL twice.
 */
public final class CacheDatabase implements AutoCloseable {
    /** Work on a connection. A writer's work commits itself; a reader runs in auto-commit mode. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Session session) throws SQLException, StorageException;
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

    private final ReentrantLock writeLock = new ReentrantLock();
    private final Session writer;
    private final BlockingQueue<Session> readers;
    private volatile boolean closed;

    private CacheDatabase(Session writer, BlockingQueue<Session> readers) {
        this.writer = writer;
        this.readers = readers;
    }

    /**
     * Opens the database {@code file}, migrating it to the current {@link Schema}.
     *
     * @param synced FULL synchronous mode (a commit's WAL frames are fsynced before it returns, so a
     *     committed row survives a power loss) rather than NORMAL (the WAL is fsynced only at
     *     checkpoints: a commit survives the process dying, not the OS)
     */
    public static CacheDatabase open(Path file, int readerCount, boolean synced) throws SQLException {
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        SQLiteConfig writerConfig = new SQLiteConfig();
        writerConfig.setJournalMode(SQLiteConfig.JournalMode.WAL);
        writerConfig.setSynchronous(synced ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        writerConfig.enforceForeignKeys(true);
        writerConfig.setBusyTimeout(10_000);
        Session writer = new Session(writerConfig.createConnection(url));
        BlockingQueue<Session> readers = new ArrayBlockingQueue<>(readerCount);
        try {
            writer.connection.setAutoCommit(false);
            Schema.migrate(writer.connection);
            SQLiteConfig readerConfig = new SQLiteConfig();
            readerConfig.setReadOnly(true);
            readerConfig.setBusyTimeout(10_000);
            for (int i = 0; i < readerCount; i++) {
                Session reader = new Session(readerConfig.createConnection(url));
                readers.add(reader);
            }
        } catch (SQLException e) {
            writer.close();
            readers.forEach(Session::close);
            throw e;
        }
        return new CacheDatabase(writer, readers);
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
                return work.run(writer);
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
            throw new StorageException(StorageException.Kind.CLOSED, "the cache store is closed");
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** Closes every connection; reads in progress finish first on theirs. */
    @Override
    public void close() {
        closed = true;
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
}
