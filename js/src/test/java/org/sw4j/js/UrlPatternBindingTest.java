package org.sw4j.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The URLPattern interface from JavaScript, with the URL Pattern Standard's examples. */
class UrlPatternBindingTest {
    private static final String HELPERS = """
            const attempt = (fn) => { try { return JSON.stringify(fn()); } catch (e) { return `${e.constructor.name}`; } };
            """;

    @TempDir
    Path dir;

    private List<String> output(String script) {
        return WorkerFixture.outputOf(dir, HELPERS + script);
    }

    @Test
    void theInterfaceLooksAsWebIdlDefinesIt() {
        assertThat(output("""
                const p = new URLPattern({ pathname: '/books/:id' });
                console.log(Object.prototype.toString.call(p), URLPattern.length, URLPattern.prototype.test.length,
                  URLPattern.prototype.exec.length);
                console.log(Object.keys(URLPattern.prototype).join());
                console.log(p.protocol, p.username, p.password, p.hostname, p.port, p.pathname, p.search, p.hash,
                  p.hasRegExpGroups);
                console.log(attempt(() => URLPattern({})), attempt(() => Object.getOwnPropertyDescriptor(
                  URLPattern.prototype, 'pathname').get.call({})), attempt(() => URLPattern.prototype.test.call({}, '')));
                console.log(Object.getOwnPropertyDescriptor(globalThis, 'URLPattern').enumerable);
                """)).containsExactly(
                "[object URLPattern] 0 0 0",
                "test,exec,protocol,username,password,hostname,port,pathname,search,hash,hasRegExpGroups",
                "* * * * * /books/:id * * false",
                "TypeError TypeError TypeError",
                "false");
    }

    @Test
    void theStandardsExamplesRunFromJavaScript() {
        assertThat(output("""
                // The standard's introduction.
                const pattern = new URLPattern({ pathname: '/books/:id' });
                console.log(pattern.test('https://example.com/books/123'), pattern.test('https://example.com/authors/1'));
                console.log(JSON.stringify(pattern.exec('https://example.com/books/123').pathname));
                // A constructor string with a base URL, and with an options dictionary.
                const relative = new URLPattern('/books/:id(\\\\d+)', 'https://example.com');
                console.log(relative.protocol, relative.hostname, relative.pathname, relative.hasRegExpGroups);
                console.log(relative.test('https://example.com/books/123'), relative.test('https://example.com/books/abc'));
                const insensitive = new URLPattern('https://example.com/Books/*', { ignoreCase: true });
                console.log(insensitive.test('https://example.com/books/1'), new URLPattern('https://example.com/Books/*')
                  .test('https://example.com/books/1'));
                const both = new URLPattern('/a/*', 'https://example.com', { ignoreCase: true });
                console.log(both.test('https://example.com/A/b'));
                // Optional groups that did not take part are undefined.
                const optional = new URLPattern({ pathname: '/product/:type?' });
                const result = optional.exec({ pathname: '/product' });
                console.log('type' in result.pathname.groups, result.pathname.groups.type === undefined,
                  JSON.stringify(result.inputs));
                // exec with a base URL: inputs keeps both strings.
                const r = pattern.exec('/books/7', 'https://example.com');
                console.log(JSON.stringify(r.inputs), r.pathname.groups.id, r.hostname.input, JSON.stringify(r.hash));
                console.log(pattern.exec('https://example.com/nope'), pattern.test(), new URLPattern().test('https://x/'));
                console.log(JSON.stringify(new URLPattern('https://:sub.example.com/*').exec('https://cdn.example.com/x')
                  .hostname.groups));
                """)).containsExactly(
                "true false",
                "{\"input\":\"/books/123\",\"groups\":{\"id\":\"123\"}}",
                "https example.com /books/:id(\\d+) true",
                "true false",
                "true false",
                "true",
                "true true [{\"pathname\":\"/product\"}]",
                "[\"/books/7\",\"https://example.com\"] 7 example.com {\"input\":\"\",\"groups\":{\"0\":\"\"}}",
                "null false true",
                "{\"sub\":\"cdn\"}");
    }

    @Test
    void badArgumentsAreTypeErrors() {
        assertThat(output("""
                console.log([
                  () => new URLPattern({ pathname: '/a' }, 'https://example.com'),
                  () => new URLPattern('/relative'),
                  () => new URLPattern('https://example.com/(unclosed'),
                  () => new URLPattern('https://example.com', 5),
                  () => new URLPattern({}, {}, {}),
                  () => new URLPattern('/a', 'https://example.com', 1),
                  () => new URLPattern({ pathname: '/a' }).test({ pathname: '/a' }, 'https://example.com'),
                  () => new URLPattern({ pathname: '/a' }).exec({}, 'https://example.com'),
                  () => new URLPattern(Symbol()),
                ].map(attempt).join());
                console.log(new URLPattern({ pathname: '/a' }).test('/a', 'not a url'),
                  new URLPattern({ pathname: '/a' }, undefined).test({ pathname: '/a' }));
                """)).containsExactly(
                "TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError",
                "false true");
    }
}
