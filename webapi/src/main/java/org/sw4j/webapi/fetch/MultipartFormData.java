package org.sw4j.webapi.fetch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sw4j.webapi.error.WebError;

/**
 * The {@code multipart/form-data} format (RFC 7578) as browsers write and read it: HTML's
 * multipart/form-data encoding algorithm for sending a {@link FormData}, and the tolerant parser
 * behind {@code body.formData()}.
 */
public final class MultipartFormData {
    private static final SecureRandom RANDOM = new SecureRandom();

    private MultipartFormData() {
    }

    /**
     * A fresh boundary: "----sw4jformboundary" and 32 random hex digits. Long and random enough
     * never to occur in a body, so the serializer need not check.
     */
    public static String newBoundary() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return "----sw4jformboundary" + HexFormat.of().formatHex(random);
    }

    /**
     * Implements HTML's multipart/form-data encoding algorithm
     * (https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#multipart/form-data-encoding-algorithm)
     * with UTF-8: names and string values have lone CR and LF normalized to CRLF; names and
     * filenames then have LF, CR and '"' escaped as {@code %0A}, {@code %0D} and {@code %22}; a
     * file without a type is sent as {@code application/octet-stream}.
     */
    public static byte[] serialize(FormData formData, String boundary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (FormData.Entry entry : formData.entries()) {
            write(out, "--" + boundary + "\r\n");
            String name = escape(normalizeNewlines(entry.name()));
            switch (entry.value()) {
                case FormDataEntryValue.Text text -> {
                    write(out, "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
                    write(out, normalizeNewlines(text.value()));
                }
                case FormDataEntryValue.File file -> {
                    String type = file.type().isEmpty() ? "application/octet-stream" : file.type();
                    write(out, "Content-Disposition: form-data; name=\"" + name + "\"; filename=\""
                            + escape(file.name()) + "\"\r\n");
                    write(out, "Content-Type: " + type + "\r\n\r\n");
                    out.writeBytes(file.bytes());
                }
            }
            write(out, "\r\n");
        }
        write(out, "--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(Utf8.encode(s));
    }

    /** Replaces every CR not followed by LF, and every LF not preceded by CR, by CRLF. */
    static String normalizeNewlines(String s) {
        if (s.indexOf('\r') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r') {
                out.append("\r\n");
                if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\n') {
                out.append("\r\n");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String escape(String s) {
        return s.replace("\n", "%0A").replace("\r", "%0D").replace("\"", "%22");
    }

    private static String unescape(String s) {
        return s.replace("%0A", "\n").replace("%0D", "\r").replace("%22", "\"");
    }

    /**
     * Parses a {@code multipart/form-data} body (RFC 7578) for {@code body.formData()}, as Fetch
     * asks (https://fetch.spec.whatwg.org/#concept-body-package-data). A part with a
     * {@code filename} becomes a file with the part's {@code Content-Type} (default
     * {@code text/plain}); any other part becomes its content decoded as UTF-8, whatever its
     * charset.
     *
     * <p>Tolerant as browsers are: a preamble before the first delimiter and an epilogue after the
     * last are ignored, bare LF line ends are accepted, header names are case-insensitive, a final
     * delimiter without its closing "--" ends the body. Names and filenames are decoded as UTF-8
     * and have the serializer's {@code %0A}, {@code %0D} and {@code %22} escapes undone, so a
     * {@link FormData} survives a round trip; backslashes in quoted names are kept as written, as
     * browsers send them.
     *
     * @param now the {@code lastModified} of the files created
     * @throws WebError a TypeError when there is no delimiter, a part lacks a
     *     {@code Content-Disposition: form-data} with a name, or the body ends inside a part
     */
    public static FormData parse(byte[] body, String boundary, long now) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        FormData formData = new FormData();
        int position = findFirstDelimiter(body, delimiter);
        if (position < 0) {
            throw malformed("no boundary delimiter found");
        }
        position += delimiter.length;
        while (true) {
            if (startsWith(body, position, "--".getBytes(StandardCharsets.ISO_8859_1))) {
                return formData;
            }
            while (position < body.length && (body[position] == ' ' || body[position] == '\t')) {
                position++;
            }
            if (position >= body.length) {
                // A final delimiter that lost its closing "--".
                return formData;
            }
            position = skipLineEnd(body, position);
            if (position < 0) {
                throw malformed("a boundary delimiter is not followed by a line break");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            while (true) {
                int lineEnd = indexOf(body, (byte) '\n', position);
                if (lineEnd < 0) {
                    throw malformed("the body ends inside a part's headers");
                }
                int contentEnd = lineEnd > position && body[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
                String line = Utf8.decodeWithoutBom(body, position, contentEnd);
                position = lineEnd + 1;
                if (line.isEmpty()) {
                    break;
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw malformed("a part has a header line without a name");
                }
                headers.putIfAbsent(HttpSyntax.asciiLowercase(line.substring(0, colon).strip()),
                        line.substring(colon + 1).strip());
            }
            int next = findDelimiterAfterLineBreak(body, delimiter, position);
            if (next < 0) {
                throw malformed("the body ends inside a part");
            }
            int contentEnd = next;
            if (contentEnd > position && body[contentEnd - 1] == '\n') {
                contentEnd--;
                if (contentEnd > position && body[contentEnd - 1] == '\r') {
                    contentEnd--;
                }
            }
            addPart(formData, headers, Arrays.copyOfRange(body, position, contentEnd), now);
            position = next + delimiter.length;
        }
    }

    private static void addPart(FormData formData, Map<String, String> headers, byte[] content, long now) {
        String disposition = headers.get("content-disposition");
        if (disposition == null) {
            throw malformed("a part has no Content-Disposition header");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        String dispositionType = parseDisposition(disposition, parameters);
        String name = parameters.get("name");
        if (!dispositionType.equalsIgnoreCase("form-data") || name == null) {
            throw malformed("a part's Content-Disposition is not form-data with a name");
        }
        String filename = parameters.get("filename");
        if (filename == null) {
            formData.append(unescape(name), Utf8.decodeWithoutBom(content, 0, content.length));
        } else {
            String type = headers.getOrDefault("content-type", "text/plain");
            formData.append(unescape(name), new FormDataEntryValue.File(content, unescape(filename), type, now),
                    null);
        }
    }

    /** Splits {@code form-data; name="a"; filename=b} into its type and lower-cased parameters. */
    private static String parseDisposition(String value, Map<String, String> parameters) {
        int length = value.length();
        int position = 0;
        while (position < length && value.charAt(position) != ';') {
            position++;
        }
        String type = value.substring(0, position).strip();
        while (position < length) {
            position++;
            while (position < length && HttpSyntax.isHttpWhitespace(value.charAt(position))) {
                position++;
            }
            int nameStart = position;
            while (position < length && value.charAt(position) != '=' && value.charAt(position) != ';') {
                position++;
            }
            String name = HttpSyntax.asciiLowercase(value.substring(nameStart, position).strip());
            if (position >= length || value.charAt(position) == ';') {
                continue;
            }
            position++;
            while (position < length && HttpSyntax.isTabOrSpace(value.charAt(position))) {
                position++;
            }
            String parameterValue;
            if (position < length && value.charAt(position) == '"') {
                int close = value.indexOf('"', position + 1);
                int end = close < 0 ? length : close;
                parameterValue = value.substring(position + 1, end);
                position = close < 0 ? length : close + 1;
                while (position < length && value.charAt(position) != ';') {
                    position++;
                }
            } else {
                int valueStart = position;
                while (position < length && value.charAt(position) != ';') {
                    position++;
                }
                parameterValue = value.substring(valueStart, position).strip();
            }
            parameters.putIfAbsent(name, parameterValue);
        }
        return type;
    }

    private static int findFirstDelimiter(byte[] body, byte[] delimiter) {
        if (startsWith(body, 0, delimiter) && endsDelimiter(body, delimiter.length)) {
            return 0;
        }
        return findDelimiterAfterLineBreak(body, delimiter, 0);
    }

    /** The index of the next {@code delimiter} that starts a line, at or after {@code from}, or -1. */
    private static int findDelimiterAfterLineBreak(byte[] body, byte[] delimiter, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == '\n' && startsWith(body, i + 1, delimiter) && endsDelimiter(body, i + 1 + delimiter.length)) {
                return i + 1;
            }
        }
        return -1;
    }

    /** Whether a delimiter ending at {@code position} really ends there, not inside a longer line. */
    private static boolean endsDelimiter(byte[] body, int position) {
        if (position >= body.length) {
            return true;
        }
        byte b = body[position];
        return b == '-' || b == '\r' || b == '\n' || b == ' ' || b == '\t';
    }

    private static int skipLineEnd(byte[] body, int position) {
        if (startsWith(body, position, new byte[] {'\r', '\n'})) {
            return position + 2;
        }
        if (position < body.length && body[position] == '\n') {
            return position + 1;
        }
        return -1;
    }

    private static boolean startsWith(byte[] body, int position, byte[] prefix) {
        if (position < 0 || position + prefix.length > body.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (body[position + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] body, byte b, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static WebError malformed(String why) {
        return WebError.typeError("Could not parse content as FormData: " + why + ".");
    }
}
