package org.sw4j.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sw4j.core.spi.cache.CachedRequest;
import org.sw4j.core.spi.cache.CachedResponse;
import org.sw4j.core.spi.cache.HeaderRow;

/** Request Matches Cached Item, branch by branch. */
class CacheMatchingTest {
    private static final CacheQueryOptions DEFAULT = CacheQueryOptions.DEFAULT;

    static CachedRequest request(String url, String method, String... headers) {
        return new CachedRequest(url, method, rows(headers), "cors", "same-origin", "default", "follow", "about:client",
                "", "", "");
    }

    static CachedResponse response(String... headers) {
        return new CachedResponse("basic", 200, "OK", List.of(), rows(headers), List.of(), false, true, -1, 0);
    }

    static List<HeaderRow> rows(String... namesAndValues) {
        List<HeaderRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            rows.add(new HeaderRow(namesAndValues[i], namesAndValues[i + 1]));
        }
        return rows;
    }

    static boolean matches(CachedRequest query, CachedRequest cached, CachedResponse response, CacheQueryOptions options) {
        return CacheMatching.requestMatchesCachedItem(query, cached, response, options);
    }

    @Test
    void urlsCompareWithTheirQueries() {
        CachedRequest cached = request("https://a.test/p?x=1", "GET");
        assertThat(matches(request("https://a.test/p?x=1", "GET"), cached, response(), DEFAULT)).isTrue();
        assertThat(matches(request("https://a.test/p?x=2", "GET"), cached, response(), DEFAULT)).isFalse();
        assertThat(matches(request("https://a.test/p", "GET"), cached, response(), DEFAULT)).isFalse();
        assertThat(matches(request("https://a.test/p?", "GET"), request("https://a.test/p", "GET"), null, DEFAULT)).isFalse();
    }

    @Test
    void ignoreSearchDropsBothQueries() {
        CacheQueryOptions ignoreSearch = new CacheQueryOptions(true, false, false);
        CachedRequest cached = request("https://a.test/p?x=1", "GET");
        assertThat(matches(request("https://a.test/p", "GET"), cached, response(), ignoreSearch)).isTrue();
        assertThat(matches(request("https://a.test/p?y", "GET"), cached, response(), ignoreSearch)).isTrue();
        assertThat(matches(request("https://a.test/q", "GET"), cached, response(), ignoreSearch)).isFalse();
    }

    @Test
    void aCachedRequestThatIsNotGetMatchesOnlyWithIgnoreMethod() {
        CachedRequest cached = request("https://a.test/p", "POST");
        assertThat(matches(request("https://a.test/p", "GET"), cached, null, DEFAULT)).isFalse();
        assertThat(matches(request("https://a.test/p", "GET"), cached, null, new CacheQueryOptions(false, true, false)))
                .isTrue();
    }

    @Test
    void varyFieldsMustHaveTheSameCombinedValues() {
        CachedRequest cached = request("https://a.test/p", "GET", "Accept", "text/html", "Accept", "*/*");
        CachedResponse vary = response("Vary", "accept, ,X-Missing");
        assertThat(matches(request("https://a.test/p", "GET", "accept", "text/html, */*"), cached, vary, DEFAULT)).isTrue();
        assertThat(matches(request("https://a.test/p", "GET", "Accept", "text/html"), cached, vary, DEFAULT)).isFalse();
        assertThat(matches(request("https://a.test/p", "GET", "Accept", "text/html, */*", "X-Missing", "1"), cached, vary,
                DEFAULT)).isFalse();
        assertThat(matches(request("https://a.test/p", "GET"), cached, vary, new CacheQueryOptions(false, false, true)))
                .isTrue();
        assertThat(matches(request("https://a.test/p", "GET"), cached, null, DEFAULT)).isTrue();
    }

    @Test
    void varyStarNeverMatches() {
        CachedRequest cached = request("https://a.test/p", "GET");
        assertThat(matches(request("https://a.test/p", "GET"), cached, response("Vary", "Accept, *"), DEFAULT)).isFalse();
        assertThat(CacheMatching.varyHasStar("a, *")).isTrue();
        assertThat(CacheMatching.varyHasStar("a, b*")).isFalse();
        assertThat(CacheMatching.varyHasStar(null)).isFalse();
    }
}
