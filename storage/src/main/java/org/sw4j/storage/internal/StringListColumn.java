package org.sw4j.storage.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A list of strings in one text column, as a JSON array of strings ({@code ["a","b"]}, {@code []}
 * for none): readable with SQLite's own json functions, and safe for any string, unlike a
 * separator. Writes escape only what JSON requires ({@code "}, {@code \} and control characters,
 * as {@code \"}, {@code \\} and {@code \}{@code uXXXX}); reads accept every JSON string escape.
 */
public final class StringListColumn {
    private StringListColumn() {
    }

    public static String write(List<String> strings) {
        if (strings.isEmpty()) {
            return "[]";
        }
        StringBuilder out = new StringBuilder();
        out.append('[');
        for (int i = 0; i < strings.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"');
            String s = strings.get(i);
            for (int j = 0; j < s.length(); j++) {
                char c = s.charAt(j);
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            out.append('"');
        }
        return out.append(']').toString();
    }

    public static List<String> read(String column) {
        if (column.equals("[]")) {
            return List.of();
        }
        List<String> strings = new ArrayList<>();
        int i = skipSpace(column, expect(column, 0, '['));
        while (true) {
            i = expect(column, skipSpace(column, i), '"');
            StringBuilder s = new StringBuilder();
            while (true) {
                char c = at(column, i++);
                if (c == '"') {
                    break;
                }
                if (c != '\\') {
                    s.append(c);
                    continue;
                }
                char e = at(column, i++);
                switch (e) {
                    case '"', '\\', '/' -> s.append(e);
                    case 'b' -> s.append('\b');
                    case 'f' -> s.append('\f');
                    case 'n' -> s.append('\n');
                    case 'r' -> s.append('\r');
                    case 't' -> s.append('\t');
                    case 'u' -> {
                        if (i + 4 > column.length()) {
                            throw malformed(column);
                        }
                        s.append((char) Integer.parseInt(column, i, i + 4, 16));
                        i += 4;
                    }
                    default -> throw malformed(column);
                }
            }
            strings.add(s.toString());
            i = skipSpace(column, i);
            char c = at(column, i++);
            if (c == ']') {
                return List.copyOf(strings);
            }
            if (c != ',') {
                throw malformed(column);
            }
        }
    }

    private static int expect(String column, int i, char c) {
        if (at(column, i) != c) {
            throw malformed(column);
        }
        return i + 1;
    }

    private static int skipSpace(String column, int i) {
        while (i < column.length() && Character.isWhitespace(column.charAt(i))) {
            i++;
        }
        return i;
    }

    private static char at(String column, int i) {
        if (i >= column.length()) {
            throw malformed(column);
        }
        return column.charAt(i);
    }

    private static IllegalArgumentException malformed(String column) {
        return new IllegalArgumentException("not a JSON array of strings: " + column);
    }
}
