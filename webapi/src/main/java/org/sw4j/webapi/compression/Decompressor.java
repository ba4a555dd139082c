package org.sw4j.webapi.compression;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.sw4j.webapi.error.WebError;

/**
 * The Compression Standard's "decompress and enqueue a chunk" and "decompress flush", for one
 * stream. The gzip header and trailer (RFC 1952) are parsed here, across chunk boundaries; zlib's
 * wrapper is left to {@link Inflater}. Exactly one member/stream is accepted: any byte after its
 * end is an error, as is input that ends before it.
 */
final class Decompressor implements Codec {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED_FLAGS = 0xe0;
    private static final int TRAILER_LENGTH = 8;

    /** Where in the compressed data the next input byte belongs. */
    private enum Stage { HEADER, BODY, TRAILER, DONE }

    private final CompressionFormat format;
    private final Inflater inflater;
    private final CRC32 crc = new CRC32();
    private final byte[] buffer = new byte[16 * 1024];
    /** Header or trailer bytes seen so far, while they arrive in pieces. */
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private Stage stage;
    private long outputSize;
    private boolean closed;

    Decompressor(CompressionFormat format) {
        this.format = format;
        this.inflater = new Inflater(!format.zlibWrapper());
        this.stage = format == CompressionFormat.GZIP ? Stage.HEADER : Stage.BODY;
    }

    @Override
    public byte[] write(byte[] input, int offset, int length) {
        checkOpen();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int end = offset + length;
        int position = offset;
        while (position < end) {
            position = switch (stage) {
                case HEADER -> readHeader(input, position, end);
                case BODY -> inflate(input, position, end, out);
                case TRAILER -> readTrailer(input, position, end);
                case DONE -> throw WebError.typeError("Junk found after the end of the compressed data.");
            };
        }
        return out.toByteArray();
    }

    @Override
    public byte[] finish() {
        checkOpen();
        if (stage != Stage.DONE) {
            throw WebError.typeError("The compressed data ended unexpectedly.");
        }
        return new byte[0];
    }

    /** Buffers header bytes until the whole gzip header is there; returns the position after what it used. */
    private int readHeader(byte[] input, int position, int end) {
        int before = pending.size();
        pending.write(input, position, end - position);
        byte[] header = pending.toByteArray();
        int headerLength = gzipHeaderLength(header);
        if (headerLength < 0) {
            return end;
        }
        pending.reset();
        stage = Stage.BODY;
        return position + (headerLength - before);
    }

    /**
     * The length of the gzip member header at the start of {@code bytes}, or -1 when more bytes are
     * needed to tell; throws when the bytes are not a gzip header.
     */
    private static int gzipHeaderLength(byte[] bytes) {
        int length = bytes.length;
        if (length >= 1 && (bytes[0] & 0xff) != 0x1f || length >= 2 && (bytes[1] & 0xff) != 0x8b) {
            throw WebError.typeError("Incorrect gzip header.");
        }
        if (length >= 3 && bytes[2] != 8) {
            throw WebError.typeError("Unknown gzip compression method.");
        }
        if (length < 10) {
            return -1;
        }
        int flags = bytes[3] & 0xff;
        if ((flags & RESERVED_FLAGS) != 0) {
            throw WebError.typeError("Reserved gzip header flags are set.");
        }
        int position = 10;
        if ((flags & FEXTRA) != 0) {
            if (length < position + 2) {
                return -1;
            }
            position += 2 + ((bytes[position] & 0xff) | (bytes[position + 1] & 0xff) << 8);
        }
        for (int flag : new int[] {FNAME, FCOMMENT}) {
            if ((flags & flag) != 0) {
                while (position < length && bytes[position] != 0) {
                    position++;
                }
                if (position >= length) {
                    return -1;
                }
                position++; // the terminating zero
            }
        }
        if ((flags & FHCRC) != 0) {
            position += 2;
        }
        return position <= length ? position : -1;
    }

    /** Inflates what it can; returns the position after the input it consumed. */
    private int inflate(byte[] input, int position, int end, ByteArrayOutputStream out) {
        inflater.setInput(input, position, end - position);
        try {
            while (true) {
                int n = inflater.inflate(buffer);
                if (n > 0) {
                    out.write(buffer, 0, n);
                    outputSize += n;
                    if (format == CompressionFormat.GZIP) {
                        crc.update(buffer, 0, n);
                    }
                } else if (inflater.finished()) {
                    // Checked before needsInput(): the call that reads the last byte may output nothing.
                    break;
                } else if (inflater.needsDictionary()) {
                    throw WebError.typeError("The compressed data needs a preset dictionary.");
                } else if (inflater.needsInput()) {
                    return end;
                } else {
                    throw WebError.typeError("The compressed data is corrupt.");
                }
            }
        } catch (DataFormatException e) {
            throw WebError.typeError("The compressed data is corrupt: " + e.getMessage());
        }
        stage = format == CompressionFormat.GZIP ? Stage.TRAILER : Stage.DONE;
        return end - inflater.getRemaining();
    }

    /** Buffers the 8 trailer bytes, then checks the CRC-32 and the length they carry. */
    private int readTrailer(byte[] input, int position, int end) {
        int take = Math.min(TRAILER_LENGTH - pending.size(), end - position);
        pending.write(input, position, take);
        if (pending.size() == TRAILER_LENGTH) {
            byte[] trailer = pending.toByteArray();
            if (intLe(trailer, 0) != crc.getValue()) {
                throw WebError.typeError("Incorrect gzip data check (CRC-32).");
            }
            if (intLe(trailer, 4) != (outputSize & 0xffffffffL)) {
                throw WebError.typeError("Incorrect gzip length check.");
            }
            pending.reset();
            stage = Stage.DONE;
        }
        return position + take;
    }

    private static long intLe(byte[] bytes, int offset) {
        return (bytes[offset] & 0xffL) | (bytes[offset + 1] & 0xffL) << 8 | (bytes[offset + 2] & 0xffL) << 16
                | (bytes[offset + 3] & 0xffL) << 24;
    }

    private void checkOpen() {
        if (closed) {
            throw WebError.typeError("The decompression stream is closed.");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            inflater.end();
        }
    }
}
