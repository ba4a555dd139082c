package org.sw4j.webapi.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sw4j.webapi.url.WptUrlTestData.printable;
import static org.sw4j.webapi.url.WptUrlTestData.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Host processing through the URL parser and the host and hostname setters: web-platform-tests'
 * {@code toascii.json} (as {@code url/toascii.window.js} runs it), {@code IdnaTestV2.json} and
 * {@code IdnaTestV2-removed.json} (as {@code url/IdnaTestV2.window.js} runs them).
 */
class HostProcessingTest {

    @TestFactory
    Stream<DynamicTest> toascii() {
        return WptUrlTestData.cases("toascii.json").stream().flatMap(testCase -> {
            String input = text(testCase, "input");
            // An absent output means the input is already ASCII and comes out unchanged.
            String output = testCase.has("output") ? text(testCase, "output") : input;
            String name = printable(input) + (testCase.has("comment") ? " " + printable(text(testCase, "comment")) : "");
            return Stream.of(
                    DynamicTest.dynamicTest(name + " (using URL)", () -> checkUrl(input, output)),
                    DynamicTest.dynamicTest(name + " (using URL.host)", () -> {
                        Url url = Url.parse("https://x/x").withHost(input);
                        assertThat(url.host()).isEqualTo(output == null ? "x" : output);
                    }),
                    DynamicTest.dynamicTest(name + " (using URL.hostname)", () -> {
                        Url url = Url.parse("https://x/x").withHostname(input);
                        assertThat(url.hostname()).isEqualTo(output == null ? "x" : output);
                    }));
        });
    }

    @TestFactory
    Stream<DynamicTest> idnaTestV2() {
        return idnaTests("IdnaTestV2.json");
    }

    @TestFactory
    Stream<DynamicTest> idnaTestV2Removed() {
        return idnaTests("IdnaTestV2-removed.json");
    }

    private static Stream<DynamicTest> idnaTests(String fileName) {
        List<JsonNode> cases = WptUrlTestData.cases(fileName);
        return cases.stream().map(testCase -> {
            String input = text(testCase, "input");
            String output = text(testCase, "output");
            String name = "ToASCII(\"" + printable(input) + "\")"
                    + (testCase.has("comment") ? " " + printable(text(testCase, "comment")) : "");
            if (input.isEmpty()) {
                return DynamicTest.dynamicTest(name, () -> Assumptions.abort("Skipped: an empty host cannot be"
                        + " expressed as \"https://<input>/x\" (IdnaTestV2.window.js skips it too)"));
            }
            return DynamicTest.dynamicTest(name, () -> checkUrl(input, output));
        });
    }

    /** Parses "https://{input}/x": it fails when {@code output} is null, otherwise the host is {@code output}. */
    private static void checkUrl(String input, String output) {
        String href = "https://" + input + "/x";
        if (output == null) {
            assertThatThrownBy(() -> Url.parse(href)).isInstanceOf(UrlParseException.class);
            return;
        }
        Url url = Url.parse(href);
        assertThat(url.host()).as("host").isEqualTo(output);
        assertThat(url.hostname()).as("hostname").isEqualTo(output);
        assertThat(url.pathname()).as("pathname").isEqualTo("/x");
        assertThat(url.href()).as("href").isEqualTo("https://" + output + "/x");
    }
}
