package org.sw4j.webapi.compression;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.sw4j.webapi.error.WebError;

/** The Compression Standard's "compress and enqueue a chunk" and "compress and flush", for one stream. */
final class Compressor implements Codec {
    /** gzip member header: magic, CM=8 (deflate), no flags, no mtime, no XFL, OS=255 (unknown). */
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final CompressionFormat format;
    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private final byte[] buffer = new byte[16 * 1024];
    private long inputSize;
    private boolean headerWritten;
    private boolean closed;

    Compressor(CompressionFormat format) {
        this.format = format;
        this.deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, !format.zlibWrapper());
    }

    @Override
    public byte[] write(byte[] input, int offset, int length) {
        checkOpen();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeHeaderOnce(out);
        if (format == CompressionFormat.GZIP) {
            crc.update(input, offset, length);
        }
        inputSize += length;
        deflater.setInput(input, offset, length);
        while (!deflater.needsInput()) {
            int n = deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH);
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    @Override
    public byte[] finish() {
        checkOpen();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeHeaderOnce(out);
        deflater.finish();
        while (!deflater.finished()) {
            int n = deflater.deflate(buffer);
            out.write(buffer, 0, n);
        }
        if (format == CompressionFormat.GZIP) {
            writeIntLe(out, crc.getValue());
            writeIntLe(out, inputSize);
        }
        return out.toByteArray();
    }

    private void writeHeaderOnce(ByteArrayOutputStream out) {
        if (!headerWritten && format == CompressionFormat.GZIP) {
            out.write(GZIP_HEADER, 0, GZIP_HEADER.length);
        }
        headerWritten = true;
    }

    private static void writeIntLe(ByteArrayOutputStream out, long value) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (value >>> (8 * i)) & 0xff);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw WebError.typeError("The compression stream is closed.");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            deflater.end();
        }
    }
}
