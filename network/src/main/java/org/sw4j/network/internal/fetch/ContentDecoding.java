package org.sw4j.network.internal.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.sw4j.network.NetworkException;
import org.sw4j.webapi.fetch.BodySource;
import org.sw4j.webapi.fetch.HeaderList;

/**
 * Content codings (RFC 9110, 8.4.1) decoded as the body streams: {@code gzip} (and {@code x-gzip})
 * and {@code deflate} (zlib-wrapped, or raw deflate as some servers send it), applied in reverse
 * order of {@code Content-Encoding}. A body in a coding sw4j does not know (such as {@code br}, which
 * it never asks for) passes through undecoded, as browsers do.
 *
 * <p>A corrupt coded body fails the read that meets the corruption, as a {@link NetworkException} of
 * kind PROTOCOL.
 */
public final class ContentDecoding {
    /** The {@code Accept-Encoding} value matching what this class decodes. */
    public static final String ACCEPT_ENCODING = "gzip, deflate";

    private static final int CHUNK = 16 * 1024;

    private ContentDecoding() {
    }

    /**
     * The codings of {@code Content-Encoding} to undo, last applied first; empty when there is
     * nothing to decode or when one of them is unknown (then the body is left as it is).
     */
    public static List<String> codingsToDecode(HeaderList headers) {
        List<String> values = headers.getDecodeSplit("Content-Encoding");
        if (values == null) {
            return List.of();
        }
        List<String> codings = new ArrayList<>();
        for (String value : values) {
            String coding = value.trim().toLowerCase(Locale.ROOT);
            switch (coding) {
                case "", "identity" -> {
                }
                case "gzip", "x-gzip" -> codings.add("gzip");
                case "deflate" -> codings.add("deflate");
                default -> {
                    return List.of();
                }
            }
        }
        return codings.reversed();
    }

    /** {@code source} decoded by {@code codings} (from {@link #codingsToDecode}), lazily: nothing is read until the first {@link BodySource#read()}. */
    public static BodySource decode(BodySource source, List<String> codings) {
        return codings.isEmpty() ? source : new DecodingSource(source, codings);
    }

    private static final class DecodingSource implements BodySource {
        private final BodySource source;
        private final List<String> codings;
        private InputStream decoded;
        private volatile boolean closed;

        DecodingSource(BodySource source, List<String> codings) {
            this.source = source;
            this.codings = codings;
        }

        @Override
        public long length() {
            return -1;
        }

        @Override
        public ByteBuffer read() throws IOException {
            if (closed) {
                throw new IOException("body source closed");
            }
            try {
                if (decoded == null) {
                    InputStream in = new SourceInputStream(source);
                    for (String coding : codings) {
                        in = decoder(in, coding);
                    }
                    decoded = in;
                }
                byte[] buffer = new byte[CHUNK];
                int n = decoded.read(buffer);
                while (n == 0) {
                    n = decoded.read(buffer);
                }
                return n < 0 ? null : ByteBuffer.wrap(buffer, 0, n);
            } catch (NetworkException e) {
                throw e;
            } catch (IOException e) {
                if (closed) {
                    throw e;
                }
                throw new NetworkException(NetworkException.Kind.PROTOCOL,
                        "cannot decode the " + String.join(", ", codings.reversed()) + " response body: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            closed = true;
            source.close();
        }

        private static InputStream decoder(InputStream in, String coding) throws IOException {
            PushbackInputStream peek = new PushbackInputStream(in, 2);
            int first = peek.read();
            if (first < 0) {
                return peek;
            }
            int second = peek.read();
            if (second >= 0) {
                peek.unread(second);
            }
            peek.unread(first);
            if (coding.equals("gzip")) {
                return new GZIPInputStream(peek, CHUNK);
            }
            boolean zlib = second >= 0 && (first & 0x0F) == 8 && ((first << 8) | second) % 31 == 0;
            return new InflaterInputStream(peek, new Inflater(!zlib), CHUNK) {
                @Override
                public void close() throws IOException {
                    super.close();
                    inf.end();
                }
            };
        }
    }

    /** A blocking {@link InputStream} over a {@link BodySource}. */
    private static final class SourceInputStream extends InputStream {
        private final BodySource source;
        private ByteBuffer current;
        private boolean ended;

        SourceInputStream(BodySource source) {
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (current == null || !current.hasRemaining()) {
                if (ended) {
                    return -1;
                }
                current = source.read();
                if (current == null) {
                    ended = true;
                    return -1;
                }
            }
            int n = Math.min(length, current.remaining());
            current.get(buffer, offset, n);
            return n;
        }

        @Override
        public void close() {
            source.close();
        }
    }
}
