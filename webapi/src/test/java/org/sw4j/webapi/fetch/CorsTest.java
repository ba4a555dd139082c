package org.sw4j.webapi.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.sw4j.webapi.url.Origin;
import org.sw4j.webapi.url.Url;

/** The CORS protocol's decisions, from the Fetch Standard's rules and examples. */
class CorsTest {
    private static final Origin ORIGIN = Url.parse("https://foo.invalid/").originValue();

    private static FetchRequest request(String method, RequestCredentials credentials, String... headers) {
        FetchRequest request = new FetchRequest(Url.parse("https://api.example/data"));
        request.setOrigin(ORIGIN);
        request.setClientOrigin(ORIGIN);
        request.setMode(RequestMode.CORS);
        request.setUnsafeRequest(true);
        request.setMethod(method);
        request.setCredentials(credentials);
        request.setHeaderList(HeaderList.of(headers));
        return request;
    }

    private static FetchResponse preflightResponse(int status, String... headers) {
        FetchResponse response = new FetchResponse();
        response.setStatus(status);
        response.setHeaderList(HeaderList.of(headers));
        return response;
    }

    @Nested
    class Check {
        @Test
        void wildcardWithoutCredentials() {
            FetchRequest request = request("GET", RequestCredentials.SAME_ORIGIN);
            assertThat(Cors.check(request, HeaderList.of("Access-Control-Allow-Origin", "*"))).isTrue();
        }

        @Test
        void aMissingHeaderFails() {
            assertThat(Cors.check(request("GET", RequestCredentials.OMIT), new HeaderList())).isFalse();
        }

        @Test
        void theOriginMustMatchExactly() {
            FetchRequest request = request("GET", RequestCredentials.SAME_ORIGIN);
            assertThat(Cors.check(request, HeaderList.of("Access-Control-Allow-Origin", "https://foo.invalid")))
                    .isTrue();
            assertThat(Cors.check(request, HeaderList.of("Access-Control-Allow-Origin", "https://foo.invalid/")))
                    .isFalse();
            assertThat(Cors.check(request, HeaderList.of("Access-Control-Allow-Origin", "HTTPS://foo.invalid")))
                    .isFalse();
            // Two headers combine into a value that matches nothing.
            assertThat(Cors.check(request, HeaderList.of("Access-Control-Allow-Origin", "https://foo.invalid",
                    "Access-Control-Allow-Origin", "*"))).isFalse();
        }

        @Test
        void withCredentialsTheWildcardFailsAndAllowCredentialsMustBeTrue() {
            FetchRequest request = request("GET", RequestCredentials.INCLUDE);
            assertThat(Cors.check(request, HeaderList.of("Access-Control-Allow-Origin", "*",
                    "Access-Control-Allow-Credentials", "true"))).isFalse();
            assertThat(Cors.check(request, HeaderList.of("Access-Control-Allow-Origin", "https://foo.invalid")))
                    .isFalse();
            assertThat(Cors.check(request, HeaderList.of("Access-Control-Allow-Origin", "https://foo.invalid",
                    "Access-Control-Allow-Credentials", "True"))).isFalse();
            assertThat(Cors.check(request, HeaderList.of("Access-Control-Allow-Origin", "https://foo.invalid",
                    "Access-Control-Allow-Credentials", "true"))).isTrue();
        }

        @Test
        void aTaintedOriginIsNull() {
            FetchRequest request = request("GET", RequestCredentials.OMIT);
            request.addUrl(Url.parse("https://other.example/"));
            request.addUrl(Url.parse("https://third.example/"));
            assertThat(Cors.check(request, HeaderList.of("Access-Control-Allow-Origin", "null"))).isTrue();
            assertThat(Cors.check(request, HeaderList.of("Access-Control-Allow-Origin", "https://foo.invalid")))
                    .isFalse();
        }
    }

    @Nested
    class PreflightNeeded {
        @Test
        void simpleRequestsNeedNone() {
            assertThat(Cors.needsPreflight(request("GET", RequestCredentials.OMIT))).isFalse();
            assertThat(Cors.needsPreflight(request("POST", RequestCredentials.OMIT,
                    "Content-Type", "text/plain", "Accept", "x"))).isFalse();
        }

        @Test
        void unsafeMethodsHeadersAndTheFlagNeedOne() {
            assertThat(Cors.needsPreflight(request("PUT", RequestCredentials.OMIT))).isTrue();
            assertThat(Cors.needsPreflight(request("GET", RequestCredentials.OMIT, "X-Custom", "1"))).isTrue();
            assertThat(Cors.needsPreflight(request("POST", RequestCredentials.OMIT,
                    "Content-Type", "application/json"))).isTrue();
            FetchRequest flagged = request("POST", RequestCredentials.OMIT);
            flagged.setUseCorsPreflight(true);
            assertThat(Cors.needsPreflight(flagged)).isTrue();
        }

        @Test
        void requestsTheUserAgentMadeNeedNone() {
            FetchRequest request = request("PUT", RequestCredentials.OMIT, "X-Custom", "1");
            request.setUnsafeRequest(false);
            assertThat(Cors.needsPreflight(request)).isFalse();
        }

        @Test
        void thePreflightRequestListsMethodAndUnsafeHeaders() {
            FetchRequest preflight = Cors.preflightRequest(request("PUT", RequestCredentials.INCLUDE,
                    "X-B", "1", "Accept", "x", "x-a", "2"));
            assertThat(preflight.method()).isEqualTo("OPTIONS");
            assertThat(preflight.mode()).isEqualTo(RequestMode.CORS);
            assertThat(preflight.responseTainting()).isEqualTo(FetchRequest.ResponseTainting.CORS);
            assertThat(preflight.origin()).isEqualTo(ORIGIN);
            assertThat(preflight.headerList().toList()).containsExactly(new Header("Accept", "*/*"),
                    new Header("Access-Control-Request-Method", "PUT"),
                    new Header("Access-Control-Request-Headers", "x-a,x-b"));
        }
    }

    @Nested
    class PreflightResponse {
        @Test
        void allowsListedMethodsAndHeaders() {
            Cors.PreflightResult result = Cors.checkPreflightResponse(
                    request("PUT", RequestCredentials.OMIT, "X-Custom", "1"),
                    preflightResponse(204, "Access-Control-Allow-Origin", "*",
                            "Access-Control-Allow-Methods", "GET, PUT", "Access-Control-Allow-Headers", "X-CUSTOM",
                            "Access-Control-Max-Age", "600"));
            assertThat(result).isNotNull();
            assertThat(result.methods()).containsExactly("GET", "PUT");
            assertThat(result.headerNames()).containsExactly("X-CUSTOM");
            assertThat(result.maxAgeSeconds()).isEqualTo(600);
        }

        @Test
        void failsTheCorsCheckOrANonOkStatus() {
            assertThat(Cors.checkPreflightResponse(request("PUT", RequestCredentials.OMIT),
                    preflightResponse(200, "Access-Control-Allow-Methods", "PUT"))).isNull();
            assertThat(Cors.checkPreflightResponse(request("PUT", RequestCredentials.OMIT),
                    preflightResponse(404, "Access-Control-Allow-Origin", "*",
                            "Access-Control-Allow-Methods", "PUT"))).isNull();
        }

        @Test
        void methodsAreCaseSensitive() {
            assertThat(Cors.checkPreflightResponse(request("PUT", RequestCredentials.OMIT),
                    preflightResponse(200, "Access-Control-Allow-Origin", "*",
                            "Access-Control-Allow-Methods", "put"))).isNull();
        }

        @Test
        void wildcardsOnlyWithoutCredentials() {
            FetchRequest anonymous = request("DELETE", RequestCredentials.SAME_ORIGIN, "X-Custom", "1");
            FetchResponse wildcard = preflightResponse(200, "Access-Control-Allow-Origin", "https://foo.invalid",
                    "Access-Control-Allow-Credentials", "true",
                    "Access-Control-Allow-Methods", "*", "Access-Control-Allow-Headers", "*");
            assertThat(Cors.checkPreflightResponse(anonymous, wildcard)).isNotNull();
            FetchRequest credentialed = request("DELETE", RequestCredentials.INCLUDE, "X-Custom", "1");
            assertThat(Cors.checkPreflightResponse(credentialed, wildcard)).isNull();
        }

        @Test
        void authorizationIsNeverCoveredByTheWildcard() {
            FetchRequest request = request("GET", RequestCredentials.OMIT, "Authorization", "Bearer x");
            assertThat(Cors.checkPreflightResponse(request, preflightResponse(200,
                    "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Headers", "*"))).isNull();
            assertThat(Cors.checkPreflightResponse(request, preflightResponse(200,
                    "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Headers", "*, authorization")))
                    .isNotNull();
        }

        @Test
        void safelistedMethodsNeedNoListing() {
            assertThat(Cors.checkPreflightResponse(request("POST", RequestCredentials.OMIT),
                    preflightResponse(200, "Access-Control-Allow-Origin", "*"))).isNotNull();
        }

        @Test
        void theUseCorsPreflightFlagCachesTheMethod() {
            FetchRequest request = request("POST", RequestCredentials.OMIT);
            request.setUseCorsPreflight(true);
            Cors.PreflightResult result = Cors.checkPreflightResponse(request,
                    preflightResponse(200, "Access-Control-Allow-Origin", "*"));
            assertThat(result.methods()).containsExactly("POST");
            assertThat(result.maxAgeSeconds()).isEqualTo(5);
        }

        @Test
        void unparsableListsFail() {
            assertThat(Cors.checkPreflightResponse(request("PUT", RequestCredentials.OMIT),
                    preflightResponse(200, "Access-Control-Allow-Origin", "*",
                            "Access-Control-Allow-Methods", "PUT, P U T"))).isNull();
        }
    }

    @Nested
    class ExposeHeaders {
        @Test
        void listedNamesAreExposed() {
            assertThat(Cors.exposedHeaderNames(HeaderList.of("Access-Control-Expose-Headers", "X-A, ,x-b",
                    "Access-Control-Expose-Headers", "X-C"), RequestCredentials.SAME_ORIGIN))
                    .containsExactly("X-A", "x-b", "X-C");
        }

        @Test
        void theWildcardExposesEveryNameWithoutCredentials() {
            HeaderList headers = HeaderList.of("Access-Control-Expose-Headers", "*", "X-A", "1", "x-a", "2",
                    "Set-Cookie", "c");
            assertThat(Cors.exposedHeaderNames(headers, RequestCredentials.OMIT))
                    .containsExactly("access-control-expose-headers", "x-a", "set-cookie");
            assertThat(Cors.exposedHeaderNames(headers, RequestCredentials.INCLUDE)).containsExactly("*");
        }

        @Test
        void absentOrInvalidExposesNothing() {
            assertThat(Cors.exposedHeaderNames(new HeaderList(), RequestCredentials.OMIT)).isEmpty();
            assertThat(Cors.exposedHeaderNames(HeaderList.of("Access-Control-Expose-Headers", "a b"),
                    RequestCredentials.OMIT)).isEmpty();
        }

        @Test
        void aCorsFilteredResponseShowsExposedHeaders() {
            FetchResponse response = new FetchResponse();
            response.setHeaderList(HeaderList.of("Access-Control-Expose-Headers", "X-A", "X-A", "1", "X-B", "2",
                    "Content-Type", "text/plain"));
            response.setCorsExposedHeaderNames(Cors.exposedHeaderNames(response.headerList(),
                    RequestCredentials.OMIT));
            assertThat(response.cors().headerList().toList()).extracting(Header::name)
                    .containsExactly("X-A", "Content-Type");
            assertThat(List.of(response.cors().type())).containsExactly(ResponseType.CORS);
        }
    }
}
