package org.sw4j.webapi.fetch;

import java.util.Objects;

/**
 * A body (https://fetch.spec.whatwg.org/#concept-body) of a request or response.
 *
 * @param stream the bytes, read once; cloning a request or response tees it (the caller's job,
 *     since only the stream's owner can tee it) and uses {@link #withStream} for the copy
 * @param length the total length in bytes when known (the spec's length), else -1
 * @param fromReadableStream true when the spec's source is null because the body came from a
 *     {@code ReadableStream}: such a body cannot be sent again on a redirect, and a request
 *     carrying one needs {@code duplex: "half"}
 */
public record Body(BodySource stream, long length, boolean fromReadableStream) {

    public Body {
        Objects.requireNonNull(stream, "stream");
        if (length < -1) {
            throw new IllegalArgumentException("length must be -1 or more: " + length);
        }
    }

    /** A body over {@code bytes} (which the caller must not change afterwards), with a known length. */
    public static Body of(byte[] bytes) {
        return new Body(BodySource.of(bytes), bytes.length, false);
    }

    /** This body with another stream and the same length and origin: one branch of a tee. */
    public Body withStream(BodySource stream) {
        return new Body(stream, length, fromReadableStream);
    }
}
