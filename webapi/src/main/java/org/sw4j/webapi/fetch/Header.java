package org.sw4j.webapi.fetch;

import java.util.List;
import java.util.Objects;

/**
 * A header (https://fetch.spec.whatwg.org/#concept-header): a name and a value, both byte sequences.
 *
 * <p>Byte sequences are held as Java strings whose every char is at most U+00FF (a "byte string",
 * as WebIDL's {@code ByteString} is), so header names and values cross the JavaScript binding and
 * the network layer without an encoding step. This record checks nothing: {@link #isName} and
 * {@link #isValue} say whether a pair is a valid header, and {@link Headers} enforces them.
 *
 * <p>The static predicates classify (name, value) pairs; {@link HeaderNames} holds those that look
 * at the name alone.
 */
public record Header(String name, String value) {

    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Whether {@code name} is a header name (https://fetch.spec.whatwg.org/#header-name): it matches
     * the {@code field-name} token production.
     */
    public static boolean isName(String name) {
        return HttpSyntax.isToken(name);
    }

    /**
     * Whether {@code value} is a header value (https://fetch.spec.whatwg.org/#header-value): no
     * leading or trailing HTTP tab or space bytes, and no 0x00 (NUL), 0x0A (LF) or 0x0D (CR) bytes.
     * A char above U+00FF is not a byte and fails too.
     */
    public static boolean isValue(String value) {
        int length = value.length();
        if (length > 0 && (HttpSyntax.isTabOrSpace(value.charAt(0))
                || HttpSyntax.isTabOrSpace(value.charAt(length - 1)))) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c == 0x00 || c == 0x0A || c == 0x0D || c > 0xFF) {
                return false;
            }
        }
        return true;
    }

    /**
     * Implements normalize (https://fetch.spec.whatwg.org/#concept-header-value-normalize): removes
     * leading and trailing HTTP whitespace bytes (tab, LF, CR, space).
     */
    public static String normalizeValue(String potentialValue) {
        return HttpSyntax.trimHttpWhitespace(potentialValue);
    }

    /**
     * Whether (name, value) is a forbidden request-header
     * (https://fetch.spec.whatwg.org/#forbidden-request-header): one that script may not set because
     * the user agent controls it. That covers a fixed list of names, any name starting with
     * {@code proxy-} or {@code sec-}, and the method-override headers when one of their values is a
     * forbidden method.
     */
    public static boolean isForbiddenRequestHeader(String name, String value) {
        String lower = HttpSyntax.asciiLowercase(name);
        if (FORBIDDEN_REQUEST_HEADER_NAMES.contains(lower)
                || lower.startsWith("proxy-") || lower.startsWith("sec-")) {
            return true;
        }
        if (lower.equals("x-http-method") || lower.equals("x-http-method-override")
                || lower.equals("x-method-override")) {
            // Servers that honour these headers would otherwise let script smuggle CONNECT/TRACE.
            for (String method : HeaderValues.getDecodeSplit(value)) {
                if (Methods.isForbidden(method)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Implements CORS-safelisted request-header
     * (https://fetch.spec.whatwg.org/#cors-safelisted-request-header): whether a request may carry
     * (name, value) without a CORS preflight.
     */
    public static boolean isCorsSafelistedRequestHeader(String name, String value) {
        if (value.length() > 128) {
            return false;
        }
        switch (HttpSyntax.asciiLowercase(name)) {
            case "accept" -> {
                return !containsCorsUnsafeRequestHeaderByte(value);
            }
            case "accept-language", "content-language" -> {
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    boolean allowed = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                            || c == ' ' || c == '*' || c == ',' || c == '-' || c == '.' || c == ';' || c == '=';
                    if (!allowed) {
                        return false;
                    }
                }
                return true;
            }
            case "content-type" -> {
                if (containsCorsUnsafeRequestHeaderByte(value)) {
                    return false;
                }
                MimeType mimeType = MimeType.parse(value);
                if (mimeType == null) {
                    return false;
                }
                String essence = mimeType.essence();
                return essence.equals("application/x-www-form-urlencoded")
                        || essence.equals("multipart/form-data") || essence.equals("text/plain");
            }
            case "range" -> {
                HeaderValues.Range range = HeaderValues.parseSingleRange(value, false);
                // Suffix ranges ("bytes=-500") are not safelisted: servers handle them less uniformly.
                return range != null && range.start() != null;
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * Implements no-CORS-safelisted request-header
     * (https://fetch.spec.whatwg.org/#no-cors-safelisted-request-header): the headers a
     * {@code no-cors} request may carry.
     */
    public static boolean isNoCorsSafelistedRequestHeader(String name, String value) {
        return HeaderNames.isNoCorsSafelistedRequestHeaderName(name) && isCorsSafelistedRequestHeader(name, value);
    }

    /**
     * Whether {@code value} contains a CORS-unsafe request-header byte
     * (https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte).
     */
    static boolean containsCorsUnsafeRequestHeaderByte(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != 0x09) || c == 0x7F || CORS_UNSAFE_BYTES.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static final String CORS_UNSAFE_BYTES = "\"():<>?@[\\]{}";

    private static final List<String> FORBIDDEN_REQUEST_HEADER_NAMES = List.of(
            "accept-charset", "accept-encoding", "access-control-request-headers",
            "access-control-request-method", "connection", "content-length", "cookie", "cookie2", "date",
            "dnt", "expect", "host", "keep-alive", "origin", "referer", "set-cookie", "te", "trailer",
            "transfer-encoding", "upgrade", "via");
}
