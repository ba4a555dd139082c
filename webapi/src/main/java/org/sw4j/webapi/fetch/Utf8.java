package org.sw4j.webapi.fetch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** UTF-8 as the Encoding Standard defines it, for bodies and form data. */
final class Utf8 {
    private Utf8() {
    }

    /**
     * UTF-8 encode (https://encoding.spec.whatwg.org/#utf-8-encode) of {@code s} converted to a
     * scalar value string: unpaired surrogates become U+FFFD, not the '?' that
     * {@link String#getBytes} would write.
     */
    static byte[] encode(String s) {
        return toScalarValueString(s).getBytes(StandardCharsets.UTF_8);
    }

    /** UTF-8 decode without BOM (https://encoding.spec.whatwg.org/#utf-8-decode-without-bom): errors become U+FFFD. */
    static String decodeWithoutBom(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    /** Infra's convert to a scalar value string (https://infra.spec.whatwg.org/#javascript-string-convert). */
    static String toScalarValueString(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(s.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(s.length()).append(s, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /**
     * Percent-decode (https://url.spec.whatwg.org/#percent-decode) of the bytes
     * {@code bytes[from, to)}, with '+' read as a space when {@code plusAsSpace}.
     */
    static byte[] percentDecode(byte[] bytes, int from, int to, boolean plusAsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xFF;
            if (b == '%' && i + 2 < to && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            } else if (b == '+' && plusAsSpace) {
                out.write(' ');
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static int hex(byte b) {
        int c = b & 0xFF;
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
