package org.sw4j.js.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.graalvm.polyglot.Value;
import org.sw4j.webapi.fetch.BodySource;

/**
 * The host operations behind the JavaScript Fetch bindings ({@code fetch.js}).
 *
 * <p>Bodies cross between Java and JavaScript chunk by chunk. Java to JavaScript: a
 * {@link BodySource} is read on a virtual thread and each chunk handed to JavaScript as a heap
 * {@link ByteBuffer}, which JavaScript wraps without copying ({@code new ArrayBuffer(buffer)}; the
 * context allows buffer access and nothing else of host objects). JavaScript to Java: chunks are
 * copied out of an {@code ArrayBuffer} in one bulk read into a {@link BodyPipe}.
 */
final class FetchBinding {
    private FetchBinding() {}

    /** Adds this binding's host operations to {@code host}; {@code scope} is the scope they serve. */
    static void define(HostFunctions host, GlobalScope scope) {
        host.define("bodySourceLength", args -> source(args[0]).length());
        host.define("bodySourceRead", args -> {
            BodySource source = source(args[0]);
            Value onChunk = args[1];
            Value onError = args[2];
            scope.worker().runHostOperation("body read", () -> ownedCopy(source.read()), (chunk, failure) -> {
                if (failure != null) {
                    onError.execute(message(failure));
                } else {
                    onChunk.execute(chunk);
                }
            });
            return null;
        });
        host.define("bodySourceReadAll", args -> {
            BodySource source = source(args[0]);
            Value onDone = args[1];
            Value onError = args[2];
            scope.worker().runHostOperation("body read", () -> readAll(source), (all, failure) -> {
                if (failure != null) {
                    onError.execute(message(failure));
                } else {
                    onDone.execute(all);
                }
            });
            return null;
        });
        host.define("bodySourceCancel", args -> {
            source(args[0]).close();
            return null;
        });
        host.define("bodyPipeNew", args -> new BodyPipe(args[0].isNull() ? -1 : args[0].asLong()));
        host.define("bodyPipeWrite", args -> {
            Value buffer = args[1];
            long offset = args[2].asLong();
            int length = args[3].asInt();
            byte[] chunk = new byte[length];
            buffer.readBuffer(offset, chunk, 0, length);
            return pipe(args[0]).write(chunk);
        });
        host.define("bodyPipeOnDrain", args -> {
            Value callback = args[1];
            WorkerInstance worker = scope.worker();
            pipe(args[0]).onDrain(() -> worker.post("body pipe drained", callback::executeVoid));
            return null;
        });
        host.define("bodyPipeEnd", args -> {
            pipe(args[0]).end();
            return null;
        });
        host.define("bodyPipeFail", args -> {
            pipe(args[0]).fail(args[1].asString());
            return null;
        });
        host.define("bodyPipeCancelled", args -> pipe(args[0]).isCancelled());
    }

    private static BodySource source(Value handle) {
        return handle.asHostObject();
    }

    private static BodyPipe pipe(Value handle) {
        return handle.asHostObject();
    }

    private static String message(Throwable failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.toString();
    }

    /**
     * A chunk JavaScript may own: a writable heap buffer of exactly the chunk's bytes. Sources
     * may hand out views of storage they keep (a cached body, a shared array), so the chunk is
     * always copied once here.
     */
    private static ByteBuffer ownedCopy(ByteBuffer chunk) {
        if (chunk == null) {
            return null;
        }
        ByteBuffer copy = ByteBuffer.allocate(chunk.remaining());
        copy.put(chunk).flip();
        return copy;
    }

    /** Reads a source to its end into one heap buffer (Fetch's "fully read" for a Java body). */
    static ByteBuffer readAll(BodySource source) throws IOException {
        long expected = source.length();
        byte[] all = new byte[expected >= 0 && expected < Integer.MAX_VALUE - 8 ? (int) expected : 8192];
        int size = 0;
        try (source) {
            for (ByteBuffer chunk = source.read(); chunk != null; chunk = source.read()) {
                int n = chunk.remaining();
                if (size + n > all.length) {
                    long grown = Math.max((long) all.length * 2, (long) size + n);
                    if (grown > Integer.MAX_VALUE - 8) {
                        throw new IOException("body too large to read into memory (over 2 GiB)");
                    }
                    all = java.util.Arrays.copyOf(all, (int) grown);
                }
                chunk.get(all, size, n);
                size += n;
            }
        }
        return ByteBuffer.wrap(all, 0, size).slice();
    }
}
