package org.sw4j.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sw4j.network.HttpFetcherFixture.request;
import static org.sw4j.network.HttpFetcherFixture.text;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Content;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sw4j.core.spi.FetchCall;
import org.sw4j.core.spi.FetchOutcome;
import org.sw4j.core.spi.Fetcher;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.FetchResponse;
import org.sw4j.webapi.fetch.RequestMode;
import org.sw4j.webapi.fetch.ResponseType;

/** Schemes, SRI, aborting, and the network going offline. */
@Timeout(30)
class FetchLifecycleTest {
    private static final long WAIT_SECONDS = 10;

    private final HttpFetcherFixture f = new HttpFetcherFixture();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void tearDown() {
        release.countDown();
        f.close();
    }

    // ---------------------------------------------------------------------------------------------
    // Schemes

    @Test
    void aBase64DataUrl() throws Exception {
        FetchOutcome outcome = f.fetch("data:text/plain;base64,SGVsbG8=");
        assertThat(outcome.response().type()).isEqualTo(ResponseType.BASIC);
        assertThat(outcome.response().status()).isEqualTo(200);
        assertThat(outcome.response().statusMessage()).isEqualTo("OK");
        assertThat(outcome.response().headerList().get("Content-Type")).isEqualTo("text/plain");
        assertThat(text(outcome.response())).isEqualTo("Hello");
        assertThat(outcome.response().jsUrl()).isEqualTo("data:text/plain;base64,SGVsbG8=");
    }

    @Test
    void aPercentEncodedDataUrlWithDefaultType() throws Exception {
        FetchOutcome outcome = f.fetch("data:,a%20b");
        assertThat(outcome.response().headerList().get("Content-Type")).isEqualTo("text/plain;charset=US-ASCII");
        assertThat(text(outcome.response())).isEqualTo("a b");
    }

    @Test
    void badDataUrlsAreNetworkErrors() throws Exception {
        assertThat(f.fetch("data:text/plain;base64,%%%").failureReason()).startsWith("invalid data: URL");
        assertThat(f.fetch("data:no-comma").failureReason()).startsWith("invalid data: URL");
    }

    @Test
    void aboutBlankIsAnEmptyHtmlDocumentForNavigations() throws Exception {
        FetchRequest request = request("about:blank");
        request.setMode(RequestMode.NAVIGATE);
        FetchOutcome outcome = f.fetch(request);
        assertThat(outcome.response().status()).isEqualTo(200);
        assertThat(outcome.response().headerList().get("Content-Type")).isEqualTo("text/html;charset=utf-8");
        assertThat(text(outcome.response())).isEmpty();
    }

    @Test
    void aboutBlankIsOpaqueInNoCorsAndAnErrorInCorsMode() throws Exception {
        FetchRequest noCors = request("about:blank");
        noCors.setMode(RequestMode.NO_CORS);
        assertThat(f.fetch(noCors).response().type()).isEqualTo(ResponseType.OPAQUE);
        assertThat(f.fetch("about:blank").failureReason()).contains("only http(s) URLs take part in CORS");
        FetchRequest other = request("about:config");
        other.setMode(RequestMode.NAVIGATE);
        assertThat(f.fetch(other).failureReason()).contains("only about:blank");
    }

    @Test
    void unsupportedSchemesAreNetworkErrorsThatSayWhy() throws Exception {
        for (String url : List.of("blob:" + f.a.url("/uuid"), "file:///etc/hosts", "ftp://127.0.0.1/x")) {
            FetchRequest request = request(url);
            request.setMode(RequestMode.NAVIGATE);
            assertThat(f.fetch(request).failureReason()).as(url).startsWith("cannot fetch").contains("not supported");
        }
    }

    @Test
    void aBadPortIsBlocked() throws Exception {
        assertThat(f.fetch("http://127.0.0.1:25/mail").failureReason()).contains("port 25 is a bad port");
    }

    @Test
    void aRefusedConnectionSaysSo() throws Exception {
        String url;
        try (TestOrigin gone = new TestOrigin()) {
            url = gone.url("/x");
        }
        FetchRequest request = request(url);
        request.setMode(RequestMode.NO_CORS);
        assertThat(f.fetch(request).failureReason()).contains("connection refused");
    }

    // ---------------------------------------------------------------------------------------------
    // Subresource Integrity

    @Test
    void aMatchingIntegrityPasses() throws Exception {
        f.a.serve("/lib.js", 200, Map.of(), "console.log(1)");
        FetchRequest request = request(f.a.url("/lib.js"));
        request.setIntegrity("sha256-" + sha256("console.log(1)") + " sha1-ignored");
        FetchOutcome outcome = f.fetch(request);
        assertThat(outcome.failureReason()).isNull();
        assertThat(text(outcome.response())).isEqualTo("console.log(1)");
    }

    @Test
    void aMismatchedIntegrityIsANetworkError() throws Exception {
        f.a.serve("/lib.js", 200, Map.of(), "tampered");
        FetchRequest request = request(f.a.url("/lib.js"));
        request.setIntegrity("sha256-" + sha256("console.log(1)"));
        assertThat(f.fetch(request).failureReason()).startsWith("integrity mismatch");
    }

    @Test
    void integrityUsesTheStrongestAlgorithm() throws Exception {
        f.a.serve("/lib.js", 200, Map.of(), "body");
        FetchRequest request = request(f.a.url("/lib.js"));
        request.setIntegrity("sha256-" + sha256("body") + " sha512-AAAA");
        assertThat(f.fetch(request).failureReason()).startsWith("integrity mismatch");
    }

    // ---------------------------------------------------------------------------------------------
    // Aborting

    @Test
    void abortingBeforeTheHeadEndsWithAnAbortedNetworkError() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        f.a.route("/slow", (request, response) -> {
            arrived.countDown();
            release.await(WAIT_SECONDS, TimeUnit.SECONDS);
            response.setStatus(200);
        });
        FetchCall call = f.fetcher.fetch(request(f.a.url("/slow")), f.environment);
        assertThat(arrived.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        call.abort();
        FetchOutcome outcome = call.awaitResponse();

        assertThat(call.isAborted()).isTrue();
        assertThat(outcome.isAborted()).isTrue();
        assertThat(outcome.response().aborted()).isTrue();
        assertThat(outcome.failureReason()).isEqualTo("the fetch was aborted");
    }

    @Test
    void abortingMidBodyFailsTheBody() throws Exception {
        f.a.route("/stream", (request, response) -> {
            response.setStatus(200);
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                out.write("first".getBytes(StandardCharsets.UTF_8));
                out.flush();
                release.await(WAIT_SECONDS, TimeUnit.SECONDS);
                out.write("second".getBytes(StandardCharsets.UTF_8));
            }
        });
        FetchCall call = f.fetcher.fetch(request(f.a.url("/stream")), f.environment);
        FetchResponse response = call.awaitResponse().response();
        ByteBuffer first = response.body().stream().read();
        assertThat(StandardCharsets.UTF_8.decode(first).toString()).isEqualTo("first");

        call.abort();

        assertThatThrownBy(() -> response.body().stream().read()).isInstanceOf(IOException.class)
                .hasMessageContaining("aborted");
        assertThat(call.awaitResponse().isNetworkError()).isFalse();
    }

    @Test
    void abortingAnIntegrityCheckedFetchAfterTheHeadFailsTheBufferedBody() throws Exception {
        f.a.serve("/lib.js", 200, Map.of(), "x");
        FetchRequest request = request(f.a.url("/lib.js"));
        request.setIntegrity("sha256-" + sha256("x"));
        FetchCall call = f.fetcher.fetch(request, f.environment);
        FetchResponse response = call.awaitResponse().response();
        call.abort();
        assertThatThrownBy(() -> response.body().stream().read()).isInstanceOf(IOException.class);
    }

    @Test
    void abortingTwiceOrAfterTheEndIsHarmless() throws Exception {
        f.a.serve("/x", 200, Map.of(), "done");
        FetchCall call = f.fetcher.fetch(request(f.a.url("/x")), f.environment);
        FetchResponse response = call.awaitResponse().response();
        assertThat(text(response)).isEqualTo("done");
        call.abort();
        call.abort();
        assertThat(call.awaitResponse().response()).isSameAs(response);
    }

    // ---------------------------------------------------------------------------------------------
    // Online and offline

    @Test
    void offlineFetchesFailWithTheSimulatedReason() throws Exception {
        f.a.serve("/x", 200, Map.of(), "");
        f.conditions.setOnline(false);

        FetchOutcome outcome = f.fetch(f.a.url("/x"));

        assertThat(f.fetcher.isOnline()).isFalse();
        assertThat(outcome.failureReason()).startsWith("offline").endsWith("(simulated)");
        assertThat(f.a.received()).isEmpty();

        f.conditions.setOnline(true);
        assertThat(f.fetch(f.a.url("/x")).failureReason()).isNull();
    }

    @Test
    void onlineListenersHearChangesUntilUnsubscribed() {
        List<Boolean> heard = new ArrayList<>();
        Fetcher.Subscription subscription = f.fetcher.addOnlineListener(heard::add);
        f.conditions.setOnline(false);
        f.conditions.setOnline(true);
        subscription.close();
        f.conditions.setOnline(false);
        assertThat(heard).containsExactly(false, true);
    }

    @Test
    void withoutNetworkConditionsTheFetcherIsAlwaysOnline() {
        HttpFetcher plain = HttpFetcher.builder(f.client).build();
        assertThat(plain.isOnline()).isTrue();
        plain.addOnlineListener(online -> {
        }).close();
    }

    private static String sha256(String text) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
