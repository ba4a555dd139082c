package org.sw4j.network;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, ordered list of header fields: name/value pairs in the order they were added,
 * repeated names kept as separate fields. Names compare case-insensitively; they keep the case they
 * were given (response names from the wire are lower-cased, since HTTP/2 sends them so and Fetch
 * lower-cases them anyway).
 *
 * <p>Names must be HTTP tokens. Values are byte sequences held as ISO-8859-1 strings (one char per
 * byte, as Fetch's byte strings), so chars above U+00FF are refused, as are CR, LF and NUL; leading
 * and trailing whitespace of values is removed, as Fetch's "normalize" does.
 */
public final class HeaderFields {
    /** One header field. */
    public record Field(String name, String value) {
        public Field {
            checkName(name);
            value = checkValue(name, value);
        }
    }

    private static final HeaderFields EMPTY = new HeaderFields(List.of());

    private final List<Field> fields;

    private HeaderFields(List<Field> fields) {
        this.fields = fields;
    }

    public static HeaderFields empty() {
        return EMPTY;
    }

    /** Fields from alternating names and values: {@code of("accept", "*&#47;*", "x-a", "1")}. */
    public static HeaderFields of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected name/value pairs, got an odd number of strings");
        }
        List<Field> list = new ArrayList<>(namesAndValues.length / 2);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(new Field(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new HeaderFields(Collections.unmodifiableList(list));
    }

    public static HeaderFields of(List<Field> fields) {
        return fields.isEmpty() ? EMPTY : new HeaderFields(List.copyOf(fields));
    }

    /** All fields, in order. */
    public List<Field> asList() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** The first value of {@code name}. */
    public Optional<String> first(String name) {
        for (Field field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                return Optional.of(field.value());
            }
        }
        return Optional.empty();
    }

    /** Every value of {@code name}, in order. */
    public List<String> values(String name) {
        List<String> values = new ArrayList<>(2);
        for (Field field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                values.add(field.value());
            }
        }
        return List.copyOf(values);
    }

    public boolean contains(String name) {
        return first(name).isPresent();
    }

    /** These fields followed by {@code name: value}. */
    public HeaderFields plus(String name, String value) {
        List<Field> list = new ArrayList<>(fields.size() + 1);
        list.addAll(fields);
        list.add(new Field(name, value));
        return new HeaderFields(Collections.unmodifiableList(list));
    }

    /** These fields without any field named {@code name}. */
    public HeaderFields minus(String name) {
        List<Field> list = new ArrayList<>(fields.size());
        for (Field field : fields) {
            if (!field.name().equalsIgnoreCase(name)) {
                list.add(field);
            }
        }
        return list.size() == fields.size() ? this : of(list);
    }

    /** These fields with every {@code name} field replaced by one {@code name: value} at the end. */
    public HeaderFields with(String name, String value) {
        return minus(name).plus(name, value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HeaderFields that && fields.equals(that.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{");
        for (Field field : fields) {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append(field.name()).append(": ").append(field.value());
        }
        return out.append('}').toString();
    }

    static void checkName(String name) {
        Objects.requireNonNull(name, "header name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty header name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
            if (!token) {
                throw new IllegalArgumentException("invalid header name '" + name + "': character "
                        + String.format(Locale.ROOT, "U+%04X", (int) c) + " is not allowed in an HTTP token");
            }
        }
    }

    static String checkValue(String name, String value) {
        Objects.requireNonNull(value, () -> "value of header " + name);
        int start = 0;
        int end = value.length();
        while (start < end && isHttpWhitespace(value.charAt(start))) {
            start++;
        }
        while (end > start && isHttpWhitespace(value.charAt(end - 1))) {
            end--;
        }
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c > 0xff) {
                throw new IllegalArgumentException("invalid value for header " + name + ": character "
                        + String.format(Locale.ROOT, "U+%04X", (int) c) + " is not allowed");
            }
        }
        return value.substring(start, end);
    }

    private static boolean isHttpWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
