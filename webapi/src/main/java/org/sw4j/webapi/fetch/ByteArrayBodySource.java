package org.sw4j.webapi.fetch;

import java.io.IOException;
import java.nio.ByteBuffer;

/** A body held in memory, handed out as one chunk. */
final class ByteArrayBodySource implements BodySource {
    private final byte[] bytes;
    private volatile boolean done;
    private volatile boolean closed;

    ByteArrayBodySource(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public long length() {
        return bytes.length;
    }

    @Override
    public ByteBuffer read() throws IOException {
        if (closed) {
            throw new IOException("body source closed");
        }
        if (done || bytes.length == 0) {
            done = true;
            return null;
        }
        done = true;
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    @Override
    public boolean hasArrived() {
        return !closed;
    }

    @Override
    public BodySource fork() {
        return done || closed ? null : new ByteArrayBodySource(bytes);
    }

    @Override
    public void close() {
        closed = true;
    }
}
