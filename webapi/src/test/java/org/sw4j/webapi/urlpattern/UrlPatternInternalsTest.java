package org.sw4j.webapi.urlpattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sw4j.webapi.error.WebError;

class UrlPatternInternalsTest {

    @Test
    void tokenizeStrictAndLenient() {
        List<Token> tokens = Tokenizer.tokenize("/:foo(\\d+)?*{x}\\+", Token.Policy.STRICT);
        assertThat(tokens).extracting(Token::type).containsExactly(Token.Type.CHAR, Token.Type.NAME,
                Token.Type.REGEXP, Token.Type.OTHER_MODIFIER, Token.Type.ASTERISK, Token.Type.OPEN, Token.Type.CHAR,
                Token.Type.CLOSE, Token.Type.ESCAPED_CHAR, Token.Type.END);
        assertThat(tokens.get(1).value()).isEqualTo("foo");
        assertThat(tokens.get(2).value()).isEqualTo("\\d+");
        assertThat(tokens.get(8).value()).isEqualTo("+");
        assertThatThrownBy(() -> Tokenizer.tokenize("/:", Token.Policy.STRICT)).isInstanceOf(WebError.class);
        List<Token> lenient = Tokenizer.tokenize("a:", Token.Policy.LENIENT);
        assertThat(lenient).extracting(Token::type).containsExactly(Token.Type.CHAR, Token.Type.INVALID_CHAR,
                Token.Type.END);
    }

    @Test
    void parseAPatternString() {
        List<Part> parts = PatternParser.parse("/:foo(bar)?/{a:b(c)d}+/*", PatternOptions.PATHNAME,
                Canonicalizer::pathname);
        assertThat(parts).containsExactly(
                new Part(Part.Type.REGEXP, "bar", Part.Modifier.OPTIONAL, "foo", "/", ""),
                Part.fixedText("/", Part.Modifier.NONE),
                new Part(Part.Type.REGEXP, "c", Part.Modifier.ONE_OR_MORE, "b", "a", "d"),
                new Part(Part.Type.FULL_WILDCARD, "", Part.Modifier.NONE, "0", "/", ""));
    }

    @Test
    void generateARegularExpressionAndNameList() {
        List<Part> parts = PatternParser.parse("/books/:id/:rest*", PatternOptions.PATHNAME,
                Canonicalizer::pathname);
        RegexpGenerator.Generated generated = RegexpGenerator.generate(parts, PatternOptions.PATHNAME);
        assertThat(generated.ecmaScriptSource())
                .isEqualTo("^\\/books(?:\\/([^\\/]+?))(?:\\/((?:[^\\/]+?)(?:\\/(?:[^\\/]+?))*))?$");
        assertThat(generated.javaSource()).endsWith("\\z");
        assertThat(generated.nameList()).containsExactly("id", "rest");
        List<Part> any = PatternParser.parse(":x", PatternOptions.DEFAULT, s -> s);
        assertThat(RegexpGenerator.generate(any, PatternOptions.DEFAULT).ecmaScriptSource()).isEqualTo("^([^]+?)$");
        assertThat(RegexpGenerator.generate(any, PatternOptions.DEFAULT).javaSource()).isEqualTo("^((?s:.)+?)\\z");
    }

    @Test
    void generateAPatternStringRoundTrips() {
        for (String pattern : List.of("/:foo(bar)?", "/{a:b(c)d}+", "/*", "/:id\\x", "{:a}{:b}")) {
            List<Part> parts = PatternParser.parse(pattern, PatternOptions.PATHNAME, s -> s);
            String generated = PatternStringGenerator.generate(parts, PatternOptions.PATHNAME);
            assertThat(PatternParser.parse(generated, PatternOptions.PATHNAME, s -> s)).as(pattern).isEqualTo(parts);
        }
        assertThat(new UrlPattern(UrlPatternInit.EMPTY.withPathname("/:id(\\d+)")).pathname())
                .isEqualTo("/:id(\\d+)");
        assertThat(new UrlPattern(UrlPatternInit.EMPTY.withPathname("/(.*)")).pathname()).isEqualTo("/*");
        assertThat(new UrlPattern(UrlPatternInit.EMPTY.withPathname("/:a([^\\/]+?)")).pathname())
                .isEqualTo("/:a");
    }

    @Test
    void parseAConstructorString() {
        // ":pw" would be a named group: the password separator must be escaped.
        assertThat(ConstructorStringParser.parse("https://user\\:pw@example.com:8080/p/x?q=1#h"))
                .isEqualTo(new UrlPatternInit("https", "user", "pw", "example.com", "8080", "/p/x", "q=1", "h",
                        null));
        assertThat(ConstructorStringParser.parse("https://user:pw@example.com/").username()).isEqualTo("user:pw");
        assertThat(ConstructorStringParser.parse("https://example.com"))
                .isEqualTo(new UrlPatternInit("https", null, null, "example.com", "", null, null, null, null));
        assertThat(ConstructorStringParser.parse("https://example.com?q"))
                .isEqualTo(new UrlPatternInit("https", null, null, "example.com", "", "/", "q", null, null));
        assertThat(ConstructorStringParser.parse("/foo?bar#baz"))
                .isEqualTo(new UrlPatternInit(null, null, null, null, null, "/foo", "bar", "baz", null));
        assertThat(ConstructorStringParser.parse("#frag"))
                .isEqualTo(new UrlPatternInit(null, null, null, null, null, null, null, "frag", null));
        // A named group in the hostname is not mistaken for a port.
        assertThat(ConstructorStringParser.parse("https://:sub.example.com:8080/").hostname())
                .isEqualTo(":sub.example.com");
        // A "?" after a name is a modifier, not the search prefix.
        assertThat(ConstructorStringParser.parse("https://example.com/:id?").pathname()).isEqualTo("/:id?");
        // ":text" is a named group, so the pattern is relative; escaping the ":" makes it a protocol.
        assertThat(ConstructorStringParser.parse("data:text/plain,*").protocol()).isNull();
        assertThat(ConstructorStringParser.parse("data\\:text/plain,*"))
                .isEqualTo(new UrlPatternInit("data", null, null, "", "", "text/plain,*", null, null, null));
        assertThat(ConstructorStringParser.parse("http://[::1]:8080/").hostname()).isEqualTo("[::1]");
    }

    @Test
    void translateEcmaScriptRegexps() {
        assertThat(EcmaRegexpTranslator.translate("\\d+")).isEqualTo("\\d+");
        assertThat(EcmaRegexpTranslator.translate("a|b")).isEqualTo("a|b");
        assertThat(EcmaRegexpTranslator.translate("x$")).isEqualTo("x\\z");
        assertThat(EcmaRegexpTranslator.translate("[a-z]{2,3}?")).isEqualTo("[a-z]{2,3}?");
        for (String invalid : List.of("a{", "*a", "a**", "[(]", "[a&&&b]", "\\q", "(?<n>a)", "\\1", "\\k<n>",
                "(?=a)*", "[z-a]", "\\p{Foo}", "a{3,1}", "(?i:a)")) {
            assertThatThrownBy(() -> EcmaRegexpTranslator.translate(invalid)).as(invalid)
                    .isInstanceOfSatisfying(WebError.class, e -> assertThat(e.jsName()).isEqualTo("TypeError"));
        }
    }

    @Test
    void translatedRegexpsMatchLikeEcmaScript() {
        UrlPattern spaces = new UrlPattern(UrlPatternInit.EMPTY.withSearch("q=(\\s+)"));
        // ECMAScript's \s includes U+00A0; canonical search strings are percent-encoded, so test on raw init.
        assertThat(spaces.test(UrlPatternInit.EMPTY.withSearch("q=%20"))).isFalse();
        UrlPattern classes = new UrlPattern(UrlPatternInit.EMPTY.withPathname("/([[a-z]--[aeiou]]+)"));
        assertThat(classes.test(UrlPatternInit.EMPTY.withPathname("/xyz"))).isTrue();
        assertThat(classes.test(UrlPatternInit.EMPTY.withPathname("/xaz"))).isFalse();
        UrlPattern dot = new UrlPattern(UrlPatternInit.EMPTY.withHash("(a.c)"));
        assertThat(dot.test(UrlPatternInit.EMPTY.withHash("abc"))).isTrue();
        UrlPattern lookahead = new UrlPattern(UrlPatternInit.EMPTY.withPathname("/((?!admin)[a-z]+)"));
        assertThat(lookahead.test(UrlPatternInit.EMPTY.withPathname("/users"))).isTrue();
        assertThat(lookahead.test(UrlPatternInit.EMPTY.withPathname("/admin"))).isFalse();
    }

    @Test
    void canonicalization() {
        assertThat(new UrlPattern(UrlPatternInit.EMPTY.withHostname("EXAMPLE.com")).hostname())
                .isEqualTo("example.com");
        assertThat(new UrlPattern(UrlPatternInit.EMPTY.withPathname("/caf\u00e9/:x")).pathname())
                .isEqualTo("/caf%C3%A9/:x");
        assertThat(new UrlPattern(UrlPatternInit.EMPTY.withProtocol("HTTPS:")).protocol()).isEqualTo("https");
        assertThat(new UrlPattern(UrlPatternInit.EMPTY.withSearch("?a b")).search()).isEqualTo("a%20b");
        assertThat(new UrlPattern(UrlPatternInit.EMPTY.withHostname("[\\:\\:AB]")).hostname())
                .isEqualTo("[\\:\\:ab]");
        assertThatThrownBy(() -> new UrlPattern(UrlPatternInit.EMPTY.withHostname("[\\:\\:xy]")))
                .isInstanceOf(WebError.class);
        UrlPattern pattern = new UrlPattern(UrlPatternInit.EMPTY.withPathname("/caf\u00e9"));
        assertThat(pattern.test(UrlPatternInit.EMPTY.withPathname("/caf\u00e9"))).isTrue();
        assertThat(pattern.test("https://x/caf%C3%A9")).isTrue();
    }
}
