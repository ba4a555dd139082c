package org.sw4j.network.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.sw4j.network.NetworkRequest;
import org.sw4j.webapi.fetch.BodySource;
import org.sw4j.webapi.url.Url;

/**
 * A response body straight from {@code java.net.http}'s {@code ofInputStream()} subscriber, which
 * holds at most one list of network buffers and requests the next only when the last is consumed:
 * the socket is read as fast as this body is, no faster. Each {@link #read()} returns what one
 * network buffer holds (up to 16 KiB), copied once.
 */
final class StreamingBody implements BodySource {
    private static final int MAX_CHUNK = 16 * 1024;

    private final InputStream in;
    private final long length;
    private final NetworkRequest request;
    private final Url url;
    private final byte[] scratch = new byte[MAX_CHUNK];
    private long received;
    private volatile boolean closed;
    private boolean ended;

    StreamingBody(InputStream in, long length, NetworkRequest request, Url url) {
        this.in = in;
        this.length = length;
        this.request = request;
        this.url = url;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public synchronized ByteBuffer read() throws IOException {
        if (closed) {
            throw new IOException("body closed: " + request);
        }
        if (ended) {
            return null;
        }
        int n;
        try {
            do {
                n = in.read(scratch, 0, scratch.length);
            } while (n == 0);
        } catch (IOException e) {
            if (closed) {
                throw new IOException("body closed: " + request, e);
            }
            throw NetworkErrors.midBody(e, request, url, received);
        }
        if (n < 0) {
            ended = true;
            if (closed) {
                throw new IOException("body closed: " + request);
            }
            in.close();
            return null;
        }
        received += n;
        return ByteBuffer.wrap(Arrays.copyOf(scratch, n));
    }

    @Override
    public void close() {
        closed = true;
        try {
            in.close();
        } catch (IOException ignored) {
            // Closing only cancels the subscription; nothing to report.
        }
    }
}
