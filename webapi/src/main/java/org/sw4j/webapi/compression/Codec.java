package org.sw4j.webapi.compression;

/**
 * One direction of a compression or decompression stream: bytes go in chunk by chunk and come out
 * transformed. Not thread-safe; a codec belongs to one stream.
 *
 * <p>Failures are {@link org.sw4j.webapi.error.WebError} TypeErrors, as the Compression Standard
 * says: corrupt input, data after the end of the compressed data, input that ends too early.
 */
public sealed interface Codec extends AutoCloseable permits Compressor, Decompressor {

    /** A codec that compresses into {@code format}. */
    static Codec compressor(CompressionFormat format) {
        return new Compressor(format);
    }

    /** A codec that decompresses {@code format}. */
    static Codec decompressor(CompressionFormat format) {
        return new Decompressor(format);
    }

    /** Transforms {@code length} bytes of {@code input} from {@code offset}; returns what is ready (possibly none). */
    byte[] write(byte[] input, int offset, int length);

    /** Ends the input; returns the rest of the output. */
    byte[] finish();

    /** Releases the native zlib state; later calls fail. Idempotent. */
    @Override
    void close();
}
