package org.sw4j.webapi.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.url.Url;

/** The response concept, its filters, and the {@code Response} class's constructor and static methods. */
class FetchResponseTest {
    private static final Url BASE = Url.parse("https://example.com/dir/page");

    private static FetchResponse networkResponse() {
        FetchResponse response = new FetchResponse();
        response.setUrlList(List.of(Url.parse("https://example.com/a"), Url.parse("https://example.com/b#frag")));
        response.setStatusMessage("OK");
        response.setHeaderList(HeaderList.of("Content-Type", "text/html", "Set-Cookie", "a=b", "X-Secret", "1",
                "X-Exposed", "2", "Cache-Control", "no-store", "Set-Cookie2", "c"));
        response.setBody(Body.of(new byte[] {1}));
        response.setCorsExposedHeaderNames(List.of("x-exposed", "set-cookie"));
        return response;
    }

    private static void assertError(Runnable action, String jsName, String messagePart) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(WebError.class, e -> assertThat(e.jsName()).isEqualTo(jsName))
                .hasMessageContaining(messagePart);
    }

    @Nested
    class Concept {
        @Test
        void aNewResponseHasTheDefaults() {
            FetchResponse response = new FetchResponse();
            assertThat(response.type()).isEqualTo(ResponseType.DEFAULT);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.ok()).isTrue();
            assertThat(response.statusMessage()).isEmpty();
            assertThat(response.url()).isNull();
            assertThat(response.jsUrl()).isEmpty();
            assertThat(response.redirected()).isFalse();
            assertThat(response.body()).isNull();
            assertThat(response.requestIncludesCredentials()).isTrue();
            assertThat(response.isNetworkError()).isFalse();
        }

        @Test
        void urlIsTheLastOfTheListAndTheGetterDropsTheFragment() {
            FetchResponse response = networkResponse();
            assertThat(response.url().href()).isEqualTo("https://example.com/b#frag");
            assertThat(response.jsUrl()).isEqualTo("https://example.com/b");
            assertThat(response.redirected()).isTrue();
        }

        @Test
        void networkErrors() {
            FetchResponse error = FetchResponse.networkError();
            assertThat(error.type()).isEqualTo(ResponseType.ERROR);
            assertThat(error.isNetworkError()).isTrue();
            assertThat(error.status()).isZero();
            assertThat(error.headerList().isEmpty()).isTrue();
            assertThat(error.body()).isNull();
            assertThat(error.aborted()).isFalse();
            assertThat(FetchResponse.abortedNetworkError().aborted()).isTrue();
            assertThat(FetchResponse.abortedNetworkError().isNetworkError()).isTrue();
        }

        @Test
        void statusClasses() {
            assertThat(List.of(101, 103, 204, 205, 304)).allMatch(FetchResponse::isNullBodyStatus);
            assertThat(FetchResponse.isNullBodyStatus(200)).isFalse();
            assertThat(List.of(301, 302, 303, 307, 308)).allMatch(FetchResponse::isRedirectStatus);
            assertThat(FetchResponse.isRedirectStatus(300)).isFalse();
            assertThat(FetchResponse.isOkStatus(299)).isTrue();
            assertThat(FetchResponse.isOkStatus(300)).isFalse();
        }

        @Test
        void cloneCopiesAllButTheBody() {
            FetchResponse response = networkResponse();
            FetchResponse clone = response.clone();
            assertThat(clone.body()).isNull();
            assertThat(clone.urlList()).isEqualTo(response.urlList());
            assertThat(clone.headerList()).isEqualTo(response.headerList()).isNotSameAs(response.headerList());
            assertThat(clone.statusMessage()).isEqualTo("OK");
        }
    }

    @Nested
    class Filters {
        @Test
        void basicDropsOnlyForbiddenResponseHeaders() {
            FetchResponse basic = networkResponse().basic();
            assertThat(basic.type()).isEqualTo(ResponseType.BASIC);
            assertThat(basic.headerList().toList()).extracting(Header::name)
                    .containsExactly("Content-Type", "X-Secret", "X-Exposed", "Cache-Control");
            assertThat(basic.status()).isEqualTo(200);
            assertThat(basic.body()).isNotNull();
            assertThat(basic.internalResponse().headerList().contains("Set-Cookie")).isTrue();
        }

        @Test
        void corsKeepsSafelistedAndExposedHeadersButNeverSetCookie() {
            FetchResponse cors = networkResponse().cors();
            assertThat(cors.type()).isEqualTo(ResponseType.CORS);
            assertThat(cors.headerList().toList()).extracting(Header::name)
                    .containsExactly("Content-Type", "X-Exposed", "Cache-Control");
            assertThat(cors.urlList()).hasSize(2);
        }

        @Test
        void opaqueHidesEverything() {
            FetchResponse opaque = networkResponse().opaque();
            assertThat(opaque.type()).isEqualTo(ResponseType.OPAQUE);
            assertThat(opaque.status()).isZero();
            assertThat(opaque.ok()).isFalse();
            assertThat(opaque.statusMessage()).isEmpty();
            assertThat(opaque.headerList().isEmpty()).isTrue();
            assertThat(opaque.body()).isNull();
            assertThat(opaque.urlList()).isEmpty();
            assertThat(opaque.jsUrl()).isEmpty();
            assertThat(opaque.internalResponse().status()).isEqualTo(200);
        }

        @Test
        void opaqueRedirectHidesAllButTheUrlList() {
            FetchResponse internal = networkResponse();
            internal.setStatus(302);
            FetchResponse redirect = internal.opaqueRedirect();
            assertThat(redirect.type()).isEqualTo(ResponseType.OPAQUEREDIRECT);
            assertThat(redirect.status()).isZero();
            assertThat(redirect.headerList().isEmpty()).isTrue();
            assertThat(redirect.body()).isNull();
            assertThat(redirect.urlList()).hasSize(2);
        }

        @Test
        void filteredResponsesAreReadOnlyViews() {
            FetchResponse internal = networkResponse();
            FetchResponse basic = internal.basic();
            assertThatThrownBy(() -> basic.setStatus(404)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(basic::cors).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> FetchResponse.networkError().basic()).isInstanceOf(IllegalStateException.class);
            internal.setStatus(404);
            assertThat(basic.status()).isEqualTo(404);
            assertThat(basic.unfiltered()).isSameAs(internal);
        }

        @Test
        void cloningAFilteredResponseClonesItsInternalResponse() {
            FetchResponse cors = networkResponse().cors();
            FetchResponse clone = cors.clone();
            assertThat(clone.type()).isEqualTo(ResponseType.CORS);
            assertThat(clone.internalResponse()).isNotSameAs(cors.internalResponse());
            assertThat(clone.headerList()).isEqualTo(cors.headerList());
            assertThat(clone.body()).isNull();
        }
    }

    @Nested
    class Constructor {
        @Test
        void aStringBodyGetsTextPlain() {
            ResponseConstructor.Result result = ResponseConstructor.construct(new BodyInit.Text("hi"),
                    ResponseInit.DEFAULT);
            assertThat(result.response().headerList().get("Content-Type")).isEqualTo("text/plain;charset=UTF-8");
            assertThat(result.headers().guard()).isEqualTo(Headers.Guard.RESPONSE);
            assertThat(result.response().type()).isEqualTo(ResponseType.DEFAULT);
        }

        @Test
        void statusTextAndHeadersFromInit() {
            ResponseConstructor.Result result = ResponseConstructor.construct(null, new ResponseInit(201,
                    "Cr\u00e9\u00e9", List.of(new Header("X-A", "1"), new Header("Set-Cookie", "no"))));
            assertThat(result.response().status()).isEqualTo(201);
            assertThat(result.response().statusMessage()).isEqualTo("Cr\u00e9\u00e9");
            assertThat(result.response().headerList().toList()).containsExactly(new Header("X-A", "1"));
            assertThat(result.response().body()).isNull();
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 199, 600, -1, 1000})
        void statusOutside200To599IsARangeError(int status) {
            assertError(() -> ResponseConstructor.construct(null, new ResponseInit(status, "", null)),
                    "RangeError", "outside the range [200, 599]");
        }

        @Test
        void aStatusTextThatIsNotAReasonPhraseIsATypeError() {
            assertError(() -> ResponseConstructor.construct(null, new ResponseInit(200, "a\nb", null)),
                    "TypeError", "Invalid statusText");
            assertError(() -> ResponseConstructor.construct(null, new ResponseInit(200, "\u0100", null)),
                    "TypeError", "Invalid statusText");
        }

        @ParameterizedTest
        @ValueSource(ints = {204, 205, 304})
        void aNullBodyStatusWithABodyIsATypeError(int status) {
            assertError(() -> ResponseConstructor.construct(new BodyInit.Text(""), new ResponseInit(status, "", null)),
                    "TypeError", "null body status");
            assertThat(ResponseConstructor.construct(null, new ResponseInit(status, "", null)).response().status())
                    .isEqualTo(status);
        }

        @Test
        void anExplicitContentTypeWins() {
            ResponseConstructor.Result result = ResponseConstructor.construct(new BodyInit.Text("x"),
                    new ResponseInit(200, "", List.of(new Header("content-type", "text/csv"))));
            assertThat(result.response().headerList().getAll("Content-Type")).containsExactly("text/csv");
        }

        @Test
        void blobTypeOnlyWhenNotEmpty() {
            assertThat(ResponseConstructor.construct(new BodyInit.Blob(new byte[0], ""), ResponseInit.DEFAULT)
                    .response().headerList().contains("Content-Type")).isFalse();
            assertThat(ResponseConstructor.construct(new BodyInit.Blob(new byte[0], "image/png"), ResponseInit.DEFAULT)
                    .response().headerList().get("Content-Type")).isEqualTo("image/png");
        }
    }

    @Nested
    class StaticMethods {
        @Test
        void errorIsANetworkErrorWithImmutableHeaders() {
            ResponseConstructor.Result result = ResponseConstructor.error();
            assertThat(result.response().type()).isEqualTo(ResponseType.ERROR);
            assertThat(result.response().status()).isZero();
            assertThat(result.headers().guard()).isEqualTo(Headers.Guard.IMMUTABLE);
            assertError(() -> result.headers().append("a", "b"), "TypeError", "immutable");
        }

        @Test
        void redirectSetsStatusAndAResolvedLocation() {
            ResponseConstructor.Result result = ResponseConstructor.redirect("../other?q", 307, BASE);
            assertThat(result.response().status()).isEqualTo(307);
            assertThat(result.response().headerList().get("Location")).isEqualTo("https://example.com/other?q");
            assertThat(result.headers().guard()).isEqualTo(Headers.Guard.IMMUTABLE);
            assertThat(result.response().body()).isNull();
        }

        @Test
        void redirectDefaultsAndErrors() {
            assertThat(ResponseConstructor.redirect("/", 302, BASE).response().status()).isEqualTo(302);
            assertError(() -> ResponseConstructor.redirect("/", 200, BASE), "RangeError", "Invalid status code");
            assertError(() -> ResponseConstructor.redirect("http://exa mple/", 301, BASE), "TypeError",
                    "Failed to parse URL");
        }

        @Test
        void jsonSetsApplicationJsonUnlessGiven() {
            byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
            ResponseConstructor.Result result = ResponseConstructor.json(json, ResponseInit.DEFAULT);
            assertThat(result.response().headerList().get("Content-Type")).isEqualTo("application/json");
            assertThat(BodyReading.readAll(result.response().body())).isEqualTo(json);
            ResponseConstructor.Result typed = ResponseConstructor.json(json,
                    new ResponseInit(200, "", List.of(new Header("Content-Type", "application/ld+json"))));
            assertThat(typed.response().headerList().get("Content-Type")).isEqualTo("application/ld+json");
            assertError(() -> ResponseConstructor.json(json, new ResponseInit(204, "", null)), "TypeError",
                    "null body status");
        }
    }
}
