package org.sw4j.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sw4j.network.HttpFetcherFixture.request;
import static org.sw4j.network.HttpFetcherFixture.text;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sw4j.core.spi.FetchOutcome;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.RequestCredentials;
import org.sw4j.webapi.fetch.RequestMode;
import org.sw4j.webapi.fetch.ResponseType;

@Timeout(30)
class FetchCorsTest {
    private final HttpFetcherFixture f = new HttpFetcherFixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void aSimpleCrossOriginRequestPassesWithAMatchingAllowOrigin() throws Exception {
        f.b.serve("/data", 200, Map.of("Access-Control-Allow-Origin", f.a.origin(), "Content-Type", "text/plain",
                "X-Hidden", "h", "X-Exposed", "e", "Access-Control-Expose-Headers", "X-Exposed"), "cross");

        FetchOutcome outcome = f.fetch(f.b.url("/data"));

        assertThat(outcome.failureReason()).isNull();
        assertThat(outcome.response().type()).isEqualTo(ResponseType.CORS);
        assertThat(outcome.response().status()).isEqualTo(200);
        assertThat(outcome.response().headerList().get("Content-Type")).isEqualTo("text/plain");
        assertThat(outcome.response().headerList().get("X-Exposed")).isEqualTo("e");
        assertThat(outcome.response().headerList().contains("X-Hidden")).isFalse();
        assertThat(text(outcome.response())).isEqualTo("cross");
        assertThat(f.b.received().getFirst().headers()).containsEntry("origin", f.a.origin());
    }

    @Test
    void aWildcardExposesEveryHeaderWithoutCredentials() throws Exception {
        f.b.serve("/data", 200, Map.of("Access-Control-Allow-Origin", "*", "X-One", "1",
                "Access-Control-Expose-Headers", "*"), "");
        FetchOutcome outcome = f.fetch(f.b.url("/data"));
        assertThat(outcome.response().headerList().get("X-One")).isEqualTo("1");
    }

    @Test
    void aCrossOriginResponseWithoutAllowOriginFailsTheCorsCheck() throws Exception {
        f.b.serve("/data", 200, Map.of(), "secret");

        FetchOutcome outcome = f.fetch(f.b.url("/data"));

        assertThat(outcome.isNetworkError()).isTrue();
        assertThat(outcome.isAborted()).isFalse();
        assertThat(outcome.failureReason()).isEqualTo("CORS check failed for " + f.b.url("/data")
                + ": the response has no Access-Control-Allow-Origin header");
    }

    @Test
    void aMismatchedAllowOriginFails() throws Exception {
        f.b.serve("/data", 200, Map.of("Access-Control-Allow-Origin", "https://elsewhere.example"), "");
        assertThat(f.fetch(f.b.url("/data")).failureReason())
                .contains("'https://elsewhere.example' does not match the request's origin '" + f.a.origin() + "'");
    }

    @Test
    void credentialsWithAWildcardAllowOriginFail() throws Exception {
        f.b.serve("/data", 200, Map.of("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials", "true"),
                "");
        FetchRequest request = request(f.b.url("/data"));
        request.setCredentials(RequestCredentials.INCLUDE);

        assertThat(f.fetch(request).failureReason()).startsWith("CORS check failed")
                .contains("'*'").contains("'include'");
    }

    @Test
    void credentialsPassWithTheExactOriginAndAllowCredentials() throws Exception {
        f.b.serve("/data", 200, Map.of("Access-Control-Allow-Origin", f.a.origin(),
                "Access-Control-Allow-Credentials", "true"), "ok");
        FetchRequest request = request(f.b.url("/data"));
        request.setCredentials(RequestCredentials.INCLUDE);
        FetchOutcome outcome = f.fetch(request);
        assertThat(outcome.failureReason()).isNull();
        assertThat(outcome.response().requestIncludesCredentials()).isTrue();
    }

    @Test
    void aNonSimpleRequestIsPreflightedAndThePreflightCachedForItsMaxAge() throws Exception {
        f.b.route("/api", (request, response) -> {
            response.getHeaders().put("Access-Control-Allow-Origin", f.a.origin());
            if (request.getMethod().equals("OPTIONS")) {
                response.getHeaders().put("Access-Control-Allow-Methods", "PUT");
                response.getHeaders().put("Access-Control-Allow-Headers", "X-Custom");
                response.getHeaders().put("Access-Control-Max-Age", "60");
                response.setStatus(204);
            } else {
                response.setStatus(200);
            }
            HttpFetcherFixture.write(response, new byte[0]);
        });

        assertThat(f.fetch(put(f.b.url("/api"))).failureReason()).isNull();

        List<TestOrigin.Received> received = f.b.received();
        assertThat(received).extracting(TestOrigin.Received::method).containsExactly("OPTIONS", "PUT");
        Map<String, String> preflight = received.getFirst().headers();
        assertThat(preflight).containsEntry("access-control-request-method", "PUT")
                .containsEntry("access-control-request-headers", "x-custom")
                .containsEntry("origin", f.a.origin())
                .containsEntry("accept", "*/*")
                .containsEntry("sec-fetch-mode", "cors")
                .doesNotContainKey("x-custom");
        assertThat(received.get(1).headers()).containsEntry("x-custom", "1");

        // Cached: no second preflight within max-age.
        f.clock.advance(Duration.ofSeconds(59));
        assertThat(f.fetch(put(f.b.url("/api"))).failureReason()).isNull();
        assertThat(f.b.received()).extracting(TestOrigin.Received::method)
                .containsExactly("OPTIONS", "PUT", "PUT");

        // Expired: preflighted again.
        f.clock.advance(Duration.ofSeconds(2));
        assertThat(f.fetch(put(f.b.url("/api"))).failureReason()).isNull();
        assertThat(f.b.received()).extracting(TestOrigin.Received::method)
                .containsExactly("OPTIONS", "PUT", "PUT", "OPTIONS", "PUT");
    }

    @Test
    void aPreflightCacheEntryDoesNotCoverAnotherPartition() throws Exception {
        f.b.route("/api", (request, response) -> {
            response.getHeaders().put("Access-Control-Allow-Origin", f.a.origin());
            response.getHeaders().put("Access-Control-Allow-Methods", "PUT");
            response.getHeaders().put("Access-Control-Allow-Headers", "X-Custom");
            response.getHeaders().put("Access-Control-Max-Age", "600");
            response.setStatus(200);
            HttpFetcherFixture.write(response, new byte[0]);
        });
        f.fetch(put(f.b.url("/api")));
        f.environment = f.environment.withPartitionKey("other");
        f.fetch(put(f.b.url("/api")));
        assertThat(f.b.received()).extracting(TestOrigin.Received::method)
                .containsExactly("OPTIONS", "PUT", "OPTIONS", "PUT");
    }

    @Test
    void aPreflightThatDoesNotAllowTheMethodFailsWithoutSendingTheRequest() throws Exception {
        f.b.serve("/api", 200, Map.of("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Headers", "X-Custom"),
                "");

        FetchOutcome outcome = f.fetch(put(f.b.url("/api")));

        assertThat(outcome.failureReason()).startsWith("CORS preflight for PUT " + f.b.url("/api") + " failed")
                .contains("method PUT is not in Access-Control-Allow-Methods");
        assertThat(f.b.received()).extracting(TestOrigin.Received::method).containsExactly("OPTIONS");
    }

    @Test
    void aPreflightThatDoesNotAllowAHeaderFails() throws Exception {
        f.b.serve("/api", 200, Map.of("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "PUT"), "");
        assertThat(f.fetch(put(f.b.url("/api"))).failureReason()).contains("'x-custom' is not in");
    }

    @Test
    void aSimpleRequestIsNotPreflighted() throws Exception {
        f.b.serve("/api", 200, Map.of("Access-Control-Allow-Origin", "*"), "");
        FetchRequest request = request(f.b.url("/api"));
        request.setMethod("POST");
        request.headerList().append("Content-Type", "text/plain");
        assertThat(f.fetch(request).failureReason()).isNull();
        assertThat(f.b.received()).extracting(TestOrigin.Received::method).containsExactly("POST");
    }

    @Test
    void aNoCorsCrossOriginResponseIsOpaque() throws Exception {
        f.b.serve("/img", 200, Map.of("Content-Type", "image/png", "X-Any", "1"), "pixels");
        FetchRequest request = request(f.b.url("/img"));
        request.setMode(RequestMode.NO_CORS);

        FetchOutcome outcome = f.fetch(request);

        assertThat(outcome.response().type()).isEqualTo(ResponseType.OPAQUE);
        assertThat(outcome.response().status()).isZero();
        assertThat(outcome.response().headerList().isEmpty()).isTrue();
        assertThat(outcome.response().body()).isNull();
        assertThat(outcome.response().jsUrl()).isEmpty();
        assertThat(outcome.response().internalResponse().status()).isEqualTo(200);
        assertThat(f.b.received().getFirst().headers()).doesNotContainKey("origin")
                .containsEntry("sec-fetch-mode", "no-cors");
    }

    @Test
    void crossOriginResourcePolicyBlocksANoCorsResponse() throws Exception {
        f.b.serve("/img", 200, Map.of("Cross-Origin-Resource-Policy", "same-origin"), "pixels");
        FetchRequest request = request(f.b.url("/img"));
        request.setMode(RequestMode.NO_CORS);
        assertThat(f.fetch(request).failureReason()).contains("Cross-Origin-Resource-Policy 'same-origin'");
    }

    @Test
    void sameOriginModeRefusesACrossOriginUrl() throws Exception {
        FetchRequest request = request(f.b.url("/x"));
        request.setMode(RequestMode.SAME_ORIGIN);
        assertThat(f.fetch(request).failureReason()).isEqualTo("request mode is 'same-origin' but "
                + f.b.url("/x") + " is not same origin with " + f.a.origin());
        assertThat(f.b.received()).isEmpty();
    }

    @Test
    void sameOriginModeAllowsASameOriginUrl() throws Exception {
        f.a.serve("/x", 200, Map.of(), "mine");
        FetchRequest request = request(f.a.url("/x"));
        request.setMode(RequestMode.SAME_ORIGIN);
        FetchOutcome outcome = f.fetch(request);
        assertThat(outcome.response().type()).isEqualTo(ResponseType.BASIC);
        assertThat(text(outcome.response())).isEqualTo("mine");
    }

    @Test
    void aBasicResponseHidesSetCookie() throws Exception {
        f.a.serve("/x", 200, Map.of("Set-Cookie", "a=1", "X-Visible", "v"), "");
        FetchOutcome outcome = f.fetch(f.a.url("/x"));
        assertThat(outcome.response().headerList().contains("Set-Cookie")).isFalse();
        assertThat(outcome.response().headerList().get("X-Visible")).isEqualTo("v");
    }

    private static FetchRequest put(String url) {
        FetchRequest request = request(url);
        request.setMethod("PUT");
        request.headerList().append("X-Custom", "1");
        return request;
    }
}
