package org.sw4j.webapi.fetch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A MIME type record (https://mimesniff.spec.whatwg.org/#mime-type): type, subtype and an ordered
 * map of parameters, all names lower-cased by the parser. Immutable; {@link #withParameter} returns
 * a changed copy.
 */
public final class MimeType {
    private final String type;
    private final String subtype;
    private final Map<String, String> parameters;

    private MimeType(String type, String subtype, Map<String, String> parameters) {
        this.type = type;
        this.subtype = subtype;
        this.parameters = Collections.unmodifiableMap(parameters);
    }

    /**
     * A MIME type with the given parts, which must already be valid: type and subtype non-empty
     * HTTP tokens, lower-cased.
     */
    public static MimeType of(String type, String subtype, Map<String, String> parameters) {
        if (!HttpSyntax.isToken(type) || !HttpSyntax.isToken(subtype)) {
            throw new IllegalArgumentException("not a valid type/subtype: " + type + "/" + subtype);
        }
        return new MimeType(HttpSyntax.asciiLowercase(type), HttpSyntax.asciiLowercase(subtype),
                new LinkedHashMap<>(parameters));
    }

    /**
     * Implements parse a MIME type (https://mimesniff.spec.whatwg.org/#parse-a-mime-type).
     *
     * @return the MIME type, or null on failure
     */
    public static MimeType parse(String input) {
        input = HttpSyntax.trimHttpWhitespace(input);
        int length = input.length();
        int position = 0;
        while (position < length && input.charAt(position) != '/') {
            position++;
        }
        String type = input.substring(0, position);
        if (!HttpSyntax.isToken(type) || position >= length) {
            return null;
        }
        position++;
        int subtypeStart = position;
        while (position < length && input.charAt(position) != ';') {
            position++;
        }
        String subtype = HttpSyntax.trimTrailingHttpWhitespace(input.substring(subtypeStart, position));
        if (!HttpSyntax.isToken(subtype)) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        int[] cursor = {position};
        while (cursor[0] < length) {
            // Skip the ";" and any HTTP whitespace after it.
            cursor[0]++;
            while (cursor[0] < length && HttpSyntax.isHttpWhitespace(input.charAt(cursor[0]))) {
                cursor[0]++;
            }
            int nameStart = cursor[0];
            while (cursor[0] < length && input.charAt(cursor[0]) != ';' && input.charAt(cursor[0]) != '=') {
                cursor[0]++;
            }
            String name = HttpSyntax.asciiLowercase(input.substring(nameStart, cursor[0]));
            if (cursor[0] < length) {
                if (input.charAt(cursor[0]) == ';') {
                    continue;
                }
                cursor[0]++;
            }
            if (cursor[0] >= length) {
                break;
            }
            String value;
            if (input.charAt(cursor[0]) == '"') {
                value = HttpSyntax.collectQuotedString(input, cursor, true);
                while (cursor[0] < length && input.charAt(cursor[0]) != ';') {
                    cursor[0]++;
                }
            } else {
                int valueStart = cursor[0];
                while (cursor[0] < length && input.charAt(cursor[0]) != ';') {
                    cursor[0]++;
                }
                value = HttpSyntax.trimTrailingHttpWhitespace(input.substring(valueStart, cursor[0]));
                if (value.isEmpty()) {
                    continue;
                }
            }
            if (!name.isEmpty() && HttpSyntax.solelyTokenChars(name) && solelyQuotedStringTokenChars(value)
                    && !parameters.containsKey(name)) {
                parameters.put(name, value);
            }
        }
        return new MimeType(HttpSyntax.asciiLowercase(type), HttpSyntax.asciiLowercase(subtype), parameters);
    }

    private static boolean solelyQuotedStringTokenChars(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!HttpSyntax.isQuotedStringTokenChar(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Implements extract a MIME type (https://fetch.spec.whatwg.org/#concept-header-extract-mime-type)
     * from the {@code Content-Type} headers of {@code headers}: the last parsable value wins, and a
     * charset given earlier for the same essence carries over to it.
     *
     * @return the MIME type, or null on failure
     */
    public static MimeType extract(HeaderList headers) {
        List<String> values = headers.getDecodeSplit("Content-Type");
        if (values == null) {
            return null;
        }
        String charset = null;
        String essence = null;
        MimeType mimeType = null;
        for (String value : values) {
            MimeType temporary = parse(value);
            if (temporary == null || temporary.essence().equals("*/*")) {
                continue;
            }
            mimeType = temporary;
            if (!mimeType.essence().equals(essence)) {
                charset = mimeType.parameters.get("charset");
                essence = mimeType.essence();
            } else if (!mimeType.parameters.containsKey("charset") && charset != null) {
                mimeType = mimeType.withParameter("charset", charset);
            }
        }
        return mimeType;
    }

    /** The type, lower-cased: "text" in "text/html". */
    public String type() {
        return type;
    }

    /** The subtype, lower-cased: "html" in "text/html". */
    public String subtype() {
        return subtype;
    }

    /** The essence (https://mimesniff.spec.whatwg.org/#mime-type-essence): type "/" subtype. */
    public String essence() {
        return type + "/" + subtype;
    }

    /** The parameters in order, names lower-cased; unmodifiable. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** The {@code charset} parameter's value as written (case kept), or null. */
    public String charset() {
        return parameters.get("charset");
    }

    /** A copy with parameter {@code name} (lower-case) set to {@code value}, keeping its place if present. */
    public MimeType withParameter(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(parameters);
        changed.put(name, value);
        return new MimeType(type, subtype, changed);
    }

    /**
     * Implements serialize a MIME type (https://mimesniff.spec.whatwg.org/#serialize-a-mime-type):
     * values that are empty or not tokens are quoted, with '"' and '\' escaped.
     */
    public String serialize() {
        StringBuilder serialization = new StringBuilder(essence());
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            serialization.append(';').append(parameter.getKey()).append('=');
            String value = parameter.getValue();
            if (value.isEmpty() || !HttpSyntax.solelyTokenChars(value)) {
                serialization.append('"');
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (c == '"' || c == '\\') {
                        serialization.append('\\');
                    }
                    serialization.append(c);
                }
                serialization.append('"');
            } else {
                serialization.append(value);
            }
        }
        return serialization.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MimeType mimeType && type.equals(mimeType.type)
                && subtype.equals(mimeType.subtype) && parameters.equals(mimeType.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, subtype, parameters);
    }

    /** The serialization. */
    @Override
    public String toString() {
        return serialize();
    }
}
