package org.sw4j.webapi.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sw4j.webapi.url.WptUrlTestData.printable;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * web-platform-tests' {@code percent-encoding.json}, as {@code url/percent-encoding.window.js} checks it: a
 * link "?{input}#{input}" resolved against a document URL has the given query, and a fragment that is always
 * UTF-8 encoded. Only the UTF-8 outputs apply: sw4j parses every URL as UTF-8 (no legacy document encodings).
 */
class PercentEncodingTest {
    private static final String DOCUMENT_URL = "https://doesnotmatter.invalid/";

    @TestFactory
    Stream<DynamicTest> percentEncoding() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode testCase : WptUrlTestData.cases("percent-encoding.json")) {
            String input = testCase.get("input").asText();
            JsonNode output = testCase.get("output");
            String utf8 = output.get("utf-8").asText();
            for (Iterator<Map.Entry<String, JsonNode>> encodings = output.fields(); encodings.hasNext(); ) {
                String encoding = encodings.next().getKey();
                String name = "Input " + printable(input) + " with encoding " + encoding;
                if (!encoding.equals("utf-8")) {
                    tests.add(DynamicTest.dynamicTest(name, () -> Assumptions.abort(
                            "Skipped: sw4j's URL parser always encodes queries as UTF-8; legacy encodings do not apply")));
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    Url url = Url.parse("?" + input + "#" + input, DOCUMENT_URL);
                    assertThat(url.hash()).as("fragment").isEqualTo("#" + utf8);
                    assertThat(url.search()).as("query").isEqualTo("?" + utf8);
                }));
            }
        }
        return tests.stream();
    }
}
