package org.sw4j.webapi.url;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding and percent-decoding (https://url.spec.whatwg.org/#percent-encoded-bytes), always
 * with UTF-8: sw4j never parses URLs with a legacy document encoding.
 */
final class PercentEncoding {
    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    /**
     * Implements the URL Standard's UTF-8 percent-encode of a code point
     * (https://url.spec.whatwg.org/#utf-8-percent-encode), appending the result to {@code out}.
     * A surrogate code point is encoded as U+FFFD, as it would be after conversion to a scalar value.
     */
    static void utf8PercentEncode(int codePoint, PercentEncodeSet percentEncodeSet, StringBuilder out) {
        if (codePoint < 0x80) {
            if (percentEncodeSet.contains(codePoint)) {
                percentEncode(codePoint, out);
            } else {
                out.append((char) codePoint);
            }
            return;
        }
        // Every percent-encode set contains all non-ASCII code points, so each UTF-8 byte is encoded.
        if (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
            codePoint = 0xFFFD;
        }
        if (codePoint < 0x800) {
            percentEncode(0xC0 | (codePoint >> 6), out);
        } else if (codePoint < 0x10000) {
            percentEncode(0xE0 | (codePoint >> 12), out);
            percentEncode(0x80 | ((codePoint >> 6) & 0x3F), out);
        } else {
            percentEncode(0xF0 | (codePoint >> 18), out);
            percentEncode(0x80 | ((codePoint >> 12) & 0x3F), out);
            percentEncode(0x80 | ((codePoint >> 6) & 0x3F), out);
        }
        percentEncode(0x80 | (codePoint & 0x3F), out);
    }

    /**
     * Implements the URL Standard's UTF-8 percent-encode of a string
     * (https://url.spec.whatwg.org/#string-utf-8-percent-encode). Returns {@code input} itself when
     * nothing needs encoding, the common case.
     */
    static String utf8PercentEncode(String input, PercentEncodeSet percentEncodeSet) {
        int length = input.length();
        int i = 0;
        while (i < length && !percentEncodeSet.contains(input.charAt(i))) {
            i++;
        }
        if (i == length) {
            return input;
        }
        StringBuilder out = new StringBuilder(length + 16).append(input, 0, i);
        percentEncodeAfterEncoding(input, i, percentEncodeSet, false, out);
        return out.toString();
    }

    /**
     * Implements the URL Standard's percent-encode after encoding
     * (https://url.spec.whatwg.org/#string-percent-encode-after-encoding) with UTF-8, for the code
     * points of {@code input} from index {@code from}. {@code spaceAsPlus} is true only for the
     * {@code application/x-www-form-urlencoded} percent-encode set.
     */
    static void percentEncodeAfterEncoding(
            String input, int from, PercentEncodeSet percentEncodeSet, boolean spaceAsPlus, StringBuilder out) {
        int length = input.length();
        for (int i = from; i < length; ) {
            int codePoint = input.codePointAt(i);
            i += Character.charCount(codePoint);
            if (spaceAsPlus && codePoint == ' ') {
                out.append('+');
            } else {
                utf8PercentEncode(codePoint, percentEncodeSet, out);
            }
        }
    }

    /** Implements the URL Standard's percent-encode of a byte (https://url.spec.whatwg.org/#percent-encode). */
    private static void percentEncode(int b, StringBuilder out) {
        out.append('%').append(UPPER_HEX[(b >> 4) & 0xF]).append(UPPER_HEX[b & 0xF]);
    }

    /**
     * Implements the URL Standard's percent-decode of a string
     * (https://url.spec.whatwg.org/#string-percent-decode) followed by UTF-8 decode without BOM, for
     * the range {@code [from, to)} of {@code input}. When {@code plusAsSpace} is true, U+002B (+)
     * becomes U+0020 SPACE first, as the {@code application/x-www-form-urlencoded} parser requires.
     */
    static String percentDecode(String input, int from, int to, boolean plusAsSpace) {
        boolean plain = true;
        for (int i = from; i < to && plain; i++) {
            char c = input.charAt(i);
            plain = c != '%' && !(plusAsSpace && c == '+');
        }
        if (plain) {
            return input.substring(from, to);
        }
        // UTF-8 encode through the scalar value view, so a lone surrogate becomes U+FFFD's bytes
        // rather than the '?' that String.getBytes would substitute.
        byte[] encoded = ScalarValueString.of(input.substring(from, to)).getBytes(StandardCharsets.UTF_8);
        byte[] decoded = new byte[encoded.length];
        int length = 0;
        for (int i = 0; i < encoded.length; i++) {
            byte b = encoded[i];
            if (b == '%' && i + 2 < encoded.length
                    && isAsciiHexDigit(encoded[i + 1]) && isAsciiHexDigit(encoded[i + 2])) {
                decoded[length++] = (byte) (hexValue(encoded[i + 1]) << 4 | hexValue(encoded[i + 2]));
                i += 2;
            } else if (plusAsSpace && b == '+') {
                decoded[length++] = ' ';
            } else {
                decoded[length++] = b;
            }
        }
        return utf8DecodeWithoutBom(decoded, length);
    }

    /**
     * Implements the Encoding Standard's UTF-8 decode without BOM
     * (https://encoding.spec.whatwg.org/#utf-8-decode-without-bom): malformed sequences become U+FFFD
     * exactly as the standard's UTF-8 decoder prescribes, which {@code application/x-www-form-urlencoded}
     * parsing exposes.
     */
    static String utf8DecodeWithoutBom(byte[] bytes, int length) {
        StringBuilder out = new StringBuilder(length);
        int codePoint = 0;
        int bytesSeen = 0;
        int bytesNeeded = 0;
        int lowerBoundary = 0x80;
        int upperBoundary = 0xBF;
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xFF;
            if (bytesNeeded == 0) {
                if (b <= 0x7F) {
                    out.append((char) b);
                } else if (b >= 0xC2 && b <= 0xDF) {
                    bytesNeeded = 1;
                    codePoint = b & 0x1F;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    if (b == 0xE0) {
                        lowerBoundary = 0xA0;
                    } else if (b == 0xED) {
                        upperBoundary = 0x9F;
                    }
                    bytesNeeded = 2;
                    codePoint = b & 0xF;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    if (b == 0xF0) {
                        lowerBoundary = 0x90;
                    } else if (b == 0xF4) {
                        upperBoundary = 0x8F;
                    }
                    bytesNeeded = 3;
                    codePoint = b & 0x7;
                } else {
                    out.append('\uFFFD');
                }
                continue;
            }
            if (b < lowerBoundary || b > upperBoundary) {
                codePoint = 0;
                bytesNeeded = 0;
                bytesSeen = 0;
                lowerBoundary = 0x80;
                upperBoundary = 0xBF;
                out.append('\uFFFD');
                i--; // the byte starts a new sequence: process it again
                continue;
            }
            lowerBoundary = 0x80;
            upperBoundary = 0xBF;
            codePoint = (codePoint << 6) | (b & 0x3F);
            bytesSeen++;
            if (bytesSeen == bytesNeeded) {
                out.appendCodePoint(codePoint);
                codePoint = 0;
                bytesNeeded = 0;
                bytesSeen = 0;
            }
        }
        if (bytesNeeded != 0) {
            out.append('\uFFFD');
        }
        return out.toString();
    }

    static boolean isAsciiHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    }

    private static int hexValue(int c) {
        return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }
}
