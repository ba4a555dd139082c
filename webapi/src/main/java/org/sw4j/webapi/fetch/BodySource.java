package org.sw4j.webapi.fetch;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The bytes of a request or response body as they arrive: from the network, from storage, from
 * memory, or from a JavaScript stream. A source is read once, by one reader, chunk by chunk, so a
 * body is never held whole unless its reader asks for all of it.
 *
 * <p>{@link #read()} blocks until a chunk is available (call it from a virtual thread);
 * {@link #close()} cancels the source and may be called from any thread, at any time, more than
 * once.
 */
public interface BodySource extends AutoCloseable {
    /** The body's length in bytes when known in advance, else -1. */
    long length();

    /**
     * The next chunk (never empty), or null at the end of the body.
     *
     * @throws IOException when the body cannot be read to its end (a network error mid-body, a
     *     cancelled source)
     */
    ByteBuffer read() throws IOException;

    /**
     * Whether the rest of the body is already at hand, so that reading it to its end will not wait.
     * Never blocks; may read ahead into memory what has arrived (a bounded amount). False when
     * unknown, which is what sources that cannot tell answer.
     */
    default boolean hasArrived() {
        return false;
    }

    /**
     * A second source over the same unread bytes, independent of this one, when that costs no
     * copy (a body held in memory and not yet read); else null, and a caller that needs two
     * readers tees the chunks instead. Fetch's "clone a body" for bodies Java holds.
     */
    default BodySource fork() {
        return null;
    }

    /**
     * Reads the rest of the body into one array (blocking, as {@link #read()} does). For bodies a
     * caller means to hold whole; streaming readers call {@link #read()}.
     */
    default byte[] readAllBytes() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (ByteBuffer chunk = read(); chunk != null; chunk = read()) {
            if (chunk.hasArray()) {
                out.write(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
            } else {
                byte[] bytes = new byte[chunk.remaining()];
                chunk.get(bytes);
                out.write(bytes);
            }
        }
        return out.toByteArray();
    }

    /** Cancels the source, releasing what it holds; later reads fail or return null. */
    @Override
    void close();

    /** A source over {@code bytes}, which the caller must not change afterwards. */
    static BodySource of(byte[] bytes) {
        return new ByteArrayBodySource(bytes);
    }
}
