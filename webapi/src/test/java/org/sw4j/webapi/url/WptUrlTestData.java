package org.sw4j.webapi.url;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The web-platform-tests URL vectors in {@code shared/testdata/url}, a sibling of the project checkout. The
 * directory is found by walking up from the working directory, so tests run from the module or the root.
 */
final class WptUrlTestData {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIRECTORY = locate();

    private WptUrlTestData() {
    }

    /** The file's JSON. */
    static JsonNode read(String fileName) {
        try {
            return JSON.readTree(DIRECTORY.resolve(fileName).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the test vectors " + DIRECTORY.resolve(fileName), e);
        }
    }

    /** The test cases of a file holding an array: its objects, without the strings, which are comments. */
    static List<JsonNode> cases(String fileName) {
        List<JsonNode> cases = new ArrayList<>();
        for (JsonNode entry : read(fileName)) {
            if (entry.isObject()) {
                cases.add(entry);
            }
        }
        return cases;
    }

    /** The string field {@code name} of {@code node}; null if it is absent or JSON null. */
    static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** {@code s} with control, format and unpaired surrogate characters escaped, fit for a test name. */
    static String printable(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int type = Character.getType(c);
            boolean pairedSurrogate =
                    Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
            if (c == '\t') {
                out.append("\\t");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || (Character.isSurrogate(c) && !pairedSurrogate)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Path locate() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("shared/testdata/url"), dir.resolve("../shared/testdata/url"))) {
                if (Files.isDirectory(candidate)) {
                    return candidate.normalize();
                }
            }
        }
        throw new IllegalStateException("No shared/testdata/url directory above " + System.getProperty("user.dir"));
    }
}
