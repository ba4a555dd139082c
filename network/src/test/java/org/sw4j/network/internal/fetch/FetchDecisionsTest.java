package org.sw4j.network.internal.fetch;

import org.sw4j.network.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sw4j.network.CookieJar;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.FetchResponse;
import org.sw4j.webapi.fetch.HeaderList;
import org.sw4j.webapi.fetch.Referrer;
import org.sw4j.webapi.fetch.ReferrerPolicy;
import org.sw4j.webapi.url.Url;

/** The pure decisions behind fetching, without a network. */
class FetchDecisionsTest {
    private final Sites sites = new Sites(CookieJar::isWellKnownPublicSuffix);

    @Test
    void registrableDomainsAndSameSite() {
        assertThat(sites.registrableDomain("www.example.com")).isEqualTo("example.com");
        assertThat(sites.registrableDomain("a.b.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(sites.registrableDomain("127.0.0.1")).isNull();
        assertThat(sites.isSameSite(Url.parse("https://a.example.com").originValue(),
                Url.parse("https://b.example.com:8443").originValue())).isTrue();
        assertThat(sites.isSameSite(Url.parse("https://a.example.com").originValue(),
                Url.parse("http://a.example.com").originValue())).isFalse();
        assertThat(sites.isSameSite(Url.parse("https://example.com").originValue(),
                Url.parse("https://example.org").originValue())).isFalse();
    }

    @Test
    void potentiallyTrustworthyUrls() {
        assertThat(Sites.isPotentiallyTrustworthy(Url.parse("https://example.com/"))).isTrue();
        assertThat(Sites.isPotentiallyTrustworthy(Url.parse("http://localhost:8080/"))).isTrue();
        assertThat(Sites.isPotentiallyTrustworthy(Url.parse("http://127.3.4.5/"))).isTrue();
        assertThat(Sites.isPotentiallyTrustworthy(Url.parse("http://[::1]/"))).isTrue();
        assertThat(Sites.isPotentiallyTrustworthy(Url.parse("http://example.com/"))).isFalse();
    }

    @Test
    void secFetchSiteLooksAtEveryUrlOfTheUrlList() {
        FetchRequest request = new FetchRequest(Url.parse("https://www.example.com/a"));
        request.setOrigin(Url.parse("https://www.example.com/").originValue());
        assertThat(RequestHeaders.secFetchSite(request, sites)).isEqualTo("same-origin");
        request.addUrl(Url.parse("https://cdn.example.com/b"));
        assertThat(RequestHeaders.secFetchSite(request, sites)).isEqualTo("same-site");
        request.addUrl(Url.parse("https://www.example.com/c"));
        assertThat(RequestHeaders.secFetchSite(request, sites)).isEqualTo("same-site");
        request.addUrl(Url.parse("https://tracker.example/d"));
        assertThat(RequestHeaders.secFetchSite(request, sites)).isEqualTo("cross-site");
    }

    @Test
    void noFetchMetadataToAnUntrustworthyUrl() {
        FetchRequest request = new FetchRequest(Url.parse("http://example.com/a"));
        request.setOrigin(Url.parse("http://example.com/").originValue());
        RequestHeaders.appendFetchMetadataHeaders(request, sites);
        assertThat(request.headerList().isEmpty()).isTrue();
    }

    @Test
    void strictOriginWhenCrossOriginDropsTheReferrerOnADowngrade() {
        FetchRequest request = new FetchRequest(Url.parse("http://example.org/x"));
        request.setReferrer(Referrer.of(Url.parse("https://user:pw@example.com/page?q#f")));
        assertThat(Referrers.determineReferrer(request, null)).isNull();
        request.setReferrerPolicy(ReferrerPolicy.UNSAFE_URL);
        assertThat(Referrers.determineReferrer(request, null).href()).isEqualTo("https://example.com/page?q");
        request.setReferrerPolicy(ReferrerPolicy.ORIGIN);
        assertThat(Referrers.determineReferrer(request, null).href()).isEqualTo("https://example.com/");
    }

    @Test
    void theLastKnownReferrerPolicyTokenWins() {
        HeaderList headers = HeaderList.of("Referrer-Policy", "no-referrer, unknown-policy",
                "Referrer-Policy", "origin");
        assertThat(Referrers.parseReferrerPolicyHeader(headers)).isEqualTo(ReferrerPolicy.ORIGIN);
        assertThat(Referrers.parseReferrerPolicyHeader(new HeaderList())).isEqualTo(ReferrerPolicy.EMPTY);
    }

    @Test
    void locationUrls() {
        FetchResponse response = new FetchResponse();
        response.setStatus(302);
        response.setUrlList(List.of(Url.parse("https://example.com/a/b")));
        Url request = Url.parse("https://example.com/a/b#top");
        assertThat(Redirects.locationUrl(response, request)).isInstanceOf(Redirects.Location.Absent.class);
        response.headerList().append("Location", "c");
        assertThat(Redirects.locationUrl(response, request))
                .isEqualTo(new Redirects.Location.Target(Url.parse("https://example.com/a/c#top")));
        response.setHeaderList(HeaderList.of("Location", "https://[bad"));
        assertThat(Redirects.locationUrl(response, request)).isInstanceOf(Redirects.Location.Invalid.class);
        assertThat(Redirects.changesMethodToGet(303, "PUT")).isTrue();
        assertThat(Redirects.changesMethodToGet(303, "HEAD")).isFalse();
        assertThat(Redirects.changesMethodToGet(302, "PUT")).isFalse();
        assertThat(Redirects.changesMethodToGet(307, "POST")).isFalse();
    }

    @Test
    void thePreflightCacheHonoursMaxAgeTheLimitAndCredentials() {
        TestClock clock = new TestClock(Instant.parse("2025-01-01T00:00:00Z"));
        CorsPreflightCache cache = new CorsPreflightCache(clock, Duration.ofSeconds(100));
        CorsPreflightCache.Key anonymous = new CorsPreflightCache.Key("p", "https://a", "https://b/", false);
        CorsPreflightCache.Key credentialed = new CorsPreflightCache.Key("p", "https://a", "https://b/", true);
        cache.store(anonymous, List.of("*"), List.of("X-A"), 1000);
        cache.store(credentialed, List.of("*"), List.of("*"), 1000);

        assertThat(cache.matchesMethod(anonymous, "DELETE")).isTrue();
        assertThat(cache.matchesHeaderName(anonymous, "x-a")).isTrue();
        assertThat(cache.matchesMethod(credentialed, "DELETE")).isFalse();
        assertThat(cache.matchesHeaderName(credentialed, "x-b")).isFalse();

        clock.advance(java.time.Duration.ofSeconds(100));
        assertThat(cache.matchesMethod(anonymous, "DELETE")).isFalse();

        cache.store(anonymous, List.of("PUT"), List.of(), 10);
        cache.clear(anonymous);
        assertThat(cache.matchesMethod(anonymous, "PUT")).isFalse();
    }

    @Test
    void badPorts() {
        assertThat(BadPorts.blockingPort(Url.parse("http://example.com:6667/"))).isEqualTo(6667);
        assertThat(BadPorts.blockingPort(Url.parse("https://example.com:443/"))).isEqualTo(-1);
        assertThat(BadPorts.blockingPort(Url.parse("http://example.com/"))).isEqualTo(-1);
    }

    @Test
    void keepaliveQuota() {
        KeepaliveQuota quota = new KeepaliveQuota();
        assertThat(quota.reserve("p", 60_000)).isTrue();
        assertThat(quota.reserve("p", 10_000)).isFalse();
        assertThat(quota.reserve("q", 10_000)).isTrue();
        quota.release("p", 60_000);
        assertThat(quota.reserve("p", 10_000)).isTrue();
    }

}
