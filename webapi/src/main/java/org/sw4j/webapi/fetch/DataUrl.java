package org.sw4j.webapi.fetch;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Objects;
import org.sw4j.webapi.url.Url;

/**
 * The result of processing a {@code data:} URL: its MIME type and body.
 *
 * @param mimeType the MIME type, {@code text/plain;charset=US-ASCII} when the URL's does not parse
 * @param body the decoded bytes; the record never changes them
 */
public record DataUrl(MimeType mimeType, byte[] body) {

    public DataUrl {
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(body, "body");
    }

    /**
     * Implements the data: URL processor (https://fetch.spec.whatwg.org/#data-url-processor).
     *
     * @param dataUrl a URL whose scheme is "data"
     * @return the MIME type and body, or null on failure (no comma, or invalid base64)
     */
    public static DataUrl process(Url dataUrl) {
        if (!dataUrl.scheme().equals("data")) {
            throw new IllegalArgumentException("not a data: URL: " + dataUrl.href());
        }
        String input = dataUrl.withoutFragment().href().substring("data:".length());
        int comma = input.indexOf(',');
        if (comma < 0) {
            return null;
        }
        String mimeType = HttpSyntax.trimAsciiWhitespace(input.substring(0, comma));
        // The serialized URL is ASCII, so UTF-8 encoding is byte-for-byte.
        byte[] encodedBody = input.substring(comma + 1).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] body = Utf8.percentDecode(encodedBody, 0, encodedBody.length, false);
        int base64Start = base64ParameterStart(mimeType);
        if (base64Start >= 0) {
            body = forgivingBase64Decode(new String(body, java.nio.charset.StandardCharsets.ISO_8859_1));
            if (body == null) {
                return null;
            }
            mimeType = mimeType.substring(0, base64Start);
        }
        if (mimeType.startsWith(";")) {
            mimeType = "text/plain" + mimeType;
        }
        MimeType record = MimeType.parse(mimeType);
        if (record == null) {
            record = MimeType.parse("text/plain;charset=US-ASCII");
        }
        return new DataUrl(record, body);
    }

    /**
     * Where a trailing ";" + spaces + "base64" (any case) starts in {@code mimeType}, or -1: the
     * standard's step 11 test, whose removal leaves what precedes the ";".
     */
    private static int base64ParameterStart(String mimeType) {
        int end = mimeType.length();
        if (end < 6 || !mimeType.regionMatches(true, end - 6, "base64", 0, 6)) {
            return -1;
        }
        int i = end - 6;
        while (i > 0 && mimeType.charAt(i - 1) == ' ') {
            i--;
        }
        return i > 0 && mimeType.charAt(i - 1) == ';' ? i - 1 : -1;
    }

    /**
     * Implements forgiving-base64 decode (https://infra.spec.whatwg.org/#forgiving-base64-decode):
     * ASCII whitespace is ignored, padding is optional, leftover bits are dropped.
     *
     * @return the bytes, or null on failure
     */
    public static byte[] forgivingBase64Decode(String data) {
        StringBuilder stripped = new StringBuilder(data.length());
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (!HttpSyntax.isAsciiWhitespace(c)) {
                stripped.append(c);
            }
        }
        int length = stripped.length();
        if (length % 4 == 0) {
            if (length >= 1 && stripped.charAt(length - 1) == '=') {
                length--;
                if (length >= 1 && stripped.charAt(length - 1) == '=') {
                    length--;
                }
            }
        }
        if (length % 4 == 1) {
            return null;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream(length * 3 / 4);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < length; i++) {
            int sextet = sextet(stripped.charAt(i));
            if (sextet < 0) {
                return null;
            }
            buffer = (buffer << 6) | sextet;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                output.write((buffer >> bits) & 0xFF);
                buffer &= (1 << bits) - 1;
            }
        }
        return output.toByteArray();
    }

    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '+') {
            return 62;
        }
        if (c == '/') {
            return 63;
        }
        return -1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DataUrl dataUrl && mimeType.equals(dataUrl.mimeType)
                && Arrays.equals(body, dataUrl.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mimeType, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "DataUrl[" + mimeType + ", " + body.length + " bytes]";
    }
}
