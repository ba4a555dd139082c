package org.sw4j.webapi.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/** Reads a test body whole. */
final class BodyReading {
    private BodyReading() {
    }

    static byte[] readAll(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (ByteBuffer chunk = body.stream().read(); chunk != null; chunk = body.stream().read()) {
                byte[] bytes = new byte[chunk.remaining()];
                chunk.get(bytes);
                out.writeBytes(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
