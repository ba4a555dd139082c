package org.sw4j.webapi.url;

import static org.sw4j.webapi.url.WptUrlTestData.printable;
import static org.sw4j.webapi.url.WptUrlTestData.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every vector of web-platform-tests' {@code setters_tests.json}, run as {@code url/url-setters.any.js} does,
 * through both {@link Url}'s {@code with...} methods and {@link MutableUrl}'s setters.
 */
class SettersTest {

    @TestFactory
    Stream<DynamicContainer> settersTests() {
        JsonNode all = WptUrlTestData.read("setters_tests.json");
        List<DynamicContainer> attributes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = all.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String attribute = field.getKey();
            if (attribute.equals("comment")) {
                continue;
            }
            List<DynamicTest> tests = new ArrayList<>();
            for (JsonNode testCase : field.getValue()) {
                tests.add(setterTest(attribute, testCase));
            }
            attributes.add(DynamicContainer.dynamicContainer(attribute, tests));
        }
        return attributes.stream();
    }

    private static DynamicTest setterTest(String attribute, JsonNode testCase) {
        String href = text(testCase, "href");
        String newValue = text(testCase, "new_value");
        String name = "Setting <" + printable(href) + ">." + attribute + " = '" + printable(newValue) + "'"
                + (testCase.has("comment") ? " " + printable(text(testCase, "comment")) : "");
        return DynamicTest.dynamicTest(name, () -> {
            Url result = set(Url.parse(href), attribute, newValue);
            MutableUrl object = new MutableUrl(href, null);
            object.set(attribute, newValue);

            SoftAssertions softly = new SoftAssertions();
            for (Iterator<Map.Entry<String, JsonNode>> expected = testCase.get("expected").fields(); expected.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = expected.next();
                softly.assertThat(get(result, entry.getKey())).as(entry.getKey()).isEqualTo(entry.getValue().asText());
                softly.assertThat(get(object.url(), entry.getKey())).as("MutableUrl " + entry.getKey())
                        .isEqualTo(entry.getValue().asText());
            }
            softly.assertAll();
        });
    }

    static Url set(Url url, String attribute, String value) {
        return switch (attribute) {
            case "href" -> url.withHref(value);
            case "protocol" -> url.withProtocol(value);
            case "username" -> url.withUsername(value);
            case "password" -> url.withPassword(value);
            case "host" -> url.withHost(value);
            case "hostname" -> url.withHostname(value);
            case "port" -> url.withPort(value);
            case "pathname" -> url.withPathname(value);
            case "search" -> url.withSearch(value);
            case "hash" -> url.withHash(value);
            default -> throw new IllegalArgumentException("No setter " + attribute);
        };
    }

    static String get(Url url, String attribute) {
        return switch (attribute) {
            case "href" -> url.href();
            case "origin" -> url.origin();
            case "protocol" -> url.protocol();
            case "username" -> url.username();
            case "password" -> url.password();
            case "host" -> url.host();
            case "hostname" -> url.hostname();
            case "port" -> url.port();
            case "pathname" -> url.pathname();
            case "search" -> url.search();
            case "hash" -> url.hash();
            default -> throw new IllegalArgumentException("No getter " + attribute);
        };
    }
}
