package org.sw4j.webapi.fetch;

import java.util.ArrayList;
import java.util.List;

/** Parsing of header values as the Fetch Standard does it. */
public final class HeaderValues {
    private HeaderValues() {
    }

    /**
     * A byte range from a {@code Range} header value; either end may be null (an open range
     * "bytes=500-" or a suffix range "bytes=-500"), not both.
     */
    public record Range(Long start, Long end) {
    }

    /**
     * Implements getting, decoding, and splitting (https://fetch.spec.whatwg.org/#header-value-get-decode-and-split):
     * splits a combined header value at commas that are not inside a quoted string, and strips tabs
     * and spaces around each part. Quoted strings are kept with their quotes and escapes.
     */
    public static List<String> getDecodeSplit(String value) {
        // The value is a byte string, so isomorphic decoding is the identity.
        int[] position = {0};
        int length = value.length();
        List<String> values = new ArrayList<>();
        StringBuilder temporaryValue = new StringBuilder();
        while (true) {
            while (position[0] < length && value.charAt(position[0]) != '"' && value.charAt(position[0]) != ',') {
                temporaryValue.append(value.charAt(position[0]++));
            }
            if (position[0] < length && value.charAt(position[0]) == '"') {
                temporaryValue.append(HttpSyntax.collectQuotedString(value, position, false));
                if (position[0] < length) {
                    continue;
                }
            }
            values.add(HttpSyntax.trimTabOrSpace(temporaryValue.toString()));
            temporaryValue.setLength(0);
            if (position[0] >= length) {
                return values;
            }
            // Here the character at the position is a comma.
            position[0]++;
        }
    }

    /**
     * Implements parse a single range header value (https://fetch.spec.whatwg.org/#simple-range-header-value):
     * {@code bytes=start-end} with either end optional.
     *
     * @param allowWhitespace whether tabs and spaces may surround "=" and "-"
     * @return the range, or null on failure
     */
    public static Range parseSingleRange(String value, boolean allowWhitespace) {
        if (!value.startsWith("bytes")) {
            return null;
        }
        int[] position = {5};
        int length = value.length();
        if (allowWhitespace) {
            skipTabOrSpace(value, position);
        }
        if (position[0] >= length || value.charAt(position[0]) != '=') {
            return null;
        }
        position[0]++;
        if (allowWhitespace) {
            skipTabOrSpace(value, position);
        }
        Long start = collectDecimal(value, position);
        if (allowWhitespace) {
            skipTabOrSpace(value, position);
        }
        if (position[0] >= length || value.charAt(position[0]) != '-') {
            return null;
        }
        position[0]++;
        if (allowWhitespace) {
            skipTabOrSpace(value, position);
        }
        Long end = collectDecimal(value, position);
        if (position[0] < length) {
            return null;
        }
        if (start == null && end == null) {
            return null;
        }
        if (start != null && end != null && start > end) {
            return null;
        }
        return new Range(start, end);
    }

    private static void skipTabOrSpace(String value, int[] position) {
        while (position[0] < value.length() && HttpSyntax.isTabOrSpace(value.charAt(position[0]))) {
            position[0]++;
        }
    }

    private static Long collectDecimal(String value, int[] position) {
        int start = position[0];
        while (position[0] < value.length() && value.charAt(position[0]) >= '0' && value.charAt(position[0]) <= '9') {
            position[0]++;
        }
        if (start == position[0]) {
            return null;
        }
        String digits = value.substring(start, position[0]);
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLarge) {
            // Beyond any real resource; saturate rather than fail, so "start > end" still compares.
            return Long.MAX_VALUE;
        }
    }

    /**
     * Implements extract header list values (https://fetch.spec.whatwg.org/#extract-header-list-values)
     * for the list-valued headers ({@code #token} in ABNF) that CORS reads:
     * {@code Access-Control-Allow-Methods}, {@code Access-Control-Allow-Headers} and
     * {@code Access-Control-Expose-Headers}.
     *
     * @return null when {@code list} has no such header, {@link #FAILURE} when an element is not a
     *     token, else the values in order
     */
    static List<String> extractTokenListValues(String name, HeaderList list) {
        if (!list.contains(name)) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (Header header : list) {
            if (!HttpSyntax.equalsIgnoreAsciiCase(header.name(), name)) {
                continue;
            }
            for (String element : header.value().split(",", -1)) {
                String trimmed = HttpSyntax.trimTabOrSpace(element);
                if (trimmed.isEmpty()) {
                    // The #rule allows empty list elements.
                    continue;
                }
                if (!HttpSyntax.isToken(trimmed)) {
                    return FAILURE;
                }
                values.add(trimmed);
            }
        }
        return values;
    }

    /** The failure result of {@link #extractTokenListValues}; compare by identity. */
    static final List<String> FAILURE = List.of("\0failure");
}
