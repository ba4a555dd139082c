package org.sw4j.webapi.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sw4j.webapi.url.WptUrlTestData.printable;
import static org.sw4j.webapi.url.WptUrlTestData.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every parsing vector of web-platform-tests' {@code urltestdata.json} and {@code urltestdata-javascript-only.json},
 * checked as {@code url/url-constructor.any.js}, {@code url-origin.any.js}, {@code url-statics-canparse.any.js}
 * and {@code failure.html} do.
 */
class UrlTestDataTest {
    /** The URL of failure.html, the document its inputs are resolved against. */
    private static final String NON_OPAQUE_PATH_BASE = "http://web-platform.test:8000/url/failure.html";
    /** A base URL with an opaque path. */
    private static final String OPAQUE_PATH_BASE = "sc:opaque";

    @TestFactory
    Stream<DynamicTest> urltestdata() {
        return WptUrlTestData.cases("urltestdata.json").stream().map(UrlTestDataTest::parsingTest);
    }

    @TestFactory
    Stream<DynamicTest> urltestdataJavascriptOnly() {
        return WptUrlTestData.cases("urltestdata-javascript-only.json").stream().map(UrlTestDataTest::parsingTest);
    }

    private static DynamicTest parsingTest(JsonNode expected) {
        String input = text(expected, "input");
        String base = text(expected, "base");
        String name = "Parsing: <" + printable(input) + "> against <" + printable(base) + ">";
        if (expected.path("failure").asBoolean()) {
            return DynamicTest.dynamicTest(name, () -> checkFailure(input, base, text(expected, "relativeTo")));
        }
        return DynamicTest.dynamicTest(name, () -> checkSuccess(input, base, expected));
    }

    private static void checkFailure(String input, String base, String relativeTo) {
        assertThatThrownBy(() -> Url.parse(input, base)).isInstanceOf(UrlParseException.class);
        assertThat(Url.canParse(input, base)).as("canParse").isFalse();
        assertThat(Url.tryParse(input, base)).as("tryParse").isEmpty();
        if (base != null) {
            return;
        }
        // failure.html resolves inputs without relativeTo against a document URL, and they must still fail.
        // relativeTo names the kind of base URL some input can be resolved against: "any-base" inputs
        // parse even against an opaque path, "non-opaque-path-base" ones do not.
        if (relativeTo == null) {
            assertThat(Url.canParse(input, NON_OPAQUE_PATH_BASE)).as("against a document URL").isFalse();
        }
        assertThat(Url.canParse(input, OPAQUE_PATH_BASE)).as("against a base with an opaque path")
                .isEqualTo("any-base".equals(relativeTo));
    }

    private static void checkSuccess(String input, String base, JsonNode expected) {
        Url url = Url.parse(input, base);
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(url.href()).as("href").isEqualTo(text(expected, "href"));
        if (expected.has("origin")) {
            softly.assertThat(url.origin()).as("origin").isEqualTo(text(expected, "origin"));
        }
        softly.assertThat(url.protocol()).as("protocol").isEqualTo(text(expected, "protocol"));
        softly.assertThat(url.username()).as("username").isEqualTo(text(expected, "username"));
        softly.assertThat(url.password()).as("password").isEqualTo(text(expected, "password"));
        softly.assertThat(url.host()).as("host").isEqualTo(text(expected, "host"));
        softly.assertThat(url.hostname()).as("hostname").isEqualTo(text(expected, "hostname"));
        softly.assertThat(url.port()).as("port").isEqualTo(text(expected, "port"));
        softly.assertThat(url.pathname()).as("pathname").isEqualTo(text(expected, "pathname"));
        softly.assertThat(url.search()).as("search").isEqualTo(text(expected, "search"));
        if (expected.has("searchParams")) {
            softly.assertThat(url.searchParams().toString()).as("searchParams").isEqualTo(text(expected, "searchParams"));
            softly.assertThat(new MutableUrl(input, base).searchParams().toString()).as("MutableUrl searchParams")
                    .isEqualTo(text(expected, "searchParams"));
        }
        softly.assertThat(url.hash()).as("hash").isEqualTo(text(expected, "hash"));
        softly.assertThat(Url.canParse(input, base)).as("canParse").isTrue();
        // The standard guarantees that a parse-then-serialize result is stable under reparsing.
        softly.assertThat(Url.parse(url.href()).href()).as("href reparsed").isEqualTo(url.href());
        softly.assertAll();
    }
}
