package org.sw4j.storage.internal;

import java.util.ArrayList;
import java.util.List;
import org.sw4j.core.spi.cache.HeaderRow;

/**
 * Lists in one text column as JSON: a list of strings as an array of strings ({@code ["a","b"]},
 * {@code []} for none), safe for any string, unlike a separator, and readable with SQLite's own
 * json functions; and a header list (what SQLite's {@code json_group_array(json_array(name,
 * value))} makes when reading) as an array of two-string arrays. Writes escape only what JSON
 * requires ({@code "}, {@code \} and control characters); reads accept every JSON string escape.
 */
public final class JsonColumns {
    private JsonColumns() {
    }

    public static String writeStrings(List<String> strings) {
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

    public static List<String> readStrings(String column) {
        if (column.equals("[]")) {
            return List.of();
        }
        Reader reader = new Reader(column);
        List<String> strings = new ArrayList<>();
        reader.array(() -> strings.add(reader.string()));
        reader.end();
        return strings;
    }

    public static List<HeaderRow> readHeaders(String column) {
        if (column == null || column.equals("[]")) {
            return List.of();
        }
        Reader reader = new Reader(column);
        List<HeaderRow> headers = new ArrayList<>();
        reader.array(() -> {
            List<String> pair = new ArrayList<>(2);
            reader.array(() -> pair.add(reader.string()));
            if (pair.size() != 2) {
                throw reader.malformed();
            }
            headers.add(new HeaderRow(pair.get(0), pair.get(1)));
        });
        reader.end();
        return headers;
    }

    /** A reader of the JSON these columns hold: arrays and strings. */
    private static final class Reader {
        private final String text;
        private int i;

        Reader(String text) {
            this.text = text;
        }

        /** Reads an array, calling {@code element} to read each element. */
        void array(Runnable element) {
            expect('[');
            if (peek() == ']') {
                i++;
                return;
            }
            while (true) {
                element.run();
                char c = next();
                if (c == ']') {
                    return;
                }
                if (c != ',') {
                    throw malformed();
                }
            }
        }

        String string() {
            expect('"');
            int start = i;
            while (i < text.length() && text.charAt(i) != '"' && text.charAt(i) != '\\') {
                i++;
            }
            if (i < text.length() && text.charAt(i) == '"') {
                return text.substring(start, i++);
            }
            StringBuilder s = new StringBuilder(text.length() - start).append(text, start, i);
            while (true) {
                char c = at(i++);
                if (c == '"') {
                    return s.toString();
                }
                if (c != '\\') {
                    s.append(c);
                    continue;
                }
                char e = at(i++);
                switch (e) {
                    case '"', '\\', '/' -> s.append(e);
                    case 'b' -> s.append('\b');
                    case 'f' -> s.append('\f');
                    case 'n' -> s.append('\n');
                    case 'r' -> s.append('\r');
                    case 't' -> s.append('\t');
                    case 'u' -> {
                        if (i + 4 > text.length()) {
                            throw malformed();
                        }
                        s.append((char) Integer.parseInt(text, i, i + 4, 16));
                        i += 4;
                    }
                    default -> throw malformed();
                }
            }
        }

        void end() {
            skipSpace();
            if (i != text.length()) {
                throw malformed();
            }
        }

        private void expect(char c) {
            if (next() != c) {
                throw malformed();
            }
        }

        private char next() {
            skipSpace();
            return at(i++);
        }

        private char peek() {
            skipSpace();
            return at(i);
        }

        private void skipSpace() {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
        }

        private char at(int index) {
            if (index >= text.length()) {
                throw malformed();
            }
            return text.charAt(index);
        }

        IllegalArgumentException malformed() {
            return new IllegalArgumentException("not the JSON a cache column holds: " + text);
        }
    }
}
