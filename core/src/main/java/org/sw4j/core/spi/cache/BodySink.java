package org.sw4j.core.spi.cache;

import java.nio.ByteBuffer;

/**
 * Where a body's bytes are staged before the commit that stores them. Written by one thread;
 * {@link #close()} without {@link #finish()} discards what was written.
 */
public interface BodySink extends AutoCloseable {
    /**
     * Appends the chunk's remaining bytes.
     *
     * @throws StorageException {@link StorageException.Kind#QUOTA_EXCEEDED} when the storage key's
     *     quota would be exceeded, or an I/O failure (disk full is reported as QUOTA_EXCEEDED too);
     *     the sink is then discarded
     */
    void write(ByteBuffer chunk) throws StorageException;

    /**
     * Ends the body; the result goes into a commit. The bytes are durable no later than the commit
     * that stores them, and as durable as its rows (a store may keep a small body in memory until
     * then, or write it ahead): a crash never leaves a committed entry with part of its body.
     */
    StagedBody finish() throws StorageException;

    /** Discards the body unless it was finished. Idempotent. */
    @Override
    void close();
}
