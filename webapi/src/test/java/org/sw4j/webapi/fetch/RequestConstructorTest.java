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
import org.sw4j.webapi.url.Origin;
import org.sw4j.webapi.url.Url;

/** {@code new Request(input, init)}, rule by rule, as the Fetch Standard's constructor steps give them. */
class RequestConstructorTest {
    private static final Url BASE = Url.parse("https://example.com/app/page.html");
    private static final Origin ORIGIN = BASE.originValue();

    private static RequestConstructor.Result construct(String url, RequestInit init) {
        return RequestConstructor.construct(new RequestInput.UrlString(url), init, BASE, ORIGIN);
    }

    private static RequestConstructor.Result construct(FetchRequest input, RequestInit init) {
        return RequestConstructor.construct(new RequestInput.FromRequest(input, false), init, BASE, ORIGIN);
    }

    private static void assertTypeError(Runnable action, String messagePart) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(WebError.class, e -> assertThat(e.jsName()).isEqualTo("TypeError"))
                .hasMessageContaining(messagePart);
    }

    private static Body streamBody() {
        return new Body(BodySource.of(new byte[] {1}), -1, true);
    }

    @Nested
    class FromAUrlString {
        @Test
        void parsesAgainstTheBaseUrlWithCorsModeAndDefaults() {
            FetchRequest request = construct("data.json?x#frag", RequestInit.EMPTY).request();
            assertThat(request.url().href()).isEqualTo("https://example.com/app/data.json?x#frag");
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.mode()).isEqualTo(RequestMode.CORS);
            assertThat(request.credentials()).isEqualTo(RequestCredentials.SAME_ORIGIN);
            assertThat(request.cache()).isEqualTo(RequestCache.DEFAULT);
            assertThat(request.redirect()).isEqualTo(RequestRedirect.FOLLOW);
            assertThat(request.referrer()).isEqualTo(Referrer.CLIENT);
            assertThat(request.referrer().jsValue()).isEqualTo("about:client");
            assertThat(request.referrerPolicy()).isEqualTo(ReferrerPolicy.EMPTY);
            assertThat(request.destination()).isEqualTo(RequestDestination.EMPTY);
            assertThat(request.integrity()).isEmpty();
            assertThat(request.keepalive()).isFalse();
            assertThat(request.unsafeRequest()).isTrue();
            assertThat(request.clientOrigin()).isEqualTo(ORIGIN);
            assertThat(request.origin()).isNull();
            assertThat(request.initiatorType()).isEqualTo("fetch");
            assertThat(request.body()).isNull();
        }

        @Test
        void anUnparsableUrlIsATypeError() {
            assertTypeError(() -> construct("https://exa mple.com/", RequestInit.EMPTY),
                    "Failed to parse URL from https://exa mple.com/");
        }

        @Test
        void aUrlWithCredentialsIsATypeError() {
            assertTypeError(() -> construct("https://user:pass@example.com/", RequestInit.EMPTY), "credentials");
            assertTypeError(() -> construct("https://user@example.com/", RequestInit.EMPTY), "credentials");
        }

        @Test
        void anExplicitModeWinsOverTheCorsFallback() {
            assertThat(construct("/x", RequestInit.EMPTY.withMode(RequestMode.NO_CORS)).request().mode())
                    .isEqualTo(RequestMode.NO_CORS);
        }
    }

    @Nested
    class Members {
        @Test
        void navigateModeIsATypeError() {
            assertTypeError(() -> construct("/x", RequestInit.EMPTY.withMode(RequestMode.NAVIGATE)), "navigate");
        }

        @Test
        void aNonNullWindowIsATypeErrorAndANullOneIsFine() {
            assertTypeError(() -> construct("/x", RequestInit.EMPTY.withWindow(RequestInit.Window.NON_NULL)),
                    "window");
            assertThat(construct("/x", RequestInit.EMPTY.withWindow(RequestInit.Window.NULL)).request()).isNotNull();
        }

        @Test
        void onlyIfCachedRequiresSameOriginMode() {
            assertTypeError(() -> construct("/x", RequestInit.EMPTY.withCache(RequestCache.ONLY_IF_CACHED)),
                    "only-if-cached");
            FetchRequest request = construct("/x", RequestInit.EMPTY.withCache(RequestCache.ONLY_IF_CACHED)
                    .withMode(RequestMode.SAME_ORIGIN)).request();
            assertThat(request.cache()).isEqualTo(RequestCache.ONLY_IF_CACHED);
        }

        @Test
        void simpleMembersAreCopied() {
            FetchRequest request = construct("/x", RequestInit.EMPTY
                    .withCredentials(RequestCredentials.INCLUDE)
                    .withRedirect(RequestRedirect.MANUAL)
                    .withIntegrity("sha256-abc")
                    .withKeepalive(true)
                    .withReferrerPolicy(ReferrerPolicy.NO_REFERRER)
                    .withPriority(RequestPriority.HIGH)).request();
            assertThat(request.credentials()).isEqualTo(RequestCredentials.INCLUDE);
            assertThat(request.redirect()).isEqualTo(RequestRedirect.MANUAL);
            assertThat(request.integrity()).isEqualTo("sha256-abc");
            assertThat(request.keepalive()).isTrue();
            assertThat(request.referrerPolicy()).isEqualTo(ReferrerPolicy.NO_REFERRER);
            assertThat(request.priority()).isEqualTo(RequestPriority.HIGH);
        }
    }

    @Nested
    class Referrers {
        private Referrer referrerFor(String referrer) {
            return construct("/x", RequestInit.EMPTY.withReferrer(referrer)).request().referrer();
        }

        @Test
        void emptyMeansNoReferrer() {
            assertThat(referrerFor("")).isEqualTo(Referrer.NO_REFERRER);
            assertThat(Referrer.NO_REFERRER.jsValue()).isEmpty();
        }

        @Test
        void aSameOriginUrlIsKeptResolvedAgainstTheBase() {
            assertThat(referrerFor("other.html")).isEqualTo(Referrer.of(Url.parse("https://example.com/app/other.html")));
        }

        @Test
        void crossOriginAndAboutClientBecomeClient() {
            assertThat(referrerFor("https://elsewhere.example/")).isEqualTo(Referrer.CLIENT);
            assertThat(referrerFor("about:client")).isEqualTo(Referrer.CLIENT);
        }

        @Test
        void anUnparsableReferrerIsATypeError() {
            assertTypeError(() -> referrerFor("https://exa mple.com"), "Referrer");
        }
    }

    @Nested
    class Method {
        @ParameterizedTest
        @ValueSource(strings = {"get", "Post", "delete", "OPTIONS", "put", "head"})
        void standardMethodsAreNormalized(String method) {
            FetchRequest request = construct("/x", RequestInit.EMPTY.withMethod(method)).request();
            assertThat(request.method()).isEqualTo(method.toUpperCase());
        }

        @Test
        void otherMethodsKeepTheirCase() {
            assertThat(construct("/x", RequestInit.EMPTY.withMethod("patch")).request().method()).isEqualTo("patch");
        }

        @Test
        void invalidAndForbiddenMethodsAreTypeErrors() {
            assertTypeError(() -> construct("/x", RequestInit.EMPTY.withMethod("GE T")), "not a valid HTTP method");
            assertTypeError(() -> construct("/x", RequestInit.EMPTY.withMethod("")), "not a valid HTTP method");
            assertTypeError(() -> construct("/x", RequestInit.EMPTY.withMethod("connect")), "unsupported");
            assertTypeError(() -> construct("/x", RequestInit.EMPTY.withMethod("TRACE")), "unsupported");
        }

        @Test
        void noCorsRequiresACorsSafelistedMethod() {
            assertTypeError(() -> construct("/x", RequestInit.EMPTY.withMode(RequestMode.NO_CORS).withMethod("PUT")),
                    "'PUT' is unsupported in no-cors mode");
            FetchRequest request = construct("/x", RequestInit.EMPTY.withMode(RequestMode.NO_CORS)
                    .withMethod("post")).request();
            assertThat(request.method()).isEqualTo("POST");
        }
    }

    @Nested
    class HeadersMember {
        @Test
        void requestGuardDropsForbiddenHeaders() {
            RequestConstructor.Result result = construct("/x", RequestInit.EMPTY.withHeaders(List.of(
                    new Header("X-Custom", " 1 "), new Header("Cookie", "a=b"), new Header("Host", "evil"))));
            assertThat(result.headers().guard()).isEqualTo(Headers.Guard.REQUEST);
            assertThat(result.request().headerList().toList()).containsExactly(new Header("X-Custom", "1"));
            assertThat(result.headers().headerList()).isSameAs(result.request().headerList());
        }

        @Test
        void noCorsModeGetsTheNoCorsGuard() {
            RequestConstructor.Result result = construct("/x", RequestInit.EMPTY.withMode(RequestMode.NO_CORS)
                    .withHeaders(List.of(new Header("X-Custom", "1"), new Header("Accept", "text/html"),
                            new Header("Range", "bytes=0-"))));
            assertThat(result.headers().guard()).isEqualTo(Headers.Guard.REQUEST_NO_CORS);
            assertThat(result.request().headerList().toList()).containsExactly(new Header("Accept", "text/html"));
        }

        @Test
        void invalidHeadersAreTypeErrors() {
            assertTypeError(() -> construct("/x", RequestInit.EMPTY.withHeaders(List.of(new Header("a b", "1")))),
                    "invalid header name");
        }
    }

    @Nested
    class Bodies {
        @Test
        void getAndHeadCannotHaveABody() {
            assertTypeError(() -> construct("/x", RequestInit.EMPTY.withBody(new BodyInit.Text("x"))),
                    "GET/HEAD method cannot have body");
            assertTypeError(() -> construct("/x", RequestInit.EMPTY.withMethod("head")
                    .withBody(new BodyInit.Text("x"))), "GET/HEAD");
        }

        @Test
        void aStringBodySetsTheContentType() {
            FetchRequest request = construct("/x", RequestInit.EMPTY.withMethod("POST")
                    .withBody(new BodyInit.Text("h\u00e9"))).request();
            assertThat(request.headerList().get("content-type")).isEqualTo("text/plain;charset=UTF-8");
            assertThat(BodyReading.readAll(request.body())).isEqualTo("h\u00e9".getBytes(StandardCharsets.UTF_8));
            assertThat(request.body().length()).isEqualTo(3);
        }

        @Test
        void anExplicitContentTypeIsKept() {
            FetchRequest request = construct("/x", RequestInit.EMPTY.withMethod("POST")
                    .withHeaders(List.of(new Header("Content-Type", "application/json")))
                    .withBody(new BodyInit.Text("{}"))).request();
            assertThat(request.headerList().getAll("Content-Type")).containsExactly("application/json");
        }

        @Test
        void aStreamBodyNeedsDuplexHalf() {
            RequestInit init = RequestInit.EMPTY.withMethod("POST")
                    .withBody(new BodyInit.Stream(BodySource.of(new byte[] {1}), false));
            assertTypeError(() -> construct("/x", init), "duplex");
            FetchRequest request = construct("/x", init.withDuplex(RequestDuplex.HALF)).request();
            assertThat(request.body().fromReadableStream()).isTrue();
            assertThat(request.useCorsPreflight()).isTrue();
            assertThat(request.headerList().contains("Content-Type")).isFalse();
        }

        @Test
        void aStreamBodyRefusesKeepaliveAndNoCorsAndUnusableStreams() {
            RequestInit init = RequestInit.EMPTY.withMethod("POST").withDuplex(RequestDuplex.HALF)
                    .withBody(new BodyInit.Stream(BodySource.of(new byte[] {1}), false));
            assertTypeError(() -> construct("/x", init.withKeepalive(true)), "keepalive");
            assertTypeError(() -> construct("/x", init.withMode(RequestMode.NO_CORS)), "'cors' or 'same-origin'");
            assertTypeError(() -> construct("/x", init.withBody(
                    new BodyInit.Stream(BodySource.of(new byte[] {1}), true))), "disturbed or locked");
        }
    }

    @Nested
    class FromARequest {
        private FetchRequest navigation() {
            FetchRequest request = new FetchRequest(Url.parse("https://example.com/a#f"));
            request.addUrl(Url.parse("https://example.com/b"));
            request.setMode(RequestMode.NAVIGATE);
            request.setDestination(RequestDestination.DOCUMENT);
            request.setReloadNavigation(true);
            request.setHistoryNavigation(true);
            request.setOrigin(ORIGIN);
            request.setReferrer(Referrer.of(Url.parse("https://example.com/ref")));
            request.setReferrerPolicy(ReferrerPolicy.ORIGIN);
            request.setCredentials(RequestCredentials.INCLUDE);
            request.setHeaderList(HeaderList.of("X-Custom", "1"));
            return request;
        }

        @Test
        void withoutInitCopiesTheRequestButNotItsDestination() {
            FetchRequest input = navigation();
            FetchRequest request = construct(input, RequestInit.EMPTY).request();
            assertThat(request).isNotSameAs(input);
            assertThat(request.mode()).isEqualTo(RequestMode.NAVIGATE);
            assertThat(request.urlList()).isEqualTo(input.urlList());
            assertThat(request.reloadNavigation()).isTrue();
            assertThat(request.referrer()).isEqualTo(input.referrer());
            assertThat(request.origin()).isEqualTo(ORIGIN);
            assertThat(request.credentials()).isEqualTo(RequestCredentials.INCLUDE);
            assertThat(request.destination()).isEqualTo(RequestDestination.EMPTY);
            assertThat(request.headerList()).isEqualTo(input.headerList()).isNotSameAs(input.headerList());
        }

        @Test
        void aNonEmptyInitResetsNavigationAndProvenance() {
            FetchRequest request = construct(navigation(), RequestInit.EMPTY.withSignal(true)).request();
            assertThat(request.mode()).isEqualTo(RequestMode.SAME_ORIGIN);
            assertThat(request.reloadNavigation()).isFalse();
            assertThat(request.historyNavigation()).isFalse();
            assertThat(request.origin()).isNull();
            assertThat(request.referrer()).isEqualTo(Referrer.CLIENT);
            assertThat(request.referrerPolicy()).isEqualTo(ReferrerPolicy.EMPTY);
            assertThat(request.urlList()).containsExactly(Url.parse("https://example.com/b"));
            assertThat(request.headerList().toList()).containsExactly(new Header("X-Custom", "1"));
        }

        @Test
        void initHeadersReplaceTheInputsHeaders() {
            FetchRequest request = construct(navigation(), RequestInit.EMPTY.withHeaders(
                    List.of(new Header("X-Other", "2")))).request();
            assertThat(request.headerList().toList()).containsExactly(new Header("X-Other", "2"));
        }

        @Test
        void aNoCorsGuardFiltersTheCopiedHeaders() {
            FetchRequest input = new FetchRequest(Url.parse("https://example.com/"));
            input.setHeaderList(HeaderList.of("X-Custom", "1", "Accept", "a"));
            FetchRequest request = construct(input, RequestInit.EMPTY.withMode(RequestMode.NO_CORS)).request();
            assertThat(request.headerList().toList()).containsExactly(new Header("Accept", "a"));
        }

        @Test
        void theInputsBodyIsTakenOver() {
            FetchRequest input = new FetchRequest(Url.parse("https://example.com/"));
            input.setMethod("POST");
            input.setBody(Body.of(new byte[] {1, 2}));
            RequestConstructor.Result result = construct(input, RequestInit.EMPTY);
            assertThat(result.inputBodyTaken()).isTrue();
            assertThat(result.request().body()).isSameAs(input.body());
        }

        @Test
        void anInitBodyReplacesTheInputsBody() {
            FetchRequest input = new FetchRequest(Url.parse("https://example.com/"));
            input.setMethod("POST");
            input.setBody(Body.of(new byte[] {1, 2}));
            RequestConstructor.Result result = construct(input, RequestInit.EMPTY.withBody(new BodyInit.Bytes(
                    new byte[] {3})));
            assertThat(result.inputBodyTaken()).isFalse();
            assertThat(BodyReading.readAll(result.request().body())).containsExactly(3);
        }

        @Test
        void anUnusableInputBodyIsATypeError() {
            FetchRequest input = new FetchRequest(Url.parse("https://example.com/"));
            input.setMethod("POST");
            input.setBody(Body.of(new byte[] {1}));
            assertTypeError(() -> RequestConstructor.construct(new RequestInput.FromRequest(input, true),
                    RequestInit.EMPTY, BASE, ORIGIN), "already been used");
        }

        @Test
        void anInputWithABodyCannotBecomeGet() {
            FetchRequest input = new FetchRequest(Url.parse("https://example.com/"));
            input.setMethod("POST");
            input.setBody(Body.of(new byte[] {1}));
            assertTypeError(() -> construct(input, RequestInit.EMPTY.withMethod("GET")), "GET/HEAD");
        }

        @Test
        void anInputStreamBodyNeedsCorsOrSameOriginButNotDuplex() {
            FetchRequest input = new FetchRequest(Url.parse("https://example.com/"));
            input.setMethod("POST");
            input.setMode(RequestMode.CORS);
            input.setBody(streamBody());
            assertThat(construct(input, RequestInit.EMPTY).request().useCorsPreflight()).isTrue();
            assertTypeError(() -> construct(input, RequestInit.EMPTY.withMode(RequestMode.NO_CORS)),
                    "'cors' or 'same-origin'");
        }
    }

    @Nested
    class CloneAndOrigin {
        @Test
        void cloneCopiesEverythingButTheBody() {
            FetchRequest request = construct("/x", RequestInit.EMPTY.withMethod("POST")
                    .withBody(new BodyInit.Text("x"))).request();
            FetchRequest clone = request.clone();
            assertThat(clone.body()).isNull();
            assertThat(clone.method()).isEqualTo("POST");
            assertThat(clone.headerList()).isEqualTo(request.headerList()).isNotSameAs(request.headerList());
            clone.addUrl(Url.parse("https://example.com/y"));
            assertThat(request.urlList()).hasSize(1);
            assertThat(clone.currentUrl().href()).isEqualTo("https://example.com/y");
        }

        @Test
        void aCrossOriginRedirectTaintsTheSerializedOrigin() {
            FetchRequest request = new FetchRequest(Url.parse("https://example.com/a"));
            request.setOrigin(ORIGIN);
            assertThat(request.serializeOrigin()).isEqualTo("https://example.com");
            request.addUrl(Url.parse("https://other.example/b"));
            assertThat(request.serializeOrigin()).isEqualTo("https://example.com");
            request.addUrl(Url.parse("https://third.example/c"));
            assertThat(request.serializeOrigin()).isEqualTo("null");
        }
    }
}
