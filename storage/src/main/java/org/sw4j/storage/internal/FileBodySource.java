package org.sw4j.storage.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.sw4j.webapi.fetch.BodySource;

/**
 * A stored body read from its open file. The channel is opened before the source is handed out, so
 * a delete of the entry (which unlinks the file) does not stop a reader that has it.
 */
final class FileBodySource implements BodySource {
    /** Chunk size. */
    private static final int CHUNK = 64 * 1024;
    /**
     * How much of the rest counts as at hand: a read of a stored body is a page-cache read as a
     * rule, and reading a megabyte costs less than handing the reads to another thread.
     */
    private static final int AT_HAND = 1024 * 1024;

    private final FileChannel channel;
    private final long length;
    private long position;
    private volatile boolean closed;

    FileBodySource(FileChannel channel) throws IOException {
        this.channel = channel;
        try {
            this.length = channel.size();
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public ByteBuffer read() throws IOException {
        if (closed) {
            throw new IOException("the body source was closed");
        }
        long remaining = length - position;
        if (remaining <= 0) {
            return null;
        }
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(remaining, CHUNK));
        while (chunk.hasRemaining()) {
            if (channel.read(chunk, position + chunk.position()) < 0) {
                break;
            }
        }
        chunk.flip();
        if (!chunk.hasRemaining()) {
            return null;
        }
        position += chunk.remaining();
        return chunk;
    }

    @Override
    public boolean hasArrived() {
        return length - position <= AT_HAND;
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was written: nothing to lose
        }
    }
}
