package org.sw4j.webapi.urlpattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sw4j.webapi.error.WebError;

class UrlPatternTest {

    private static void assertTypeError(Runnable action) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(WebError.class,
                e -> assertThat(e.jsName()).isEqualTo("TypeError"));
    }

    @Test
    void introShorthandComponentsAndMatches() {
        UrlPattern pattern = new UrlPattern("https://example.com/:category/*");
        assertThat(pattern.protocol()).isEqualTo("https");
        assertThat(pattern.username()).isEqualTo("*");
        assertThat(pattern.password()).isEqualTo("*");
        assertThat(pattern.hostname()).isEqualTo("example.com");
        assertThat(pattern.port()).isEmpty();
        assertThat(pattern.pathname()).isEqualTo("/:category/*");
        assertThat(pattern.search()).isEqualTo("*");
        assertThat(pattern.hash()).isEqualTo("*");
        assertThat(pattern.test("https://example.com/products/")).isTrue();
        assertThat(pattern.test("https://example.com/blog/our-greatest-product-ever")).isTrue();
        assertThat(pattern.test("https://example.com/")).isFalse();
        assertThat(pattern.test("http://example.com/products/")).isFalse();
        assertThat(pattern.test("https://example.com:8443/blog/our-greatest-product-ever")).isFalse();
    }

    @Test
    void introOptionalGroupsAndRegexp() {
        UrlPattern pattern = new UrlPattern("http{s}?://{:subdomain.}?shop.example/products/:id([0-9]+)#reviews");
        assertThat(pattern.protocol()).isEqualTo("http{s}?");
        assertThat(pattern.username()).isEqualTo("*");
        assertThat(pattern.hostname()).isEqualTo("{:subdomain.}?shop.example");
        assertThat(pattern.port()).isEmpty();
        assertThat(pattern.pathname()).isEqualTo("/products/:id([0-9]+)");
        assertThat(pattern.search()).isEmpty();
        assertThat(pattern.hash()).isEqualTo("reviews");
        assertThat(pattern.hasRegExpGroups()).isTrue();
        assertThat(pattern.test("https://shop.example/products/74205#reviews")).isTrue();
        assertThat(pattern.test("https://kathryn@voyager.shop.example/products/74656#reviews")).isTrue();
        assertThat(pattern.test("http://insecure.shop.example/products/1701#reviews")).isTrue();
        assertThat(pattern.test("https://shop.example/products/2000")).isFalse();
        assertThat(pattern.test("http://shop.example:8080/products/0#reviews")).isFalse();
        assertThat(pattern.test("https://nx.shop.example/products/01?speed=5#reviews")).isFalse();
        assertThat(pattern.test("https://shop.example/products/chair#reviews")).isFalse();
    }

    @Test
    void introRelativeToBaseUrl() {
        UrlPattern pattern = new UrlPattern("../admin/*", "https://discussion.example/forum/?page=2");
        assertThat(pattern.protocol()).isEqualTo("https");
        assertThat(pattern.username()).isEqualTo("*");
        assertThat(pattern.hostname()).isEqualTo("discussion.example");
        assertThat(pattern.port()).isEmpty();
        assertThat(pattern.pathname()).isEqualTo("/admin/*");
        assertThat(pattern.search()).isEqualTo("*");
        assertThat(pattern.hash()).isEqualTo("*");
        assertThat(pattern.test("https://discussion.example/admin/")).isTrue();
        assertThat(pattern.test("https://edd:librarian@discussion.example/admin/update?id=1")).isTrue();
        assertThat(pattern.test("https://discussion.example/forum/admin/")).isFalse();
        assertThat(pattern.test("http://discussion.example:8080/admin/update?id=1")).isFalse();
    }

    @Test
    void pathnameInitWithNamedGroup() {
        UrlPattern pattern = new UrlPattern(UrlPatternInit.EMPTY.withPathname("/books/:id"));
        assertThat(pattern.protocol()).isEqualTo("*");
        assertThat(pattern.hostname()).isEqualTo("*");
        UrlPatternResult result = pattern.exec("https://example.com/books/123");
        assertThat(result).isNotNull();
        assertThat(result.pathname().input()).isEqualTo("/books/123");
        assertThat(result.pathname().groups()).containsExactly(Map.entry("id", "123"));
        assertThat(result.inputs()).containsExactly("https://example.com/books/123");
        assertThat(pattern.test("https://example.com/books/123/456")).isFalse();
        assertThat(pattern.test("https://example.com/books/")).isFalse();
    }

    @Test
    void patternStringExamples() {
        UrlPattern blog = new UrlPattern(UrlPatternInit.EMPTY.withPathname("/blog/:title"));
        assertThat(blog.test(UrlPatternInit.EMPTY.withPathname("/blog/hello-world"))).isTrue();
        assertThat(blog.test(UrlPatternInit.EMPTY.withPathname("/blog/2012/02"))).isFalse();

        UrlPattern dated = new UrlPattern(UrlPatternInit.EMPTY.withPathname("/blog/:year(\\d+)/:month(\\d+)"));
        UrlPatternResult result = dated.exec(UrlPatternInit.EMPTY.withPathname("/blog/2012/02"));
        assertThat(result.pathname().groups()).containsExactly(Map.entry("year", "2012"), Map.entry("month", "02"));
        assertThat(dated.test(UrlPatternInit.EMPTY.withPathname("/blog/twelve/02"))).isFalse();

        UrlPattern optional = new UrlPattern(UrlPatternInit.EMPTY.withPathname("/products/:id?"));
        assertThat(optional.test(UrlPatternInit.EMPTY.withPathname("/products"))).isTrue();
        assertThat(optional.test(UrlPatternInit.EMPTY.withPathname("/products/2"))).isTrue();
        assertThat(optional.test(UrlPatternInit.EMPTY.withPathname("/products/"))).isFalse();
        Map<String, String> unmatched = new LinkedHashMap<>();
        unmatched.put("id", null);
        assertThat(optional.exec(UrlPatternInit.EMPTY.withPathname("/products")).pathname().groups())
                .isEqualTo(unmatched);

        UrlPattern grouped = new UrlPattern(UrlPatternInit.EMPTY.withPathname("/products/{:id}?"));
        assertThat(grouped.test(UrlPatternInit.EMPTY.withPathname("/products/"))).isTrue();
        assertThat(grouped.test(UrlPatternInit.EMPTY.withPathname("/products/7"))).isTrue();

        UrlPattern wildcard = new UrlPattern(UrlPatternInit.EMPTY.withPathname("/products/*"));
        UrlPatternResult all = wildcard.exec(UrlPatternInit.EMPTY.withPathname("/products/a/b/c"));
        assertThat(all.pathname().groups()).containsExactly(Map.entry("0", "a/b/c"));
    }

    @Test
    void repeatingModifiers() {
        UrlPattern plus = new UrlPattern(UrlPatternInit.EMPTY.withPathname("/files/:path+"));
        assertThat(plus.exec(UrlPatternInit.EMPTY.withPathname("/files/a/b/c")).pathname().groups())
                .containsExactly(Map.entry("path", "a/b/c"));
        assertThat(plus.test(UrlPatternInit.EMPTY.withPathname("/files"))).isFalse();
        UrlPattern star = new UrlPattern(UrlPatternInit.EMPTY.withPathname("/files/:path*"));
        assertThat(star.test(UrlPatternInit.EMPTY.withPathname("/files"))).isTrue();
        assertThat(star.exec(UrlPatternInit.EMPTY.withPathname("/files/x/y")).pathname().groups())
                .containsExactly(Map.entry("path", "x/y"));
    }

    @Test
    void hostnameWildcardPrefix() {
        UrlPattern pattern = new UrlPattern(UrlPatternInit.EMPTY.withHostname("{*.}?example.com"));
        assertThat(pattern.hostname()).isEqualTo("{*.}?example.com");
        assertThat(pattern.test("https://example.com/")).isTrue();
        assertThat(pattern.test("https://www.example.com/")).isTrue();
        assertThat(pattern.test("https://a.b.example.com/")).isTrue();
        assertThat(pattern.test("https://badexample.com/")).isFalse();
        UrlPattern sub = new UrlPattern("https://*.example.org");
        assertThat(sub.hostname()).isEqualTo("*.example.org");
        assertThat(sub.test("https://horses.example.org")).isTrue();
        assertThat(sub.test("https://example.org")).isFalse();
    }

    @Test
    void ignoreCase() {
        UrlPattern sensitive = new UrlPattern(UrlPatternInit.EMPTY.withPathname("/Books/:id"));
        assertThat(sensitive.test(UrlPatternInit.EMPTY.withPathname("/books/1"))).isFalse();
        UrlPattern insensitive = new UrlPattern(UrlPatternInit.EMPTY.withPathname("/Books/:id"),
                new UrlPatternOptions(true));
        assertThat(insensitive.test(UrlPatternInit.EMPTY.withPathname("/books/1"))).isTrue();
        assertThat(insensitive.test(UrlPatternInit.EMPTY.withPathname("/BOOKS/1"))).isTrue();
    }

    @Test
    void execWithBaseUrlAndInputs() {
        UrlPattern pattern = new UrlPattern("/api/:version/*", "https://example.com");
        UrlPatternResult result = pattern.exec("/api/v2/users?x=1", "https://example.com/");
        assertThat(result).isNotNull();
        assertThat(result.inputs()).containsExactly("/api/v2/users?x=1", "https://example.com/");
        assertThat(result.pathname().groups()).containsExactly(Map.entry("version", "v2"), Map.entry("0", "users"));
        assertThat(result.search().input()).isEqualTo("x=1");
        assertThat(result.hostname().input()).isEqualTo("example.com");
        assertThat(pattern.exec("/api/v2/users", "not a url")).isNull();
        assertThat(pattern.exec("https://other.example/api/v2/users")).isNull();
    }

    @Test
    void errors() {
        assertTypeError(() -> new UrlPattern(UrlPatternInit.EMPTY.withPathname("/:id(")));
        assertTypeError(() -> new UrlPattern(UrlPatternInit.EMPTY.withPathname("/{foo")));
        assertTypeError(() -> new UrlPattern(UrlPatternInit.EMPTY.withPathname("/foo}")));
        assertTypeError(() -> new UrlPattern(UrlPatternInit.EMPTY.withPathname("/:id(a[)")));
        assertTypeError(() -> new UrlPattern(UrlPatternInit.EMPTY.withPathname("/(foo(bar))")));
        assertTypeError(() -> new UrlPattern(UrlPatternInit.EMPTY.withPathname("/:a/:a")));
        assertTypeError(() -> new UrlPattern("/relative"));
        assertTypeError(() -> new UrlPattern(UrlPatternInit.EMPTY.withBaseURL("not a url").withPathname("/a")));
        assertTypeError(() -> new UrlPattern(UrlPatternInit.EMPTY.withPort("99999")));
        assertTypeError(() -> new UrlPattern(UrlPatternInit.EMPTY.withHostname("bad host")));
        // A backreference cannot be translated faithfully.
        assertTypeError(() -> new UrlPattern(UrlPatternInit.EMPTY.withPathname("/(a)/(\\1)")));
    }

    @Test
    void initWithBaseUrl() {
        UrlPattern pattern = new UrlPattern(UrlPatternInit.EMPTY.withPathname("/foo/*")
                .withBaseURL("https://example.com:8080/bar?q#h"));
        assertThat(pattern.protocol()).isEqualTo("https");
        assertThat(pattern.hostname()).isEqualTo("example.com");
        assertThat(pattern.port()).isEqualTo("8080");
        assertThat(pattern.pathname()).isEqualTo("/foo/*");
        assertThat(pattern.search()).isEqualTo("*");
        assertThat(pattern.hash()).isEqualTo("*");
        UrlPattern relative = new UrlPattern(UrlPatternInit.EMPTY.withPathname("baz")
                .withBaseURL("https://example.com/foo/bar"));
        assertThat(relative.pathname()).isEqualTo("/foo/baz");
    }

    @Test
    void defaultPortIsDropped() {
        UrlPattern pattern = new UrlPattern("https://example.com:443/");
        assertThat(pattern.port()).isEmpty();
        assertThat(pattern.test("https://example.com/")).isTrue();
        UrlPattern anyPort = new UrlPattern("https://example.com:*/");
        assertThat(anyPort.test("https://example.com:8443/")).isTrue();
    }

    /** test() of a parsed URL (the static router's check, with its shortcuts) agrees with exec(). */
    @Test
    void testOfAUrlAgreesWithExec() {
        String[] patterns = {
            "https://example.com/:category/*", "http{s}?://{:subdomain.}?shop.example/products/:id([0-9]+)#reviews",
            "/10k.bin", "*", "/books/*", "https://*.example.com/*", "http://example.com:8080/a?q=1#h",
            "/:name.html", "/(\\d+)", "*://*:*@*:*/*?*#*", "/caf\u00e9", "https://example.com/", "/a/:b?",
        };
        String[] urls = {
            "https://example.com/products/", "https://example.com/", "https://shop.example/products/42#reviews",
            "https://a.shop.example/products/x#reviews", "http://127.0.0.1:3000/10k.bin", "http://127.0.0.1:3000/10k.bin?x",
            "https://example.com/books/1", "https://www.example.com/x", "http://example.com:8080/a?q=1#h",
            "http://example.com:8080/a?q=2#h", "http://u:p@example.com/index.html", "http://example.com/123",
            "http://example.com/caf%C3%A9", "https://example.com/a", "https://example.com/a/b", "https://EXAMPLE.com/",
        };
        for (String pattern : patterns) {
            for (boolean ignoreCase : new boolean[] {false, true}) {
                UrlPattern compiled = new UrlPattern(pattern, "https://example.com/", new UrlPatternOptions(ignoreCase));
                for (String url : urls) {
                    org.sw4j.webapi.url.Url parsed = org.sw4j.webapi.url.Url.parse(url);
                    assertThat(compiled.test(parsed)).as("%s (ignoreCase %s) on %s", pattern, ignoreCase, url)
                            .isEqualTo(compiled.exec(parsed) != null);
                }
            }
        }
        assertThat(new UrlPattern("/10k.bin", "http://127.0.0.1:3000/").test(
                org.sw4j.webapi.url.Url.parse("http://127.0.0.1:3000/10k.bin"))).isTrue();
        assertThat(new UrlPattern("/10k.bin", "http://127.0.0.1:3000/").test(
                org.sw4j.webapi.url.Url.parse("http://127.0.0.1:3000/10k.bin.gz"))).isFalse();
    }
}
