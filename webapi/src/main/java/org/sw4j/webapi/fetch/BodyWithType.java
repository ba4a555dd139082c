package org.sw4j.webapi.fetch;

import java.util.Objects;

/**
 * A body with type (https://fetch.spec.whatwg.org/#body-with-type): what extracting a
 * {@link BodyInit} gives.
 *
 * @param body the body
 * @param type the {@code Content-Type} value the body implies, or null (buffers, streams, untyped blobs)
 */
public record BodyWithType(Body body, String type) {
    public BodyWithType {
        Objects.requireNonNull(body, "body");
    }
}
