package org.sw4j.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sw4j.network.HttpFetcherFixture.request;
import static org.sw4j.network.HttpFetcherFixture.text;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.sw4j.core.spi.FetchOutcome;
import org.sw4j.webapi.fetch.Body;
import org.sw4j.webapi.fetch.BodySource;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.RequestMode;
import org.sw4j.webapi.fetch.RequestRedirect;
import org.sw4j.webapi.fetch.ResponseType;

@Timeout(30)
class FetchRedirectTest {
    private final HttpFetcherFixture f = new HttpFetcherFixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    private void echo(TestOrigin origin, String path) {
        origin.route(path, (request, response) -> {
            String body = HttpFetcherFixture.body(request);
            String type = request.getHeaders().get("Content-Type");
            response.setStatus(200);
            HttpFetcherFixture.write(response, (request.getMethod() + " " + body + " " + type)
                    .getBytes(StandardCharsets.UTF_8));
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void followsEachRedirectStatusAndRecordsTheUrlList(int status) throws Exception {
        f.a.serve("/from", status, Map.of("Location", "/to"), "");
        f.a.serve("/to", 200, Map.of("Content-Type", "text/plain"), "arrived");

        FetchOutcome outcome = f.fetch(f.a.url("/from"));

        assertThat(outcome.failureReason()).isNull();
        assertThat(outcome.response().type()).isEqualTo(ResponseType.BASIC);
        assertThat(outcome.response().status()).isEqualTo(200);
        assertThat(outcome.response().redirected()).isTrue();
        assertThat(outcome.response().jsUrl()).isEqualTo(f.a.url("/to"));
        assertThat(outcome.response().urlList()).extracting(Object::toString)
                .containsExactly(f.a.url("/from"), f.a.url("/to"));
        assertThat(text(outcome.response())).isEqualTo("arrived");
    }

    @Test
    void anUnredirectedResponseIsNotRedirected() throws Exception {
        f.a.serve("/plain", 200, Map.of(), "x");
        FetchOutcome outcome = f.fetch(f.a.url("/plain"));
        assertThat(outcome.response().redirected()).isFalse();
        assertThat(outcome.response().jsUrl()).isEqualTo(f.a.url("/plain"));
    }

    @Test
    void theRequestFragmentCarriesOverToALocationWithout() throws Exception {
        f.a.serve("/from", 302, Map.of("Location", "/to"), "");
        f.a.serve("/to", 200, Map.of(), "");
        FetchOutcome outcome = f.fetch(f.a.url("/from#frag"));
        assertThat(outcome.response().url().href()).isEqualTo(f.a.url("/to#frag"));
        assertThat(outcome.response().jsUrl()).isEqualTo(f.a.url("/to"));
    }

    @Test
    void a303TurnsAPostIntoAGetWithoutBodyOrBodyHeaders() throws Exception {
        f.a.serve("/post", 303, Map.of("Location", "/echo"), "");
        echo(f.a, "/echo");
        FetchRequest request = post(f.a.url("/post"), "payload");

        FetchOutcome outcome = f.fetch(request);

        assertThat(text(outcome.response())).isEqualTo("GET  null");
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302})
    void a301Or302TurnsAPostIntoAGet(int status) throws Exception {
        f.a.serve("/post", status, Map.of("Location", "/echo"), "");
        echo(f.a, "/echo");
        assertThat(text(f.fetch(post(f.a.url("/post"), "payload")).response())).isEqualTo("GET  null");
    }

    @Test
    void a303KeepsHead() throws Exception {
        f.a.serve("/head", 303, Map.of("Location", "/to"), "");
        f.a.serve("/to", 200, Map.of(), "body");
        FetchRequest request = request(f.a.url("/head"));
        request.setMethod("HEAD");
        FetchOutcome outcome = f.fetch(request);
        assertThat(outcome.response().status()).isEqualTo(200);
        assertThat(outcome.response().body()).isNull();
        assertThat(f.a.received().getLast().method()).isEqualTo("HEAD");
    }

    @ParameterizedTest
    @ValueSource(ints = {307, 308})
    void a307Or308SendsTheBodyAgain(int status) throws Exception {
        f.a.serve("/post", status, Map.of("Location", "/echo"), "");
        echo(f.a, "/echo");
        assertThat(text(f.fetch(post(f.a.url("/post"), "payload")).response()))
                .isEqualTo("POST payload text/plain");
    }

    @Test
    void aStreamBodyCannotBeSentAgainOnA307() throws Exception {
        f.a.route("/post", (request, response) -> {
            HttpFetcherFixture.body(request);
            response.setStatus(307);
            response.getHeaders().put("Location", "/echo");
            HttpFetcherFixture.write(response, new byte[0]);
        });
        echo(f.a, "/echo");
        FetchRequest request = request(f.a.url("/post"));
        request.setMethod("POST");
        request.setBody(new Body(BodySource.of("streamed".getBytes(StandardCharsets.UTF_8)), -1, true));

        FetchOutcome outcome = f.fetch(request);

        assertThat(outcome.isNetworkError()).isTrue();
        assertThat(outcome.failureReason()).contains("307").contains("ReadableStream");
    }

    @Test
    void moreThanTwentyRedirectsAreANetworkError() throws Exception {
        AtomicInteger hops = new AtomicInteger();
        f.a.route("/loop", (request, response) -> {
            response.setStatus(302);
            response.getHeaders().put("Location", "/loop?n=" + hops.incrementAndGet());
            HttpFetcherFixture.write(response, new byte[0]);
        });

        FetchOutcome outcome = f.fetch(f.a.url("/loop"));

        assertThat(outcome.failureReason()).startsWith("too many redirects (20)");
        assertThat(hops.get()).isEqualTo(21);
    }

    @Test
    void redirectModeErrorFailsOnARedirect() throws Exception {
        f.a.serve("/from", 302, Map.of("Location", "/to"), "");
        FetchRequest request = request(f.a.url("/from"));
        request.setRedirect(RequestRedirect.ERROR);

        FetchOutcome outcome = f.fetch(request);

        assertThat(outcome.failureReason()).contains("redirect mode is 'error'").contains("302");
        assertThat(f.a.received()).hasSize(1);
    }

    @Test
    void redirectModeManualAnswersAnOpaqueRedirect() throws Exception {
        f.a.serve("/from", 301, Map.of("Location", "/to", "X-Secret", "1"), "moved");
        FetchRequest request = request(f.a.url("/from"));
        request.setRedirect(RequestRedirect.MANUAL);

        FetchOutcome outcome = f.fetch(request);

        assertThat(outcome.response().type()).isEqualTo(ResponseType.OPAQUEREDIRECT);
        assertThat(outcome.response().status()).isZero();
        assertThat(outcome.response().headerList().isEmpty()).isTrue();
        assertThat(outcome.response().body()).isNull();
        assertThat(outcome.response().jsUrl()).isEqualTo(f.a.url("/from"));
        assertThat(outcome.response().internalResponse().status()).isEqualTo(301);
        assertThat(f.a.received()).hasSize(1);
    }

    @Test
    void aRedirectWithoutLocationIsTheResponse() throws Exception {
        f.a.serve("/nowhere", 302, Map.of(), "stay");
        FetchOutcome outcome = f.fetch(f.a.url("/nowhere"));
        assertThat(outcome.response().status()).isEqualTo(302);
        assertThat(text(outcome.response())).isEqualTo("stay");
    }

    @Test
    void aRedirectToAnotherSchemeIsANetworkError() throws Exception {
        f.a.serve("/data", 302, Map.of("Location", "data:,x"), "");
        assertThat(f.fetch(f.a.url("/data")).failureReason()).contains("only http(s) URLs can be redirected to");
    }

    @Test
    void authorizationIsDroppedOnACrossOriginRedirect() throws Exception {
        f.a.serve("/from", 302, Map.of("Location", f.b.url("/to")), "");
        f.b.serve("/to", 200, Map.of("Access-Control-Allow-Origin", "*"), "");
        FetchRequest request = request(f.a.url("/from"));
        request.setMode(RequestMode.NO_CORS);
        request.headerList().append("Authorization", "Bearer x");
        request.setUnsafeRequest(false);

        FetchOutcome outcome = f.fetch(request);

        assertThat(outcome.response().type()).isEqualTo(ResponseType.OPAQUE);
        assertThat(f.a.received().getFirst().headers()).containsEntry("authorization", "Bearer x");
        assertThat(f.b.received().getFirst().headers()).doesNotContainKey("authorization");
    }

    @Test
    void aCorsRequestRedirectedAcrossOriginsSendsOriginNull() throws Exception {
        String origin = f.a.origin();
        f.b.serve("/bounce", 302, Map.of("Location", f.a.url("/back"), "Access-Control-Allow-Origin", origin), "");
        f.a.serve("/back", 200, Map.of("Access-Control-Allow-Origin", "null"), "back");

        FetchOutcome outcome = f.fetch(f.b.url("/bounce"));

        assertThat(outcome.failureReason()).isNull();
        assertThat(outcome.response().type()).isEqualTo(ResponseType.CORS);
        assertThat(f.b.received().getFirst().headers()).containsEntry("origin", origin);
        assertThat(f.a.received().getFirst().headers()).containsEntry("origin", "null");
    }

    @Test
    void aCorsRedirectMustPassTheCorsCheckItself() throws Exception {
        f.b.serve("/bounce", 302, Map.of("Location", f.b.url("/to")), "");
        FetchOutcome outcome = f.fetch(f.b.url("/bounce"));
        assertThat(outcome.failureReason()).startsWith("CORS check failed");
    }

    @Test
    void aCorsRedirectToAUrlWithCredentialsIsANetworkError() throws Exception {
        f.b.serve("/bounce", 302, Map.of("Location", "http://user:pw@127.0.0.1:" + port(f.a) + "/x",
                "Access-Control-Allow-Origin", "*"), "");
        FetchOutcome outcome = f.fetch(f.b.url("/bounce"));
        assertThat(outcome.failureReason()).contains("URL with credentials").doesNotContain("pw");
    }

    @Test
    void noCorsCrossOriginRequestsMustFollowRedirects() throws Exception {
        FetchRequest request = request(f.b.url("/x"));
        request.setMode(RequestMode.NO_CORS);
        request.setRedirect(RequestRedirect.MANUAL);
        FetchOutcome outcome = f.fetch(request);
        assertThat(outcome.failureReason()).contains("'no-cors'").contains("'follow'");
        assertThat(f.b.received()).isEmpty();
    }

    private static String port(TestOrigin origin) {
        return origin.origin().substring(origin.origin().lastIndexOf(':') + 1);
    }

    private static FetchRequest post(String url, String body) {
        FetchRequest request = request(url);
        request.setMethod("POST");
        request.headerList().append("Content-Type", "text/plain");
        request.setBody(Body.of(body.getBytes(StandardCharsets.UTF_8)));
        return request;
    }
}
