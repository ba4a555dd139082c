package org.sw4j.storage.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.sw4j.core.spi.cache.BodySink;
import org.sw4j.core.spi.cache.StagedBody;
import org.sw4j.core.spi.cache.StorageException;

/**
 * Stages a body in memory while it is at most {@link BodyFiles#INLINE_LIMIT} bytes long (it then
 * goes into the database with its row), in a file once it grows past that. Each chunk is counted
 * against the quota before it is kept. Any failure discards the body: its file goes and its bytes
 * are no longer counted.
 *
 * <p>The file is {@code ID.tmp}, renamed to {@code ID} by {@link #finish} when the store is
 * {@linkplain BodyFiles#synced() synced}, else {@code ID} from the start: a row is the commit
 * marker, so a file without one is an orphan either way, and only the synced mode needs the
 * rename's promise that a final name never names a short file.
 */
final class StagingBodySink implements BodySink {
    private enum State { OPEN, FINISHED, DISCARDED }

    private final BodyFiles files;
    private final String storageKey;
    private final long id;
    private byte[] buffer = new byte[0];
    private FileChannel channel;
    private long size;
    private State state = State.OPEN;

    StagingBodySink(BodyFiles files, String storageKey, long id) {
        this.files = files;
        this.storageKey = storageKey;
        this.id = id;
    }

    private Path file() {
        return files.synced() ? files.temporaryPath(id) : files.path(id);
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
        long before = size;
        size += bytes;
        if (channel == null && size <= BodyFiles.INLINE_LIMIT) {
            if (buffer.length < size) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(BodyFiles.INLINE_LIMIT, Math.max(size, 2L * buffer.length)));
            }
            chunk.get(buffer, (int) before, bytes);
            return;
        }
        Path file = file();
        try {
            if (channel == null) {
                // Past the inline limit: what was buffered goes first.
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
                if (before > 0) {
                    files.writeCheck().beforeWrite(file, before);
                }
                ByteBuffer buffered = ByteBuffer.wrap(buffer, 0, (int) before);
                while (buffered.hasRemaining()) {
                    channel.write(buffered);
                }
                buffer = null;
            }
            files.writeCheck().beforeWrite(file, bytes);
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
        if (channel == null) {
            state = State.FINISHED;
            byte[] bytes = buffer.length == size ? buffer : Arrays.copyOf(buffer, (int) size);
            buffer = null;
            return new StagedBytes(files, storageKey, id, size, bytes);
        }
        Path file = file();
        Path path = files.path(id);
        try {
            files.writeCheck().beforeWrite(file, 0);
            // The data and the length (fdatasync includes it) before any row names the body. In
            // crash-safe mode this is all: a committed row never reaches the disk before its body's
            // bytes, and a name lost in an OS crash is a missing file, which a read detects.
            channel.force(false);
            channel.close();
            if (files.synced()) {
                // The data before the name: a crash leaves a temporary file or a whole body.
                Files.move(file, path, StandardCopyOption.ATOMIC_MOVE);
                BodyFiles.syncDirectory(path.getParent());
            }
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
        return new StagedBytes(files, storageKey, id, size, null);
    }

    @Override
    public void close() {
        if (state != State.OPEN) {
            return;
        }
        state = State.DISCARDED;
        buffer = null;
        if (channel != null) {
            try {
                channel.close();
                Files.deleteIfExists(file());
            } catch (IOException ignored) {
                // an orphan or a temporary file, swept when the store next opens
            }
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
