package org.sw4j.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sw4j.network.Cookie.SameSite;
import org.sw4j.network.internal.SetCookie;

class CookieJarTest {
    private static final String TOP = "https://top.example";

    /** A clock the test moves by hand. */

    private final TestClock clock = new TestClock(Instant.parse("2025-03-01T12:00:00Z"));
    private final CookieJar jar = CookieJar.builder().clock(clock).build();

    private Optional<String> header(String url) {
        return jar.cookieHeader(TOP, url);
    }

    @Test
    void storesAndSendsACookie() {
        assertThat(jar.store(TOP, "https://example.com/", "sid=abc; HttpOnly; SameSite=Lax")).hasValueSatisfying(c -> {
            assertThat(c.hostOnly()).isTrue();
            assertThat(c.domain()).isEqualTo("example.com");
            assertThat(c.path()).isEqualTo("/");
            assertThat(c.httpOnly()).isTrue();
            assertThat(c.sameSite()).isEqualTo(SameSite.LAX);
            assertThat(c.persistent()).isFalse();
        });
        assertThat(header("https://example.com/page")).contains("sid=abc");
    }

    @Test
    void maxAgeAndExpiresFollowTheClock() {
        jar.store(TOP, "https://example.com/", "a=1; Max-Age=60");
        jar.store(TOP, "https://example.com/", "b=2; Expires=Sat, 01 Mar 2025 13:00:00 GMT");
        jar.store(TOP, "https://example.com/", "c=3; Max-Age=60; Expires=Sat, 01 Mar 2025 13:00:00 GMT");
        assertThat(header("https://example.com/")).contains("a=1; b=2; c=3");

        clock.advance(Duration.ofSeconds(61));
        assertThat(header("https://example.com/")).contains("b=2");

        clock.advance(Duration.ofHours(1));
        assertThat(header("https://example.com/")).isEmpty();
        assertThat(jar.all(TOP)).isEmpty();
    }

    @Test
    void anExpiredCookieDeletesItsNamesake() {
        jar.store(TOP, "https://example.com/", "a=1");
        assertThat(jar.store(TOP, "https://example.com/", "a=; Max-Age=0")).isEmpty();
        assertThat(header("https://example.com/")).isEmpty();

        jar.store(TOP, "https://example.com/", "b=1");
        jar.store(TOP, "https://example.com/", "b=gone; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
        assertThat(jar.all(TOP)).isEmpty();
    }

    @Test
    void replacingKeepsTheCreationTime() {
        Instant first = clock.instant();
        jar.store(TOP, "https://example.com/", "a=1");
        clock.advance(Duration.ofSeconds(5));
        assertThat(jar.store(TOP, "https://example.com/", "a=2")).hasValueSatisfying(c -> {
            assertThat(c.value()).isEqualTo("2");
            assertThat(c.creation()).isEqualTo(first);
        });
        assertThat(jar.all(TOP)).hasSize(1);
    }

    @Test
    void evictionOfExpiredCookies() {
        jar.store(TOP, "https://example.com/", "a=1; Max-Age=1");
        jar.store("https://other.example", "https://example.com/", "b=1; Max-Age=1");
        jar.store(TOP, "https://example.com/", "c=1");
        clock.advance(Duration.ofSeconds(2));
        assertThat(jar.evictExpired()).isEqualTo(2);
        assertThat(jar.all(TOP)).extracting(Cookie::name).containsExactly("c");
    }

    @Test
    void expiryIsCappedAt400Days() {
        assertThat(jar.store(TOP, "https://example.com/", "a=1; Max-Age=999999999")).hasValueSatisfying(c ->
                assertThat(c.expiry()).isEqualTo(clock.instant().plus(Duration.ofDays(400))));
    }

    @Test
    void hostOnlyAndDomainCookies() {
        jar.store(TOP, "https://www.example.com/", "hostOnly=1");
        jar.store(TOP, "https://www.example.com/", "domain=1; Domain=.Example.COM");

        assertThat(header("https://www.example.com/")).contains("hostOnly=1; domain=1");
        assertThat(header("https://api.example.com/")).contains("domain=1");
        assertThat(header("https://example.com/")).contains("domain=1");
        assertThat(header("https://notexample.com/")).isEmpty();
        assertThat(header("https://sub.www.example.com/")).contains("domain=1");
    }

    @Test
    void domainsThatDoNotMatchOrArePublicSuffixesAreRejected() {
        assertThat(jar.store(TOP, "https://www.example.com/", "a=1; Domain=other.com")).isEmpty();
        assertThat(jar.store(TOP, "https://www.example.com/", "a=1; Domain=ww.example.com")).isEmpty();
        assertThat(jar.store(TOP, "https://www.example.com/", "a=1; Domain=com")).isEmpty();
        assertThat(jar.store(TOP, "https://shop.example.co.uk/", "a=1; Domain=co.uk")).isEmpty();
        assertThat(jar.store(TOP, "https://me.github.io/", "a=1; Domain=github.io")).isEmpty();
        // A public suffix equal to the host makes a host-only cookie.
        assertThat(jar.store(TOP, "http://localhost/", "a=1; Domain=localhost"))
                .hasValueSatisfying(c -> assertThat(c.hostOnly()).isTrue());
        assertThat(jar.all(TOP)).hasSize(1);
    }

    @Test
    void ipAddressesMatchOnlyThemselves() {
        assertThat(jar.store(TOP, "http://192.168.0.1/", "a=1; Domain=168.0.1")).isEmpty();
        assertThat(jar.store(TOP, "http://192.168.0.1/", "a=1; Domain=10.0.0.1")).isEmpty();
        assertThat(jar.store(TOP, "http://192.168.0.1/", "b=2; Domain=192.168.0.1")).isPresent();
        assertThat(jar.store(TOP, "http://192.168.0.1/", "c=3")).isPresent();
        assertThat(header("http://192.168.0.1/")).contains("b=2; c=3");
        assertThat(header("http://10.192.168.0.1.example/")).isEmpty();
    }

    @Test
    void pathsMatchByDirectoryAndDefaultToTheUrlsDirectory() {
        assertThat(jar.store(TOP, "https://example.com/docs/guide/page.html", "d=1"))
                .hasValueSatisfying(c -> assertThat(c.path()).isEqualTo("/docs/guide"));
        jar.store(TOP, "https://example.com/", "root=1; Path=/");
        jar.store(TOP, "https://example.com/", "docs=1; Path=/docs");
        jar.store(TOP, "https://example.com/x", "bad=1; Path=relative");

        assertThat(header("https://example.com/docs/guide/other")).contains("d=1; docs=1; root=1; bad=1");
        assertThat(header("https://example.com/docs/guide")).contains("d=1; docs=1; root=1; bad=1");
        assertThat(header("https://example.com/docs")).contains("docs=1; root=1; bad=1");
        assertThat(header("https://example.com/docsearch")).contains("root=1; bad=1");
        assertThat(header("https://example.com/")).contains("root=1; bad=1");
    }

    @Test
    void orderedByPathLengthThenCreation() {
        jar.store(TOP, "https://example.com/", "late=1; Path=/a");
        clock.advance(Duration.ofSeconds(1));
        jar.store(TOP, "https://example.com/", "later=1; Path=/a");
        jar.store(TOP, "https://example.com/", "deep=1; Path=/a/b");
        jar.store(TOP, "https://example.com/", "root=1; Path=/");
        assertThat(header("https://example.com/a/b/c")).contains("deep=1; late=1; later=1; root=1");
    }

    @Test
    void secureCookiesOnlyOverSecureUrls() {
        assertThat(jar.store(TOP, "http://example.com/", "s=1; Secure")).isEmpty();
        jar.store(TOP, "https://example.com/", "s=1; Secure");
        jar.store(TOP, "https://example.com/", "plain=1");
        assertThat(header("https://example.com/")).contains("s=1; plain=1");
        assertThat(header("http://example.com/")).contains("plain=1");

        // Localhost counts as secure.
        assertThat(jar.store(TOP, "http://localhost:8080/", "local=1; Secure")).isPresent();
        assertThat(header("http://localhost:9090/")).contains("local=1");
        assertThat(jar.store(TOP, "http://127.0.0.1/", "loop=1; Secure")).isPresent();

        // An insecure URL cannot shadow a Secure cookie.
        assertThat(jar.store(TOP, "http://example.com/", "s=evil")).isEmpty();
    }

    @Test
    void prefixesAndSameSiteNoneRules() {
        assertThat(jar.store(TOP, "https://example.com/", "__Secure-a=1")).isEmpty();
        assertThat(jar.store(TOP, "https://example.com/", "__Secure-a=1; Secure")).isPresent();
        assertThat(jar.store(TOP, "https://example.com/", "__Host-b=1; Secure; Path=/; Domain=example.com")).isEmpty();
        assertThat(jar.store(TOP, "https://example.com/x/y", "__Host-b=1; Secure")).isEmpty();
        assertThat(jar.store(TOP, "https://example.com/", "__Host-b=1; Secure; Path=/")).isPresent();
        assertThat(jar.store(TOP, "https://example.com/", "n=1; SameSite=None")).isEmpty();
        assertThat(jar.store(TOP, "https://example.com/", "n=1; SameSite=None; Secure"))
                .hasValueSatisfying(c -> assertThat(c.sameSite()).isEqualTo(SameSite.NONE));
        assertThat(jar.store(TOP, "https://example.com/", "s=1; SameSite=Strict"))
                .hasValueSatisfying(c -> assertThat(c.sameSite()).isEqualTo(SameSite.STRICT));
        assertThat(jar.store(TOP, "https://example.com/", "u=1; SameSite=whatever"))
                .hasValueSatisfying(c -> assertThat(c.sameSite()).isEqualTo(SameSite.UNSPECIFIED));
    }

    @Test
    void partitionsAreIsolated() {
        jar.store("https://a.example", "https://tracker.test/", "id=for-a");
        jar.store("https://b.example", "https://tracker.test/", "id=for-b");

        assertThat(jar.cookieHeader("https://a.example", "https://tracker.test/")).contains("id=for-a");
        assertThat(jar.cookieHeader("https://b.example", "https://tracker.test/")).contains("id=for-b");
        assertThat(jar.cookieHeader("https://c.example", "https://tracker.test/")).isEmpty();

        jar.clear("https://a.example");
        assertThat(jar.cookieHeader("https://a.example", "https://tracker.test/")).isEmpty();
        assertThat(jar.cookieHeader("https://b.example", "https://tracker.test/")).contains("id=for-b");
    }

    @Test
    void oddHeaders() {
        assertThat(jar.store(TOP, "https://example.com/", "novalue")).hasValueSatisfying(c -> {
            assertThat(c.name()).isEmpty();
            assertThat(c.value()).isEqualTo("novalue");
        });
        assertThat(jar.store(TOP, "https://example.com/", "=")).isEmpty();
        assertThat(jar.store(TOP, "https://example.com/", "a=b\u0001c")).isEmpty();
        assertThat(jar.store(TOP, "https://example.com/", "  spaced  =  value ; path=/")).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("spaced");
            assertThat(c.value()).isEqualTo("value");
        });
        assertThat(jar.store(TOP, "https://example.com/", "a=" + "x".repeat(5000))).isEmpty();
        assertThat(jar.store(TOP, "file:///tmp/x", "a=1")).isEmpty();
        assertThat(jar.store(TOP, "https://example.com/", "m=1; Max-Age=abc"))
                .hasValueSatisfying(c -> assertThat(c.persistent()).isFalse());
        assertThat(header("https://example.com/")).contains("novalue; spaced=value; m=1");
    }

    @Test
    void cookieDates() {
        assertThat(SetCookie.parseDate("Sun, 06 Nov 1994 08:49:37 GMT")).isEqualTo("1994-11-06T08:49:37Z");
        assertThat(SetCookie.parseDate("Sunday, 06-Nov-94 08:49:37 GMT")).isEqualTo("1994-11-06T08:49:37Z");
        assertThat(SetCookie.parseDate("Sun Nov  6 08:49:37 1994")).isEqualTo("1994-11-06T08:49:37Z");
        assertThat(SetCookie.parseDate("6 november 2030 1:2:3")).isEqualTo("2030-11-06T01:02:03Z");
        assertThat(SetCookie.parseDate("Wed, 01 Jan 25 00:00:00 GMT")).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(SetCookie.parseDate("31 Feb 2025 00:00:00")).isNull();
        assertThat(SetCookie.parseDate("01 Jan 1600 00:00:00")).isNull();
        assertThat(SetCookie.parseDate("01 Jan 2025 24:00:00")).isNull();
        assertThat(SetCookie.parseDate("tomorrow")).isNull();
    }

    @Test
    void roundTripOverHttp() throws Exception {
        try (TestOrigin origin = new TestOrigin(); NetworkClient client = NetworkClient.create()) {
            origin.route("/login", (request, response) -> {
                response.setStatus(204);
                response.getHeaders().add("set-cookie", "sid=42; Path=/; HttpOnly");
                response.getHeaders().add("set-cookie", "theme=dark; Path=/app");
            });
            origin.serve("/app/home", 200, Map.of(), "home");
            String partition = origin.origin();

            try (NetworkResponse login = client.execute(NetworkRequest.get(origin.url("/login")))) {
                jar.store(partition, login);
            }
            String url = origin.url("/app/home");
            NetworkRequest.Builder next = NetworkRequest.builder(url);
            jar.cookieHeader(partition, url).ifPresent(value -> next.header("cookie", value));
            client.execute(next.build()).close();

            assertThat(origin.received().getLast().headers()).containsEntry("cookie", "theme=dark; sid=42");
        }
    }
}
