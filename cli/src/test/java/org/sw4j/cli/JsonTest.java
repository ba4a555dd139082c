package org.sw4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesNestedValuesIndentedInOrder() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", "v1");
        document.put("entries", 2);
        document.put("size", 1L << 40);
        document.put("persisted", false);
        document.put("body", null);
        document.put("headers", List.of(List.of("a", "b")));
        document.put("none", List.of());
        document.put("empty", Map.of());
        assertThat(Json.write(document)).isEqualTo("""
                {
                  "name": "v1",
                  "entries": 2,
                  "size": 1099511627776,
                  "persisted": false,
                  "body": null,
                  "headers": [
                    [
                      "a",
                      "b"
                    ]
                  ],
                  "none": [],
                  "empty": {}
                }
                """);
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(Json.write(Arrays.asList("say \"hi\"\\", "tab\tline\n", "\u0001", "é/</script>")))
                .isEqualTo("[\n  \"say \\\"hi\\\"\\\\\",\n  \"tab\\tline\\n\",\n  \"\\u0001\",\n  \"é/</script>\"\n]\n");
    }
}
