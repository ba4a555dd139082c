package org.sw4j.storage.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.sw4j.core.spi.cache.BodySink;
import org.sw4j.core.spi.cache.StagedBody;
import org.sw4j.core.spi.cache.StorageException;

/**
 * Stages a body into {@code ID.tmp}, counting each chunk against the quota before it is written;
 * {@link #finish} makes it durable under its final name. Any failure discards it: the file goes
 * and its bytes are no longer counted.
 */
final class FileBodySink implements BodySink {
    private enum State { OPEN, FINISHED, DISCARDED }

    private final BodyFiles files;
    private final String storageKey;
    private final long id;
    private FileChannel channel;
    private long size;
    private State state = State.OPEN;

    FileBodySink(BodyFiles files, String storageKey, long id) {
        this.files = files;
        this.storageKey = storageKey;
        this.id = id;
    }

    @Override
    public void write(ByteBuffer chunk) throws StorageException {
        ensureWritable();
        int bytes = chunk.remaining();
        if (bytes == 0) {
            return;
        }
        try {
            files.ledger().stage(storageKey, bytes);
        } catch (StorageException e) {
            close();
            throw e;
        }
        size += bytes;
        Path temporary = files.temporaryPath(id);
        try {
            if (channel == null) {
                channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
            }
            files.writeCheck().beforeWrite(temporary, bytes);
            while (chunk.hasRemaining()) {
                channel.write(chunk);
            }
        } catch (IOException e) {
            close();
            throw StorageFailures.of("writing a body of " + storageKey, e);
        }
    }

    @Override
    public StagedBody finish() throws StorageException {
        ensureWritable();
        Path temporary = files.temporaryPath(id);
        Path path = files.path(id);
        try {
            if (channel == null) {
                channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
            }
            files.writeCheck().beforeWrite(temporary, 0);
            // The data (and the size, which fdatasync includes) before the name: a crash then
            // leaves either a temporary file or a complete body, never a short one.
            channel.force(false);
            channel.close();
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
            BodyFiles.syncDirectory(path.getParent());
        } catch (IOException e) {
            close();
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // an orphan, for the next sweep
            }
            throw StorageFailures.of("storing a body of " + storageKey, e);
        }
        state = State.FINISHED;
        return new StagedFile(files, storageKey, id, size);
    }

    @Override
    public void close() {
        if (state != State.OPEN) {
            return;
        }
        state = State.DISCARDED;
        try {
            if (channel != null) {
                channel.close();
            }
            Files.deleteIfExists(files.temporaryPath(id));
        } catch (IOException ignored) {
            // a temporary file, swept when the store next opens
        }
        files.ledger().unstage(storageKey, size);
    }

    private void ensureWritable() throws StorageException {
        if (state != State.OPEN) {
            throw new IllegalStateException("the body sink was " + (state == State.FINISHED ? "finished" : "discarded"));
        }
        if (files.isClosed()) {
            close();
            throw new StorageException(StorageException.Kind.CLOSED, "the store is closed");
        }
    }
}
