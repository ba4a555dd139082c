package org.sw4j.webapi.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@link Url} API and the standard's own examples, beyond what the web-platform-tests vectors cover. */
class UrlTest {

    /** The URL parsing examples of https://url.spec.whatwg.org/#example-url-parsing. */
    @ParameterizedTest(name = "<{0}> against <{1}> is <{2}>")
    @CsvSource(delimiterString = " | ", nullValues = "null", value = {
        "https:example.org | null | https://example.org/",
        "https://////example.com/// | null | https://example.com///",
        "https://example.com/././foo | null | https://example.com/foo",
        "hello:world | https://example.com/ | hello:world",
        "https:example.org | https://example.com/ | https://example.com/example.org",
        "\\example\\..\\demo/.\\ | https://example.com/ | https://example.com/demo/",
        "example | https://example.com/demo | https://example.com/example",
        "file:///C|/demo | null | file:///C:/demo",
        ".. | file:///C:/demo | file:///C:/",
        "file://loc%61lhost/ | null | file:///",
        "https://user:password@example.org/ | null | https://user:password@example.org/",
        "https://example.org/foo bar | null | https://example.org/foo%20bar",
        "https://EXAMPLE.com/../x | null | https://example.com/x",
        "https://example.org// | null | https://example.org//",
        "https://example.com/[]?[]#[] | null | https://example.com/[]?[]#[]",
        "https://example/%?%#% | null | https://example/%?%#%",
        "https://example/%25?%25#%25 | null | https://example/%25?%25#%25",
    })
    void parsingExamples(String input, String base, String href) {
        assertThat(Url.parse(input, base).href()).isEqualTo(href);
    }

    @ParameterizedTest(name = "<{0}> fails")
    @CsvSource(delimiter = '|', value = {
        "https://ex ample.org/", "example", "https://example.com:demo", "http://[www.example.com]/"})
    void parsingFailureExamples(String input) {
        assertThatThrownBy(() -> Url.parse(input)).isInstanceOf(UrlParseException.class)
                .hasMessage("Invalid URL: '" + input + "'");
    }

    /** The host parser examples of https://url.spec.whatwg.org/#example-host-parsing; "failure" for failure. */
    @ParameterizedTest(name = "host {0} -> {1} / opaque {2}")
    @CsvSource(delimiter = '|', value = {
        "EXAMPLE.COM|example.com|EXAMPLE.COM",
        "example%2Ecom|example.com|example%2Ecom",
        "fa\u00DF.example|xn--fa-hia.example|fa%C3%9F.example",
        "0|0.0.0.0|0",
        "%30|0.0.0.0|%30",
        "0x|0.0.0.0|0x",
        "0xffffffff|255.255.255.255|0xffffffff",
        "[0:0::1]|[::1]|[::1]",
        "[0:0::1%5D|failure|failure",
        "[0:0::%31]|failure|failure",
        "09|failure|09",
        "example.255|failure|example.255",
        "example^example|failure|failure",
    })
    void hostParserExamples(String input, String domainOrIp, String opaque) {
        assertThat(serialize(HostParser.parse(input, false))).isEqualTo(domainOrIp);
        assertThat(serialize(HostParser.parse(input, true))).isEqualTo(opaque);
    }

    private static String serialize(Host host) {
        return host == null ? "failure" : host.serialize();
    }

    @Test
    void ipv6SerializationCompressesTheFirstLongestRunOfZeros() {
        assertThat(Url.parse("http://[0:f:0:0:f:f:0:0]/").hostname()).isEqualTo("[0:f::f:f:0:0]");
        assertThat(Url.parse("http://[1:0:0:2:0:0:0:3]/").hostname()).isEqualTo("[1:0:0:2::3]");
        assertThat(Url.parse("http://[1:0:2:0:3:0:4:0]/").hostname()).isEqualTo("[1:0:2:0:3:0:4:0]");
        assertThat(Url.parse("http://[::ffff:192.168.0.1]/").hostname()).isEqualTo("[::ffff:c0a8:1]");
    }

    @Nested
    class Parsing {
        @Test
        void invalidBaseIsReportedAsSuch() {
            assertThatThrownBy(() -> Url.parse("a", "not a base")).isInstanceOf(UrlParseException.class)
                    .hasMessage("Invalid base URL: 'not a base'")
                    .satisfies(e -> assertThat(((UrlParseException) e).base()).isEqualTo("not a base"));
        }

        @Test
        void relativeInputAgainstBaseInMessage() {
            assertThatThrownBy(() -> Url.parse("//:0", "https://example.org/")).hasMessage(
                    "Invalid URL: '//:0' against base 'https://example.org/'");
        }

        @Test
        void canParseAndTryParse() {
            assertThat(Url.canParse("/path", "https://example.org/")).isTrue();
            assertThat(Url.canParse("/path", null)).isFalse();
            assertThat(Url.tryParse("https://example.org/", null)).map(Url::href).contains("https://example.org/");
            assertThat(Url.tryParse("x", "also not a url")).isEmpty();
        }

        @Test
        void parseAgainstParsedBase() {
            Url base = Url.parse("https://example.org/a/b?c#d");
            assertThat(Url.parse("../e", base).href()).isEqualTo("https://example.org/e");
            assertThat(Url.parse("?f", base).href()).isEqualTo("https://example.org/a/b?f");
        }

        @Test
        void componentAccessors() {
            Url url = Url.parse("HTTPS://user:pa%20ss@EXAMPLE.org:8443/p/q?x=1#top");
            assertThat(url.scheme()).isEqualTo("https");
            assertThat(url.isSpecial()).isTrue();
            assertThat(url.hasOpaquePath()).isFalse();
            assertThat(url.includesCredentials()).isTrue();
            assertThat(url.host()).isEqualTo("example.org:8443");
            assertThat(url.toString()).isEqualTo("https://user:pa%20ss@example.org:8443/p/q?x=1#top");
            assertThat(Url.parse("mailto:someone@example.org").hasOpaquePath()).isTrue();
        }
    }

    @Nested
    class Values {
        @Test
        void setterMethodsLeaveTheOriginalAlone() {
            Url url = Url.parse("https://example.org/path");
            Url moved = url.withHost("example.com:8080").withPathname("/other").withHash("x");
            assertThat(url.href()).isEqualTo("https://example.org/path");
            assertThat(moved.href()).isEqualTo("https://example.com:8080/other#x");
        }

        @Test
        void equalityIsOnTheSerialization() {
            assertThat(Url.parse("HTTP://Example.org:80/a/../b")).isEqualTo(Url.parse("http://example.org/b"))
                    .hasSameHashCodeAs(Url.parse("http://example.org/b"));
            assertThat(Url.parse("http://example.org/b#x")).isNotEqualTo(Url.parse("http://example.org/b"));
        }

        @Test
        void fragmentsCanBeExcluded() {
            Url withFragment = Url.parse("https://example.org/page?q#section");
            Url withEmptyFragment = Url.parse("https://example.org/page?q#");
            Url without = Url.parse("https://example.org/page?q");
            assertThat(withFragment.equalsExcludingFragment(without)).isTrue();
            assertThat(withEmptyFragment.equalsExcludingFragment(withFragment)).isTrue();
            assertThat(withFragment.equalsExcludingFragment(Url.parse("https://example.org/page?r#section"))).isFalse();
            assertThat(withFragment.withoutFragment()).isEqualTo(without);
            assertThat(withEmptyFragment.withoutFragment().href()).isEqualTo("https://example.org/page?q");
            assertThat(without.withoutFragment()).isSameAs(without);
        }
    }

    @Nested
    class Origins {
        @Test
        void tupleOrigins() {
            Origin origin = Url.parse("https://example.org:8443/a").originValue();
            assertThat(origin).isEqualTo(new Origin.Tuple("https", "example.org", 8443));
            assertThat(origin.serialize()).isEqualTo("https://example.org:8443");
            assertThat(origin.isOpaque()).isFalse();
            assertThat(origin.isSameOrigin(Url.parse("https://EXAMPLE.org:8443/b?c").originValue())).isTrue();
            assertThat(origin.isSameOrigin(Url.parse("http://example.org:8443/").originValue())).isFalse();
            assertThat(Url.parse("https://example.org:443/").originValue().serialize()).isEqualTo("https://example.org");
            assertThat(Url.parse("ws://[::1]:80/").origin()).isEqualTo("ws://[::1]");
        }

        @Test
        void opaqueOriginsAreOnlySameOriginWithThemselves() {
            Url url = Url.parse("data:text/plain,hello");
            Origin first = url.originValue();
            assertThat(first.isOpaque()).isTrue();
            assertThat(first.serialize()).isEqualTo("null");
            assertThat(first.isSameOrigin(first)).isTrue();
            assertThat(first.isSameOrigin(url.originValue())).isFalse();
            assertThat(Url.parse("file:///etc/hosts").originValue().isOpaque()).isTrue();
        }

        @Test
        void blobUrlsTakeTheOriginOfTheirPath() {
            Url url = Url.parse("blob:https://whatwg.org/d0360e2f-caee-469f-9a2f-87d5b0456f6f");
            assertThat(url.originValue()).isEqualTo(new Origin.Tuple("https", "whatwg.org", -1));
            assertThat(Url.parse("blob:ftp://host/path").originValue().isOpaque()).isTrue();
        }
    }

    @Nested
    class MutableUrlObject {
        @Test
        void settersReplaceTheUrl() {
            MutableUrl url = new MutableUrl("https://example.org/", null);
            Url before = url.url();
            url.setPort("8080");
            url.setUsername("me");
            assertThat(url.href()).isEqualTo("https://me@example.org:8080/");
            assertThat(before.href()).isEqualTo("https://example.org/");
        }

        @Test
        void failedHrefSetterThrowsAndKeepsTheUrl() {
            MutableUrl url = new MutableUrl("https://example.org/?a=b", null);
            assertThatThrownBy(() -> url.setHref("not a url")).isInstanceOf(UrlParseException.class);
            assertThat(url.href()).isEqualTo("https://example.org/?a=b");
            assertThat(url.searchParams().get("a")).isEqualTo("b");
        }
    }
}
