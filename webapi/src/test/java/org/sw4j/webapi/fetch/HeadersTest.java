package org.sw4j.webapi.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sw4j.webapi.error.WebError;

/** Header lists, the {@code Headers} class and its guards, from the Fetch Standard's rules and examples. */
class HeadersTest {

    private static void assertTypeError(Runnable action, String messagePart) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(WebError.class, e -> assertThat(e.jsName()).isEqualTo("TypeError"))
                .hasMessageContaining(messagePart);
    }

    @Nested
    class HeaderListTest {
        @Test
        void getCombinesValuesInOrderWithCommaSpace() {
            HeaderList list = HeaderList.of("A", "1", "b", "2", "a", "3");
            assertThat(list.get("a")).isEqualTo("1, 3");
            assertThat(list.get("B")).isEqualTo("2");
            assertThat(list.get("c")).isNull();
        }

        @Test
        void appendSpellsTheNameAsTheFirstHeaderOfThatName() {
            HeaderList list = HeaderList.of("Accept", "x");
            list.append("ACCEPT", "y");
            assertThat(list.toList()).containsExactly(new Header("Accept", "x"), new Header("Accept", "y"));
        }

        @Test
        void setReplacesTheFirstAndRemovesTheRest() {
            HeaderList list = HeaderList.of("a", "1", "b", "2", "A", "3");
            list.set("A", "4");
            assertThat(list.toList()).containsExactly(new Header("a", "4"), new Header("b", "2"));
            list.set("c", "5");
            assertThat(list.toList()).endsWith(new Header("c", "5"));
        }

        @Test
        void combineAppendsToTheFirst() {
            HeaderList list = HeaderList.of("a", "1", "a", "2");
            list.combine("A", "3");
            assertThat(list.toList()).containsExactly(new Header("a", "1, 3"), new Header("a", "2"));
        }

        @Test
        void deleteRemovesEveryCase() {
            HeaderList list = HeaderList.of("a", "1", "b", "2", "A", "3");
            list.delete("a");
            assertThat(list.toList()).containsExactly(new Header("b", "2"));
        }

        @Test
        void caseInsensitivityIsAsciiOnly() {
            HeaderList list = HeaderList.of("\u00e9", "1");
            assertThat(list.contains("\u00c9")).isFalse();
            assertThat(list.contains("\u00e9")).isTrue();
        }

        @Test
        void sortAndCombineLowercasesSortsAndKeepsSetCookieApart() {
            HeaderList list = HeaderList.of(
                    "Set-Cookie", "a=1", "X-B", "2", "x-a", "1", "set-cookie", "b=2", "X-A", "3");
            assertThat(list.sortAndCombine()).containsExactly(
                    new Header("set-cookie", "a=1"), new Header("set-cookie", "b=2"),
                    new Header("x-a", "1, 3"), new Header("x-b", "2"));
        }

        @Test
        void getDecodeSplitHonoursQuotedStrings() {
            // The Fetch Standard's examples for "get, decode, and split".
            assertThat(HeaderList.of("A", "nosniff,").getDecodeSplit("a")).containsExactly("nosniff", "");
            assertThat(HeaderList.of("A", "").getDecodeSplit("a")).containsExactly("");
            assertThat(HeaderList.of("A", "text/html;\", x/x").getDecodeSplit("a"))
                    .containsExactly("text/html;\", x/x");
            assertThat(HeaderList.of("A", "text/html;\"", "A", "x/x").getDecodeSplit("a"))
                    .containsExactly("text/html;\", x/x");
            assertThat(HeaderList.of("A", "x/x;test=\"hi\",y/y").getDecodeSplit("a"))
                    .containsExactly("x/x;test=\"hi\"", "y/y");
            assertThat(HeaderList.of("A", "x / x,,,1").getDecodeSplit("a")).containsExactly("x / x", "", "", "1");
            assertThat(HeaderList.of("A", "\"1,2\", 3").getDecodeSplit("a")).containsExactly("\"1,2\"", "3");
            assertThat(HeaderList.of().getDecodeSplit("a")).isNull();
        }

        @Test
        void copyIsIndependent() {
            HeaderList list = HeaderList.of("a", "1");
            HeaderList copy = list.copy();
            copy.append("b", "2");
            assertThat(list.size()).isEqualTo(1);
            assertThat(copy.size()).isEqualTo(2);
        }
    }

    @Nested
    class Predicates {
        @Test
        void headerNamesAreTokens() {
            assertThat(Header.isName("X-Custom_1!")).isTrue();
            assertThat(Header.isName("")).isFalse();
            assertThat(Header.isName("a b")).isFalse();
            assertThat(Header.isName("a:")).isFalse();
            assertThat(Header.isName("\u00e9")).isFalse();
        }

        @Test
        void headerValuesExcludeNulCrLfAndSurroundingWhitespace() {
            assertThat(Header.isValue("")).isTrue();
            assertThat(Header.isValue("a b\u00ff")).isTrue();
            assertThat(Header.isValue(" a")).isFalse();
            assertThat(Header.isValue("a\t")).isFalse();
            assertThat(Header.isValue("a\u0000b")).isFalse();
            assertThat(Header.isValue("a\rb")).isFalse();
            assertThat(Header.isValue("a\nb")).isFalse();
            assertThat(Header.isValue("\u0100")).isFalse();
        }

        @Test
        void normalizeStripsHttpWhitespace() {
            assertThat(Header.normalizeValue(" \t\r\n a b \n")).isEqualTo("a b");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Accept-Charset", "accept-encoding", "Access-Control-Request-Headers",
                "Access-Control-Request-Method", "Connection", "Content-Length", "Cookie", "Cookie2", "Date", "DNT",
                "Expect", "Host", "Keep-Alive", "Origin", "Referer", "Set-Cookie", "TE", "Trailer",
                "Transfer-Encoding", "Upgrade", "Via", "Proxy-Authorization", "proxy-anything", "Sec-Fetch-Mode",
                "sec-"})
        void forbiddenRequestHeaderNames(String name) {
            assertThat(Header.isForbiddenRequestHeader(name, "x")).isTrue();
        }

        @Test
        void methodOverrideHeadersAreForbiddenOnlyWithForbiddenMethods() {
            assertThat(Header.isForbiddenRequestHeader("X-HTTP-Method-Override", "trace")).isTrue();
            assertThat(Header.isForbiddenRequestHeader("X-HTTP-Method", "GET, CONNECT")).isTrue();
            assertThat(Header.isForbiddenRequestHeader("x-method-override", " Track ")).isTrue();
            assertThat(Header.isForbiddenRequestHeader("X-HTTP-Method-Override", "PATCH")).isFalse();
            assertThat(Header.isForbiddenRequestHeader("X-Other", "TRACE")).isFalse();
            assertThat(Header.isForbiddenRequestHeader("Accept", "x")).isFalse();
        }

        @Test
        void forbiddenResponseHeaderNames() {
            assertThat(HeaderNames.isForbiddenResponseHeaderName("Set-Cookie")).isTrue();
            assertThat(HeaderNames.isForbiddenResponseHeaderName("SET-COOKIE2")).isTrue();
            assertThat(HeaderNames.isForbiddenResponseHeaderName("Cookie")).isFalse();
        }

        @Test
        void corsSafelistedRequestHeaders() {
            assertThat(Header.isCorsSafelistedRequestHeader("Accept", "text/html, */*")).isTrue();
            assertThat(Header.isCorsSafelistedRequestHeader("Accept", "a\"b")).isFalse();
            assertThat(Header.isCorsSafelistedRequestHeader("Accept", "a\u007fb")).isFalse();
            assertThat(Header.isCorsSafelistedRequestHeader("Accept", "a\tb")).isTrue();
            assertThat(Header.isCorsSafelistedRequestHeader("Accept-Language", "en-US,en;q=0.5")).isTrue();
            assertThat(Header.isCorsSafelistedRequestHeader("Content-Language", "en_US")).isFalse();
            assertThat(Header.isCorsSafelistedRequestHeader("Content-Type", "text/plain;charset=UTF-8")).isTrue();
            assertThat(Header.isCorsSafelistedRequestHeader("content-type", " MULTIPART/form-data ; boundary=x"))
                    .isTrue();
            assertThat(Header.isCorsSafelistedRequestHeader("Content-Type", "application/json")).isFalse();
            assertThat(Header.isCorsSafelistedRequestHeader("Content-Type", "text/plain; charset=\"x\"")).isFalse();
            assertThat(Header.isCorsSafelistedRequestHeader("Content-Type", "text")).isFalse();
            assertThat(Header.isCorsSafelistedRequestHeader("X-Custom", "1")).isFalse();
        }

        @Test
        void corsSafelistedValuesAreAtMost128Bytes() {
            String type = "text/plain;a=";
            String exactly128 = type + "x".repeat(128 - type.length());
            assertThat(Header.isCorsSafelistedRequestHeader("Content-Type", exactly128)).isTrue();
            assertThat(Header.isCorsSafelistedRequestHeader("Content-Type", exactly128 + "x")).isFalse();
        }

        @Test
        void rangeIsSafelistedOnlyAsASimpleRangeWithAStart() {
            assertThat(Header.isCorsSafelistedRequestHeader("Range", "bytes=0-")).isTrue();
            assertThat(Header.isCorsSafelistedRequestHeader("Range", "bytes=10-20")).isTrue();
            assertThat(Header.isCorsSafelistedRequestHeader("Range", "bytes=-20")).isFalse();
            assertThat(Header.isCorsSafelistedRequestHeader("Range", "bytes=20-10")).isFalse();
            assertThat(Header.isCorsSafelistedRequestHeader("Range", "bytes=0-1,3-4")).isFalse();
            assertThat(Header.isCorsSafelistedRequestHeader("Range", "bytes = 0-1")).isFalse();
            assertThat(Header.isCorsSafelistedRequestHeader("Range", "items=0-1")).isFalse();
        }

        @Test
        void parseSingleRange() {
            assertThat(HeaderValues.parseSingleRange("bytes=5-", false)).isEqualTo(new HeaderValues.Range(5L, null));
            assertThat(HeaderValues.parseSingleRange("bytes=-5", false)).isEqualTo(new HeaderValues.Range(null, 5L));
            assertThat(HeaderValues.parseSingleRange("bytes= 1 - 2", true)).isEqualTo(new HeaderValues.Range(1L, 2L));
            assertThat(HeaderValues.parseSingleRange("bytes= 1 - 2", false)).isNull();
            assertThat(HeaderValues.parseSingleRange("bytes=-", false)).isNull();
            assertThat(HeaderValues.parseSingleRange("Bytes=0-", false)).isNull();
        }

        @Test
        void corsUnsafeRequestHeaderNamesAreSortedLowercaseAndUnique() {
            HeaderList list = HeaderList.of("X-B", "1", "Accept", "x", "x-a", "2", "X-b", "3", "Content-Type",
                    "application/json");
            assertThat(HeaderNames.corsUnsafeRequestHeaderNames(list)).containsExactly("content-type", "x-a", "x-b");
        }

        @Test
        void safelistedValuesOver1024BytesInTotalMakeAllUnsafe() {
            HeaderList list = new HeaderList();
            for (int i = 0; i < 8; i++) {
                list.append("Accept", "a".repeat(128));
            }
            assertThat(HeaderNames.corsUnsafeRequestHeaderNames(list)).isEmpty();
            list.append("Accept-Language", "b");
            assertThat(HeaderNames.corsUnsafeRequestHeaderNames(list)).containsExactly("accept", "accept-language");
        }

        @Test
        void noCorsSafelistedAndPrivilegedNames() {
            assertThat(Header.isNoCorsSafelistedRequestHeader("Content-Type", "text/plain")).isTrue();
            assertThat(Header.isNoCorsSafelistedRequestHeader("Range", "bytes=0-")).isFalse();
            assertThat(HeaderNames.isPrivilegedNoCorsRequestHeaderName("RANGE")).isTrue();
            assertThat(HeaderNames.isNoCorsSafelistedRequestHeaderName("Accept-Language")).isTrue();
            assertThat(HeaderNames.isNoCorsSafelistedRequestHeaderName("X-Custom")).isFalse();
        }

        @Test
        void corsSafelistedResponseHeaderNames() {
            assertThat(HeaderNames.isCorsSafelistedResponseHeaderName("Content-Type", List.of())).isTrue();
            assertThat(HeaderNames.isCorsSafelistedResponseHeaderName("Pragma", List.of())).isTrue();
            assertThat(HeaderNames.isCorsSafelistedResponseHeaderName("X-Custom", List.of())).isFalse();
            assertThat(HeaderNames.isCorsSafelistedResponseHeaderName("X-Custom", List.of("x-custom"))).isTrue();
            assertThat(HeaderNames.isCorsSafelistedResponseHeaderName("Set-Cookie", List.of("set-cookie")))
                    .isFalse();
        }

        @Test
        void methods() {
            assertThat(Methods.normalize("get")).isEqualTo("GET");
            assertThat(Methods.normalize("dElEtE")).isEqualTo("DELETE");
            assertThat(Methods.normalize("options")).isEqualTo("OPTIONS");
            assertThat(Methods.normalize("patch")).isEqualTo("patch");
            assertThat(Methods.isForbidden("connect")).isTrue();
            assertThat(Methods.isForbidden("TrAcK")).isTrue();
            assertThat(Methods.isForbidden("PATCH")).isFalse();
            assertThat(Methods.isCorsSafelisted("POST")).isTrue();
            assertThat(Methods.isCorsSafelisted("post")).isFalse();
            assertThat(Methods.isCorsSafelisted("PUT")).isFalse();
            assertThat(Methods.isValid("M-SEARCH")).isTrue();
            assertThat(Methods.isValid("GET ")).isFalse();
            assertThat(Methods.isValid("")).isFalse();
        }
    }

    @Nested
    class HeadersClass {
        @Test
        void appendNormalizesAndGetCombines() {
            Headers headers = new Headers();
            headers.append("Accept", "  text/html\t");
            headers.append("accept", "*/*");
            assertThat(headers.get("ACCEPT")).isEqualTo("text/html, */*");
            assertThat(headers.has("accept")).isTrue();
            assertThat(headers.headerList().toList())
                    .containsExactly(new Header("Accept", "text/html"), new Header("Accept", "*/*"));
        }

        @Test
        void invalidNamesAndValuesAreTypeErrors() {
            Headers headers = new Headers();
            assertTypeError(() -> headers.append("a b", "x"), "invalid header name");
            assertTypeError(() -> headers.append("a", "x\u0000y"), "invalid header value");
            assertTypeError(() -> headers.set("a", "x\ny"), "invalid header value");
            assertTypeError(() -> headers.get(""), "invalid header name");
            assertTypeError(() -> headers.has("\u00e9"), "invalid header name");
            assertTypeError(() -> headers.delete("a:"), "invalid header name");
        }

        @Test
        void newlinesAtTheEdgesAreNormalizedAwayNotRejected() {
            Headers headers = new Headers();
            headers.append("a", "\nx\r\n");
            assertThat(headers.get("a")).isEqualTo("x");
        }

        @Test
        void immutableGuardThrowsOnEveryChange() {
            Headers headers = new Headers(HeaderList.of("a", "1"), Headers.Guard.IMMUTABLE);
            assertTypeError(() -> headers.append("b", "2"), "immutable");
            assertTypeError(() -> headers.set("a", "2"), "immutable");
            assertTypeError(() -> headers.delete("a"), "immutable");
            assertThat(headers.get("a")).isEqualTo("1");
        }

        @Test
        void requestGuardIgnoresForbiddenRequestHeaders() {
            Headers headers = new Headers(new HeaderList(), Headers.Guard.REQUEST);
            headers.append("Cookie", "a=b");
            headers.set("Sec-Fetch-Dest", "x");
            headers.append("X-HTTP-Method-Override", "TRACE");
            headers.append("X-HTTP-Method-Override", "PATCH");
            headers.append("Set-Cookie", "a=b");
            assertThat(headers.entries()).containsExactly(new Header("x-http-method-override", "PATCH"));
        }

        @Test
        void responseGuardIgnoresSetCookie() {
            Headers headers = new Headers(new HeaderList(), Headers.Guard.RESPONSE);
            headers.append("Set-Cookie", "a=b");
            headers.append("Cookie", "a=b");
            assertThat(headers.entries()).containsExactly(new Header("cookie", "a=b"));
        }

        @Test
        void requestNoCorsGuardOnlyAcceptsSafelistedHeaders() {
            Headers headers = new Headers(new HeaderList(), Headers.Guard.REQUEST_NO_CORS);
            headers.append("Accept", "text/html");
            headers.append("X-Custom", "1");
            headers.append("Content-Type", "application/json");
            headers.set("Content-Language", "en");
            headers.set("Range", "bytes=0-");
            assertThat(headers.entries()).containsExactly(
                    new Header("accept", "text/html"), new Header("content-language", "en"));
        }

        @Test
        void requestNoCorsGuardChecksTheCombinedValue() {
            Headers headers = new Headers(new HeaderList(), Headers.Guard.REQUEST_NO_CORS);
            headers.append("Accept", "a".repeat(100));
            // Combined with the first value it would exceed 128 bytes.
            headers.append("Accept", "b".repeat(30));
            assertThat(headers.get("Accept")).isEqualTo("a".repeat(100));
        }

        @Test
        void requestNoCorsGuardDeleteLeavesUnsafelistedNamesAlone() {
            HeaderList list = HeaderList.of("X-Custom", "1", "Accept", "x");
            Headers headers = new Headers(list, Headers.Guard.REQUEST_NO_CORS);
            headers.delete("X-Custom");
            headers.delete("Accept");
            assertThat(list.toList()).containsExactly(new Header("X-Custom", "1"));
        }

        @Test
        void requestNoCorsGuardRemovesRangeAfterAChange() {
            HeaderList list = HeaderList.of("Range", "bytes=0-");
            Headers headers = new Headers(list, Headers.Guard.REQUEST_NO_CORS);
            headers.append("Accept", "x");
            assertThat(list.contains("Range")).isFalse();
        }

        @Test
        void getSetCookieKeepsValuesApart() {
            Headers headers = Headers.of(List.of(new Header("Set-Cookie", "a=1, b"), new Header("set-cookie", "c=2")));
            assertThat(headers.getSetCookie()).containsExactly("a=1, b", "c=2");
            assertThat(headers.get("set-cookie")).isEqualTo("a=1, b, c=2");
            assertThat(new Headers().getSetCookie()).isEmpty();
        }

        @Test
        void iterationIsSortedAndCombined() {
            Headers headers = Headers.of(List.of(
                    new Header("B", "1"), new Header("a", "2"), new Header("b", "3")));
            assertThat(headers.entries()).containsExactly(new Header("a", "2"), new Header("b", "1, 3"));
        }

        @Test
        void setAndDelete() {
            Headers headers = Headers.of(List.of(new Header("a", "1"), new Header("A", "2")));
            headers.set("a", "3");
            assertThat(headers.get("a")).isEqualTo("3");
            headers.delete("A");
            assertThat(headers.has("a")).isFalse();
        }

        @Test
        void copyHasItsOwnListAndTheSameGuard() {
            Headers headers = new Headers(HeaderList.of("a", "1"), Headers.Guard.RESPONSE);
            Headers copy = headers.copy();
            copy.append("b", "2");
            assertThat(copy.guard()).isEqualTo(Headers.Guard.RESPONSE);
            assertThat(headers.has("b")).isFalse();
        }
    }
}
