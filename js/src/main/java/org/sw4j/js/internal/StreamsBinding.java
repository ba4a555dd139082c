package org.sw4j.js.internal;

import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Value;
import org.sw4j.webapi.compression.Codec;
import org.sw4j.webapi.compression.CompressionFormat;
import org.sw4j.webapi.error.WebError;

/**
 * The host operations behind the JavaScript Streams bindings: the (de)compression that
 * CompressionStream and DecompressionStream delegate to a per-stream {@link Codec}.
 *
 * <p>A codec reaches JavaScript as an opaque host object (the context has no host access, so
 * scripts can only hand it back to these operations). Bytes go in as an ArrayBuffer range and come out as a
 * string of Latin-1 code units, one per byte: a single crossing, which JavaScript turns into bytes.
 */
final class StreamsBinding {
    private StreamsBinding() {}

    /** Adds this binding's host operations to {@code host}; {@code scope} is the scope they serve. */
    static void define(HostFunctions host, GlobalScope scope) {
        // compressionOpen(format, decompress) → codec handle
        host.define("compressionOpen", args -> {
            CompressionFormat format = CompressionFormat.forName(args[0].asString())
                    .orElseThrow(() -> WebError.typeError("Unsupported compression format: " + args[0].asString()));
            return args[1].asBoolean() ? Codec.decompressor(format) : Codec.compressor(format);
        });
        // compressionWrite(handle, ArrayBuffer, byteOffset, byteLength) → Latin-1 string of the output ready so far
        host.define("compressionWrite", args -> {
            byte[] input = bytesOf(args[1], args[2].asLong(), args[3].asLong());
            return latin1(codec(args[0]).write(input, 0, input.length));
        });
        // compressionFinish(handle) → Latin-1 string of the rest of the output
        host.define("compressionFinish", args -> latin1(codec(args[0]).finish()));
        // compressionClose(handle): releases the codec's native state
        host.define("compressionClose", args -> {
            codec(args[0]).close();
            return null;
        });
    }

    private static Codec codec(Value handle) {
        if (handle.isHostObject() && handle.asHostObject() instanceof Codec codec) {
            return codec;
        }
        throw WebError.typeError("Not a compression stream handle.");
    }

    /** The bytes of an ArrayBuffer's range (typed arrays have no buffer elements in the polyglot API). */
    private static byte[] bytesOf(Value buffer, long offset, long length) {
        if (!buffer.hasBufferElements()) {
            throw WebError.typeError("Expected an ArrayBuffer.");
        }
        if (offset < 0 || length < 0 || offset + length > buffer.getBufferSize()) {
            throw WebError.rangeError("The byte range is outside the buffer.");
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw WebError.rangeError("The chunk is too large.");
        }
        byte[] bytes = new byte[(int) length];
        buffer.readBuffer(offset, bytes, 0, bytes.length);
        return bytes;
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
