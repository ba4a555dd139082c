package org.sw4j.cli;

import java.util.List;
import java.util.Map;

/**
 * Writes the {@code --json} output: maps (in their iteration order), lists, strings, numbers,
 * booleans and null, indented by two spaces. Written by hand so the CLI needs no JSON library for
 * its few documents.
 */
final class Json {
    private Json() {}

    /** {@code value} as a JSON text, with a final newline. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, "");
        return out.append('\n').toString();
    }

    private static void write(Object value, StringBuilder out, String indent) {
        switch (value) {
            case null -> out.append("null");
            case String s -> string(s, out);
            case Boolean b -> out.append(b);
            case Integer n -> out.append(n);
            case Long n -> out.append(n);
            case Map<?, ?> map -> {
                if (map.isEmpty()) {
                    out.append("{}");
                    return;
                }
                String inner = indent + "  ";
                out.append("{\n");
                boolean first = true;
                for (Map.Entry<?, ?> member : map.entrySet()) {
                    if (!first) {
                        out.append(",\n");
                    }
                    first = false;
                    out.append(inner);
                    string((String) member.getKey(), out);
                    out.append(": ");
                    write(member.getValue(), out, inner);
                }
                out.append('\n').append(indent).append('}');
            }
            case List<?> list -> {
                if (list.isEmpty()) {
                    out.append("[]");
                    return;
                }
                String inner = indent + "  ";
                out.append("[\n");
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(",\n");
                    }
                    out.append(inner);
                    write(list.get(i), out, inner);
                }
                out.append('\n').append(indent).append(']');
            }
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    /** A JSON string (RFC 8259 §7): quotes, backslashes and control characters escaped. */
    static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
