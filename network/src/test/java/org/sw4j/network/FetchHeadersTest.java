package org.sw4j.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sw4j.network.HttpFetcherFixture.request;
import static org.sw4j.network.HttpFetcherFixture.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sw4j.core.spi.FetchOutcome;
import org.sw4j.webapi.fetch.Body;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.Referrer;
import org.sw4j.webapi.fetch.ReferrerPolicy;
import org.sw4j.webapi.fetch.RequestCache;
import org.sw4j.webapi.fetch.RequestCredentials;
import org.sw4j.webapi.fetch.RequestMode;
import org.sw4j.webapi.url.Url;

@Timeout(30)
class FetchHeadersTest {
    private final HttpFetcherFixture f = new HttpFetcherFixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    private Map<String, String> sent(TestOrigin origin, FetchRequest request) throws Exception {
        FetchOutcome outcome = f.fetch(request);
        assertThat(outcome.failureReason()).isNull();
        return origin.received().getLast().headers();
    }

    @Test
    void aSameOriginGetCarriesTheBrowserDefaults() throws Exception {
        f.a.serve("/x", 200, Map.of(), "");
        Map<String, String> headers = sent(f.a, request(f.a.url("/x")));
        assertThat(headers).containsEntry("user-agent", HttpFetcherFixture.USER_AGENT)
                .containsEntry("accept", "*/*")
                .containsEntry("accept-language", "en-US,en;q=0.9")
                .containsEntry("accept-encoding", "gzip, deflate")
                .containsEntry("sec-fetch-mode", "cors")
                .containsEntry("sec-fetch-site", "same-origin")
                .containsEntry("sec-fetch-dest", "empty")
                .containsEntry("referer", f.a.url("/sw.js"))
                .doesNotContainKey("origin")
                .doesNotContainKey("sec-fetch-user")
                .doesNotContainKey("pragma")
                .doesNotContainKey("cache-control");
    }

    @Test
    void aCrossOriginRequestSendsOriginTheReferrerOriginAndSameSite() throws Exception {
        f.b.serve("/x", 200, Map.of("Access-Control-Allow-Origin", "*"), "");
        Map<String, String> headers = sent(f.b, request(f.b.url("/x")));
        assertThat(headers).containsEntry("origin", f.a.origin())
                .containsEntry("referer", f.a.origin() + "/")
                .containsEntry("sec-fetch-site", "same-site");
    }

    @Test
    void aSameOriginPostSendsOrigin() throws Exception {
        f.a.serve("/x", 200, Map.of(), "");
        FetchRequest request = request(f.a.url("/x"));
        request.setMethod("POST");
        assertThat(sent(f.a, request)).containsEntry("origin", f.a.origin()).containsEntry("content-length", "0");
    }

    @Test
    void aNoCorsGetSendsNoOrigin() throws Exception {
        f.b.serve("/x", 200, Map.of(), "");
        FetchRequest request = request(f.b.url("/x"));
        request.setMode(RequestMode.NO_CORS);
        assertThat(sent(f.b, request)).doesNotContainKey("origin");
    }

    @ParameterizedTest
    @CsvSource({
        "no-referrer, same, ",
        "no-referrer, cross, ",
        "origin, same, ORIGIN/",
        "unsafe-url, cross, ORIGIN/sw.js?q=1",
        "same-origin, same, ORIGIN/sw.js?q=1",
        "same-origin, cross, ",
        "origin-when-cross-origin, cross, ORIGIN/",
        "strict-origin, same, ORIGIN/",
        "strict-origin-when-cross-origin, same, ORIGIN/sw.js?q=1",
        "strict-origin-when-cross-origin, cross, ORIGIN/",
        "no-referrer-when-downgrade, cross, ORIGIN/sw.js?q=1",
    })
    void refererFollowsTheReferrerPolicy(String policy, String target, String expected) throws Exception {
        f.environment = f.environment.withReferrerPolicy(ReferrerPolicy.fromJs(policy));
        f.environment = new org.sw4j.core.spi.FetchEnvironment(f.environment.origin(), f.environment.partitionKey(),
                Url.parse(f.a.url("/sw.js?q=1#frag")), f.environment.referrerPolicy(), f.environment.userAgent(),
                f.environment.acceptLanguage());
        TestOrigin origin = target.equals("same") ? f.a : f.b;
        origin.serve("/x", 200, Map.of("Access-Control-Allow-Origin", "*"), "");
        Map<String, String> headers = sent(origin, request(origin.url("/x")));
        if (expected == null) {
            assertThat(headers).doesNotContainKey("referer");
        } else {
            assertThat(headers).containsEntry("referer", expected.replace("ORIGIN", f.a.origin()));
        }
    }

    @Test
    void theRequestsOwnReferrerAndPolicyWin() throws Exception {
        f.a.serve("/x", 200, Map.of(), "");
        FetchRequest request = request(f.a.url("/x"));
        request.setReferrer(Referrer.of(Url.parse(f.a.url("/page?x#y"))));
        request.setReferrerPolicy(ReferrerPolicy.UNSAFE_URL);
        assertThat(sent(f.a, request)).containsEntry("referer", f.a.url("/page?x"));
        FetchRequest none = request(f.a.url("/x"));
        none.setReferrer(Referrer.NO_REFERRER);
        assertThat(sent(f.a, none)).doesNotContainKey("referer");
    }

    @ParameterizedTest
    @CsvSource({
        "default, , ",
        "force-cache, , ",
        "no-store, no-cache, no-cache",
        "reload, no-cache, no-cache",
        "no-cache, , max-age=0",
    })
    void cacheModesAddTheirHeaders(String mode, String pragma, String cacheControl) throws Exception {
        f.a.serve("/x", 200, Map.of(), "");
        FetchRequest request = request(f.a.url("/x"));
        request.setCache(RequestCache.fromJs(mode));
        Map<String, String> headers = sent(f.a, request);
        assertThat(headers.get("pragma")).isEqualTo(pragma);
        assertThat(headers.get("cache-control")).isEqualTo(cacheControl);
    }

    @Test
    void cacheModeHeadersDoNotReplaceTheRequests() throws Exception {
        f.a.serve("/x", 200, Map.of(), "");
        FetchRequest request = request(f.a.url("/x"));
        request.setCache(RequestCache.NO_STORE);
        request.headerList().append("Cache-Control", "max-age=5");
        Map<String, String> headers = sent(f.a, request);
        assertThat(headers).containsEntry("cache-control", "max-age=5").containsEntry("pragma", "no-cache");
    }

    @Test
    void aConditionalRequestInDefaultModeBecomesNoStore() throws Exception {
        f.a.serve("/x", 200, Map.of(), "");
        FetchRequest request = request(f.a.url("/x"));
        request.headerList().append("If-None-Match", "\"v1\"");
        assertThat(sent(f.a, request)).containsEntry("cache-control", "no-cache");
    }

    @Test
    void onlyIfCachedIsANetworkErrorWithoutAnHttpCache() throws Exception {
        FetchRequest request = request(f.a.url("/x"));
        request.setMode(RequestMode.SAME_ORIGIN);
        request.setCache(RequestCache.ONLY_IF_CACHED);
        assertThat(f.fetch(request).failureReason()).contains("only-if-cached").contains("no HTTP cache");
        assertThat(f.a.received()).isEmpty();
    }

    @Test
    void aRangeRequestAsksForIdentity() throws Exception {
        f.a.serve("/x", 206, Map.of(), "");
        FetchRequest request = request(f.a.url("/x"));
        request.headerList().append("Range", "bytes=0-1");
        FetchOutcome outcome = f.fetch(request);
        assertThat(f.a.received().getLast().headers()).containsEntry("accept-encoding", "identity");
        assertThat(outcome.response().rangeRequested()).isTrue();
    }

    @Test
    void theBodySetsContentLength() throws Exception {
        f.a.route("/echo", (request, response) -> {
            response.setStatus(200);
            HttpFetcherFixture.write(response, (request.getHeaders().get("Content-Length") + " "
                    + request.getHeaders().get("Content-Type") + " " + HttpFetcherFixture.body(request))
                    .getBytes(StandardCharsets.UTF_8));
        });
        FetchRequest request = request(f.a.url("/echo"));
        request.setMethod("POST");
        request.headerList().append("Content-Type", "application/json");
        request.setBody(Body.of("{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        assertThat(text(f.fetch(request).response())).isEqualTo("7 application/json {\"a\":1}");
    }

    @Test
    void cookiesAreStoredAndSentBackInTheirPartition() throws Exception {
        f.a.serve("/login", 200, Map.of("Set-Cookie", "session=abc; Path=/"), "");
        f.a.serve("/x", 200, Map.of(), "");

        f.fetch(f.a.url("/login"));
        assertThat(sent(f.a, request(f.a.url("/x")))).containsEntry("cookie", "session=abc");
        assertThat(f.cookies.all(f.environment.partitionKey())).hasSize(1);

        f.environment = f.environment.withPartitionKey("another-top-level-site");
        assertThat(sent(f.a, request(f.a.url("/x")))).doesNotContainKey("cookie");
    }

    @Test
    void credentialsOmitNeitherSendsNorStoresCookies() throws Exception {
        f.a.serve("/login", 200, Map.of("Set-Cookie", "session=abc"), "");
        f.a.serve("/x", 200, Map.of(), "");
        FetchRequest login = request(f.a.url("/login"));
        login.setCredentials(RequestCredentials.OMIT);
        f.fetch(login);
        assertThat(f.cookies.all(f.environment.partitionKey())).isEmpty();

        f.cookies.store(f.environment.partitionKey(), f.a.url("/"), "kept=1");
        FetchRequest omit = request(f.a.url("/x"));
        omit.setCredentials(RequestCredentials.OMIT);
        assertThat(sent(f.a, omit)).doesNotContainKey("cookie");
        assertThat(sent(f.a, request(f.a.url("/x")))).containsEntry("cookie", "kept=1");
    }

    @Test
    void sameOriginCredentialsSendNoCookiesCrossOrigin() throws Exception {
        // Both origins are 127.0.0.1: a cookie for the host matches either port.
        f.cookies.store(f.environment.partitionKey(), f.b.url("/"), "b=1");
        f.b.serve("/x", 200, Map.of("Access-Control-Allow-Origin", f.a.origin(),
                "Access-Control-Allow-Credentials", "true"), "");
        assertThat(sent(f.b, request(f.b.url("/x")))).doesNotContainKey("cookie");
        FetchRequest include = request(f.b.url("/x"));
        include.setCredentials(RequestCredentials.INCLUDE);
        assertThat(sent(f.b, include)).containsEntry("cookie", "b=1");
    }

    @Test
    void gzipBodiesAreDecoded() throws Exception {
        byte[] plain = "hello, gzip ".repeat(1000).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream coded = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(coded)) {
            gzip.write(plain);
        }
        serveCoded("/gz", "gzip", coded.toByteArray());

        FetchOutcome outcome = f.fetch(f.a.url("/gz"));

        assertThat(text(outcome.response())).isEqualTo(new String(plain, StandardCharsets.UTF_8));
        assertThat(outcome.response().headerList().get("Content-Encoding")).isEqualTo("gzip");
        assertThat(outcome.response().body().length()).isEqualTo(-1);
    }

    @Test
    void deflateBodiesAreDecodedZlibWrappedOrRaw() throws Exception {
        byte[] plain = "hello, deflate".getBytes(StandardCharsets.UTF_8);
        for (boolean raw : new boolean[] {false, true}) {
            ByteArrayOutputStream coded = new ByteArrayOutputStream();
            try (DeflaterOutputStream deflate = new DeflaterOutputStream(coded, new Deflater(6, raw))) {
                deflate.write(plain);
            }
            serveCoded("/deflate" + raw, "deflate", coded.toByteArray());
            assertThat(text(f.fetch(f.a.url("/deflate" + raw)).response())).isEqualTo("hello, deflate");
        }
    }

    @Test
    void aCorruptGzipBodyFailsTheRead() throws Exception {
        serveCoded("/bad", "gzip", "not gzip at all".getBytes(StandardCharsets.UTF_8));
        FetchOutcome outcome = f.fetch(f.a.url("/bad"));
        assertThat(outcome.failureReason()).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> text(outcome.response()))
                .isInstanceOf(NetworkException.class).hasMessageContaining("cannot decode the gzip response body");
    }

    @Test
    void anUnknownCodingPassesThrough() throws Exception {
        serveCoded("/br", "br", "opaque-bytes".getBytes(StandardCharsets.UTF_8));
        assertThat(text(f.fetch(f.a.url("/br")).response())).isEqualTo("opaque-bytes");
    }

    private void serveCoded(String path, String coding, byte[] body) {
        f.a.route(path, (request, response) -> {
            response.setStatus(200);
            response.getHeaders().put("Content-Encoding", coding);
            response.getHeaders().put("Content-Length", body.length);
            HttpFetcherFixture.write(response, body);
        });
    }
}
