package org.sw4j.webapi.fetch;

/** The small lexical productions of HTTP and Fetch that the header and MIME code share. */
final class HttpSyntax {
    private HttpSyntax() {
    }

    /** Whether {@code c} is an HTTP token code point (https://mimesniff.spec.whatwg.org/#http-token-code-point). */
    static boolean isTokenChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** Whether {@code s} is a non-empty token (RFC 9110 § 5.6.2). */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} consists of HTTP token code points only (the empty string does). */
    static boolean solelyTokenChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code c} is an HTTP quoted-string token code point
     * (https://mimesniff.spec.whatwg.org/#http-quoted-string-token-code-point).
     */
    static boolean isQuotedStringTokenChar(char c) {
        return c == 0x09 || (c >= 0x20 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
    }

    /** HTTP tab or space (https://fetch.spec.whatwg.org/#http-tab-or-space). */
    static boolean isTabOrSpace(char c) {
        return c == '\t' || c == ' ';
    }

    /** HTTP whitespace (https://fetch.spec.whatwg.org/#http-whitespace): tab, LF, CR, space. */
    static boolean isHttpWhitespace(char c) {
        return c == '\t' || c == '\n' || c == '\r' || c == ' ';
    }

    /** ASCII whitespace (https://infra.spec.whatwg.org/#ascii-whitespace): tab, LF, FF, CR, space. */
    static boolean isAsciiWhitespace(char c) {
        return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
    }

    static String trimHttpWhitespace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isHttpWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && isHttpWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    static String trimTrailingHttpWhitespace(String s) {
        int end = s.length();
        while (end > 0 && isHttpWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    static String trimTabOrSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isTabOrSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isTabOrSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    static String trimAsciiWhitespace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isAsciiWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && isAsciiWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /**
     * Implements collect an HTTP quoted string (https://fetch.spec.whatwg.org/#collect-an-http-quoted-string)
     * from {@code input} at {@code position[0]}, which must point at a U+0022 ("). Advances the position.
     *
     * @param extractValue true to return the unescaped value, false for the raw span including quotes
     */
    static String collectQuotedString(String input, int[] position, boolean extractValue) {
        int positionStart = position[0];
        StringBuilder value = new StringBuilder();
        position[0]++;
        int length = input.length();
        while (true) {
            while (position[0] < length && input.charAt(position[0]) != '"' && input.charAt(position[0]) != '\\') {
                value.append(input.charAt(position[0]++));
            }
            if (position[0] >= length) {
                break;
            }
            char quoteOrBackslash = input.charAt(position[0]++);
            if (quoteOrBackslash == '\\') {
                if (position[0] >= length) {
                    value.append('\\');
                    break;
                }
                value.append(input.charAt(position[0]++));
            } else {
                break;
            }
        }
        if (extractValue) {
            return value.toString();
        }
        return input.substring(positionStart, position[0]);
    }

    /** Whether every char of {@code s} is at most U+00FF, so {@code s} is a byte string. */
    static boolean isByteString(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    /** Byte-case-insensitive equality (https://infra.spec.whatwg.org/#byte-case-insensitive): only ASCII letters fold. */
    static boolean equalsIgnoreAsciiCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && toAsciiLower(x) != toAsciiLower(y)) {
                return false;
            }
        }
        return true;
    }

    /** ASCII lowercase (https://infra.spec.whatwg.org/#ascii-lowercase): other chars stay as they are. */
    static String asciiLowercase(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = s.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    chars[j] = toAsciiLower(chars[j]);
                }
                return new String(chars);
            }
        }
        return s;
    }

    private static char toAsciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 0x20) : c;
    }
}
