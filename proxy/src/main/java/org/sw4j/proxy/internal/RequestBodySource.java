package org.sw4j.proxy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.sw4j.webapi.fetch.BodySource;

/** A request body read from the connection as it arrives, chunk by chunk (never held whole). */
final class RequestBodySource implements BodySource {
    private static final int CHUNK = 16 * 1024;
    private final InputStream in;
    private final long length;

    RequestBodySource(InputStream in, long length) {
        this.in = in;
        this.length = length;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public ByteBuffer read() throws IOException {
        byte[] chunk = new byte[CHUNK];
        int n = in.read(chunk);
        return n < 0 ? null : ByteBuffer.wrap(chunk, 0, n);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // Closing only releases the stream; there is nothing to tell anyone.
        }
    }
}
