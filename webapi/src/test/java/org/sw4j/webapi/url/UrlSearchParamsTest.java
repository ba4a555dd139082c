package org.sw4j.webapi.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code URLSearchParams} and the {@code application/x-www-form-urlencoded} format, from the standard's examples. */
class UrlSearchParamsTest {

    @Nested
    class Constructor {
        @Test
        void removesOneLeadingQuestionMark() {
            assertThat(new UrlSearchParams("?a=b").toString()).isEqualTo("a=b");
            assertThat(new UrlSearchParams("??a=b").toString()).isEqualTo("%3Fa=b");
        }

        @Test
        void emptyInit() {
            assertThat(new UrlSearchParams("").size()).isZero();
            assertThat(new UrlSearchParams("?").size()).isZero();
            assertThat(new UrlSearchParams().toString()).isEmpty();
        }

        @Test
        void fromRecordKeepsItsOrder() {
            Map<String, String> record = new LinkedHashMap<>();
            record.put("key", "730d67");
            record.put("a", "b c");
            assertThat(UrlSearchParams.of(record.entrySet()).toString()).isEqualTo("key=730d67&a=b+c");
        }

        @Test
        void fromSequenceOfPairsKeepsDuplicates() {
            UrlSearchParams params = UrlSearchParams.of(List.of(Map.entry("a", "1"), Map.entry("a", "2")));
            assertThat(params.getAll("a")).containsExactly("1", "2");
        }
    }

    @Nested
    class PlusAndPercentTwenty {
        @Test
        void plusAndPercentTwentyBothDecodeToSpace() {
            UrlSearchParams params = new UrlSearchParams("a=b+c&d=e%20f&g=h%2Bi");
            assertThat(params.get("a")).isEqualTo("b c");
            assertThat(params.get("d")).isEqualTo("e f");
            assertThat(params.get("g")).isEqualTo("h+i");
        }

        @Test
        void spaceSerializesAsPlusAndPlusAsPercent2B() {
            UrlSearchParams params = new UrlSearchParams();
            params.append("a b", "c d+e");
            assertThat(params.toString()).isEqualTo("a+b=c+d%2Be");
        }
    }

    @Nested
    class Methods {
        @Test
        void appendGetGetAllHas() {
            UrlSearchParams params = new UrlSearchParams("a=1");
            params.append("a", "2");
            params.append("b", "3");
            assertThat(params.get("a")).isEqualTo("1");
            assertThat(params.get("c")).isNull();
            assertThat(params.getAll("a")).containsExactly("1", "2");
            assertThat(params.getAll("c")).isEmpty();
            assertThat(params.has("b")).isTrue();
            assertThat(params.has("a", "2")).isTrue();
            assertThat(params.has("a", "3")).isFalse();
            assertThat(params.size()).isEqualTo(3);
        }

        @Test
        void deleteByNameOrByNameAndValue() {
            UrlSearchParams params = new UrlSearchParams("a=1&b=2&a=3&a=1");
            params.delete("a", "1");
            assertThat(params.toString()).isEqualTo("b=2&a=3");
            params.delete("a");
            assertThat(params.toString()).isEqualTo("b=2");
        }

        @Test
        void setReplacesTheFirstAndRemovesTheRest() {
            UrlSearchParams params = new UrlSearchParams("a=1&b=2&a=3");
            params.set("a", "4");
            assertThat(params.toString()).isEqualTo("a=4&b=2");
            params.set("c", "5");
            assertThat(params.toString()).isEqualTo("a=4&b=2&c=5");
        }

        @Test
        void sortIsStable() {
            UrlSearchParams params = new UrlSearchParams("z=b&a=b&z=a&a=a");
            params.sort();
            assertThat(params).containsExactly(entry("a", "b"), entry("a", "a"), entry("z", "b"), entry("z", "a"));
        }

        @Test
        void sortComparesUtf16CodeUnitsNotCodePoints() {
            // U+1F308 is the surrogate pair D83C DF08, which sorts before U+FB03 by code unit.
            UrlSearchParams params = new UrlSearchParams("\uFB03&\uD83C\uDF08");
            params.sort();
            assertThat(params).containsExactly(entry("\uD83C\uDF08", ""), entry("\uFB03", ""));

            UrlSearchParams replacement = new UrlSearchParams("\uFFFD=x&\uFFFC&\uFFFD=a");
            replacement.sort();
            assertThat(replacement).containsExactly(entry("\uFFFC", ""), entry("\uFFFD", "x"), entry("\uFFFD", "a"));
        }

        @Test
        void iterationSeesTheLiveList() {
            UrlSearchParams params = new UrlSearchParams("a=1&b=2&c=3");
            List<String> seen = new ArrayList<>();
            for (Map.Entry<String, String> tuple : params) {
                seen.add(tuple.getKey());
                if (tuple.getKey().equals("a")) {
                    params.delete("b");
                }
            }
            assertThat(seen).containsExactly("a", "c");
        }

        @Test
        void unpairedSurrogatesBecomeReplacementCharacters() {
            UrlSearchParams params = new UrlSearchParams();
            params.append("a\uD835", "x\uDC00");
            assertThat(params.toString()).isEqualTo("a%EF%BF%BD=x%EF%BF%BD");
            assertThat(params.get("a\uFFFD")).isEqualTo("x\uFFFD");
        }
    }

    @Nested
    class LinkageWithTheUrl {
        @Test
        void sortRewritesTheQueryInFormEncoding() {
            MutableUrl url = new MutableUrl("https://example.com/?a=b ~", null);
            assertThat(url.href()).isEqualTo("https://example.com/?a=b%20~");
            url.searchParams().sort();
            assertThat(url.href()).isEqualTo("https://example.com/?a=b+%7E");
        }

        @Test
        void queryAndParamsDecodeTheSame() {
            MutableUrl url = new MutableUrl("https://example.com/?a=~&b=%7E", null);
            assertThat(url.search()).isEqualTo("?a=~&b=%7E");
            assertThat(url.searchParams().get("a")).isEqualTo("~");
            assertThat(url.searchParams().get("b")).isEqualTo("~");
        }

        @Test
        void sortExampleFromTheStandard() {
            String rainbowFlag = "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08";
            MutableUrl url = new MutableUrl("https://example.org/?q=" + rainbowFlag + "&key=e1f7bc78", null);
            url.searchParams().sort();
            assertThat(url.search()).isEqualTo("?key=e1f7bc78&q=%F0%9F%8F%B3%EF%B8%8F%E2%80%8D%F0%9F%8C%88");
        }

        @Test
        void emptyingTheParamsRemovesTheQuery() {
            MutableUrl url = new MutableUrl("https://example.org/path?a=b#frag", null);
            url.searchParams().delete("a");
            assertThat(url.href()).isEqualTo("https://example.org/path#frag");
            url.searchParams().append("c", "d e");
            assertThat(url.href()).isEqualTo("https://example.org/path?c=d+e#frag");
        }

        @Test
        void searchSetterReplacesTheList() {
            MutableUrl url = new MutableUrl("https://example.org/?a=b", null);
            UrlSearchParams params = url.searchParams();
            url.setSearch("?x=1&y=2");
            assertThat(url.searchParams()).isSameAs(params);
            assertThat(params).containsExactly(entry("x", "1"), entry("y", "2"));
            url.setSearch("");
            assertThat(params.size()).isZero();
            assertThat(url.href()).isEqualTo("https://example.org/");
        }

        @Test
        void hrefSetterReplacesTheList() {
            MutableUrl url = new MutableUrl("https://example.org/?a=b", null);
            url.setHref("https://example.org/other?c=d");
            assertThat(url.searchParams()).containsExactly(entry("c", "d"));
            url.setHref("https://example.org/");
            assertThat(url.searchParams().size()).isZero();
        }

        @Test
        void paramsOfAnImmutableUrlAreACopy() {
            Url url = Url.parse("https://example.org/?a=b");
            UrlSearchParams params = url.searchParams();
            params.append("c", "d");
            assertThat(url.href()).isEqualTo("https://example.org/?a=b");
            assertThat(url.withSearchParams(params).href()).isEqualTo("https://example.org/?a=b&c=d");
            assertThat(url.withSearchParams(new UrlSearchParams()).href()).isEqualTo("https://example.org/");
        }
    }

    /** The vectors of web-platform-tests' {@code url/urlencoded-parser.any.js}. */
    static Stream<Arguments> urlencodedParserCases() {
        return Stream.of(
                Arguments.of("test", List.of(entry("test", ""))),
                Arguments.of("\uFEFFtest=\uFEFF", List.of(entry("\uFEFFtest", "\uFEFF"))),
                Arguments.of("%EF%BB%BFtest=%EF%BB%BF", List.of(entry("\uFEFFtest", "\uFEFF"))),
                Arguments.of("%EF%BF%BF=%EF%BF%BF", List.of(entry("\uFFFF", "\uFFFF"))),
                Arguments.of("%FE%FF", List.of(entry("\uFFFD\uFFFD", ""))),
                Arguments.of("%FF%FE", List.of(entry("\uFFFD\uFFFD", ""))),
                Arguments.of("\u2020&\u2020=x", List.of(entry("\u2020", ""), entry("\u2020", "x"))),
                Arguments.of("%C2", List.of(entry("\uFFFD", ""))),
                Arguments.of("%C2x", List.of(entry("\uFFFDx", ""))),
                Arguments.of("_charset_=windows-1252&test=%C2x",
                        List.of(entry("_charset_", "windows-1252"), entry("test", "\uFFFDx"))),
                Arguments.of("", List.of()),
                Arguments.of("a", List.of(entry("a", ""))),
                Arguments.of("a=b", List.of(entry("a", "b"))),
                Arguments.of("a=", List.of(entry("a", ""))),
                Arguments.of("=b", List.of(entry("", "b"))),
                Arguments.of("&", List.of()),
                Arguments.of("&a", List.of(entry("a", ""))),
                Arguments.of("a&", List.of(entry("a", ""))),
                Arguments.of("a&a", List.of(entry("a", ""), entry("a", ""))),
                Arguments.of("a&b&c", List.of(entry("a", ""), entry("b", ""), entry("c", ""))),
                Arguments.of("a=b&c=d", List.of(entry("a", "b"), entry("c", "d"))),
                Arguments.of("a=b&c=d&", List.of(entry("a", "b"), entry("c", "d"))),
                Arguments.of("&&&a=b&&&&c=d&", List.of(entry("a", "b"), entry("c", "d"))),
                Arguments.of("a=a&a=b&a=c", List.of(entry("a", "a"), entry("a", "b"), entry("a", "c"))),
                Arguments.of("a==a", List.of(entry("a", "=a"))),
                Arguments.of("a=a+b+c+d", List.of(entry("a", "a b c d"))),
                Arguments.of("%=a", List.of(entry("%", "a"))),
                Arguments.of("%a=a", List.of(entry("%a", "a"))),
                Arguments.of("%a_=a", List.of(entry("%a_", "a"))),
                Arguments.of("%61=a", List.of(entry("a", "a"))),
                Arguments.of("%61+%4d%4D=", List.of(entry("a MM", ""))),
                Arguments.of("id=0&value=%", List.of(entry("id", "0"), entry("value", "%"))),
                Arguments.of("b=%2sf%2a", List.of(entry("b", "%2sf*"))),
                Arguments.of("b=%2%2af%2a", List.of(entry("b", "%2*f*"))),
                Arguments.of("b=%%2a", List.of(entry("b", "%*"))));
    }

    @ParameterizedTest(name = "parse \"{0}\"")
    @MethodSource("urlencodedParserCases")
    void urlencodedParser(String input, List<Map.Entry<String, String>> output) {
        assertThat(new UrlSearchParams(input)).containsExactlyElementsOf(output);
    }

    /** Serializations from web-platform-tests' {@code url/urlsearchparams-stringifier.any.js}. */
    static Stream<Arguments> serializerCases() {
        return Stream.of(
                Arguments.of("a", "b c", "a=b+c"),
                Arguments.of("a b", "c", "a+b=c"),
                Arguments.of("a", "", "a="),
                Arguments.of("", "b", "=b"),
                Arguments.of("a", "b=c", "a=b%3Dc"),
                Arguments.of("a", "b&c", "a=b%26c"),
                Arguments.of("a", "\0", "a=%00"),
                Arguments.of("a", "\uD83D\uDCA9", "a=%F0%9F%92%A9"),
                Arguments.of("a", "+%", "a=%2B%25"),
                Arguments.of("a", "*-._", "a=*-._"),
                Arguments.of("a", "!'()~", "a=%21%27%28%29%7E"),
                Arguments.of("a", "\u00E9", "a=%C3%A9"));
    }

    @ParameterizedTest(name = "serialize ({0}, {1})")
    @MethodSource("serializerCases")
    void urlencodedSerializer(String name, String value, String serialized) {
        UrlSearchParams params = new UrlSearchParams();
        params.append(name, value);
        assertThat(params.toString()).isEqualTo(serialized);
        assertThat(new UrlSearchParams(serialized).get(name)).isEqualTo(value);
    }
}
