package org.sw4j.js.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.js.WorkerFixture;

/** The Headers class from JavaScript (Fetch Standard, "Headers class"). */
class HeadersTest {
    static final String HELPERS = """
            const attempt = (fn) => { try { return String(fn()); } catch (e) { return `${e.constructor.name}: ${e.message}`; } };
            const list = (headers) => JSON.stringify([...headers]);
            """;

    @TempDir
    Path dir;

    private List<String> output(String script) {
        return WorkerFixture.outputOf(dir, HELPERS + script);
    }

    @Test
    void constructsFromRecordsSequencesAndHeaders() {
        assertThat(output("""
                console.log(list(new Headers({ 'Content-Type': 'text/html', Accept: '*/*' })));
                console.log(list(new Headers([['a', '1'], ['A', '2'], ['b', ' padded\\t']])));
                const original = new Headers([['x', '1'], ['set-cookie', 'a=1'], ['set-cookie', 'b=2']]);
                console.log(list(new Headers(original)));
                console.log(attempt(() => new Headers([['a']])));
                console.log(attempt(() => new Headers(5)));
                console.log(attempt(() => new Headers({ 'bad name': 'x' })));
                console.log(attempt(() => new Headers({ a: 'caf\\u00e9\\u20ac' })));
                console.log(attempt(() => new Headers({ a: 'line\\nbreak' })));
                """)).containsExactly(
                "[[\"accept\",\"*/*\"],[\"content-type\",\"text/html\"]]",
                "[[\"a\",\"1, 2\"],[\"b\",\"padded\"]]",
                "[[\"set-cookie\",\"a=1\"],[\"set-cookie\",\"b=2\"],[\"x\",\"1\"]]",
                "TypeError: Failed to construct 'Headers': Invalid value (a header pair must have exactly two items, not 1)",
                "TypeError: Failed to construct 'Headers': The provided value is not of type '(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'.",
                "TypeError: Headers.append: \"bad name\" is an invalid header name.",
                "TypeError: Failed to construct 'Headers': String contains non ISO-8859-1 code point.",
                "TypeError: Headers.append: \"line\nbreak\" is an invalid header value.");
    }

    @Test
    void methodsFollowTheSpec() {
        assertThat(output("""
                const h = new Headers();
                h.append('Accept', 'text/html');
                h.append('accept', 'application/json');
                console.log(h.get('ACCEPT'), h.has('accept'), h.get('missing'));
                h.set('Accept', 'x');
                console.log(h.get('accept'));
                h.delete('accept');
                console.log(h.has('accept'), list(h));
                h.append('Set-Cookie', 'a=1');
                h.append('Set-Cookie', 'b=2');
                console.log(JSON.stringify(h.getSetCookie()), h.get('set-cookie'));
                const seen = [];
                h.forEach((value, name, target) => seen.push(`${name}=${value}:${target === h}`));
                console.log(seen.join(' '));
                console.log(attempt(() => h.append('a')));
                console.log(Object.prototype.toString.call(h), Object.prototype.toString.call(h.entries()));
                console.log(typeof h[Symbol.iterator], h[Symbol.iterator] === h.entries);
                """)).containsExactly(
                "text/html, application/json true null",
                "x",
                "false []",
                "[\"a=1\",\"b=2\"] a=1, b=2",
                "set-cookie=a=1:true set-cookie=b=2:true",
                "TypeError: Failed to execute 'append' on 'Headers': 2 arguments required, but only 1 present.",
                "[object Headers] [object Headers Iterator]",
                "function true");
    }

    @Test
    void iterationSeesChangesMadeDuringIt() {
        assertThat(output("""
                const h = new Headers({ b: '2', a: '1' });
                const names = [];
                for (const [name] of h) {
                  names.push(name);
                  if (name === 'a') h.append('c', '3');
                }
                console.log(names.join(','));
                """)).containsExactly("a,b,c");
    }

    @Test
    void guardsOfRequestsAndResponsesApply() {
        assertThat(output("""
                const request = new Request('http://localhost/x', { headers: { 'X-Ok': '1', Host: 'evil' } });
                console.log(request.headers.get('x-ok'), request.headers.has('host'));
                const noCors = new Request('http://localhost/x', { mode: 'no-cors', headers: { 'Accept': 'a', 'X-Custom': 'y' } });
                console.log(list(noCors.headers));
                const error = Response.error();
                console.log(attempt(() => error.headers.set('a', 'b')));
                const response = new Response('', { headers: { 'Set-Cookie': 'a=1', 'X-A': 'b' } });
                console.log(list(response.headers));
                """)).containsExactly(
                "1 false",
                "[[\"accept\",\"a\"]]",
                "TypeError: Headers.set: Headers are immutable and cannot be modified.",
                // A response's guard drops Set-Cookie, a forbidden response-header name.
                "[[\"content-type\",\"text/plain;charset=UTF-8\"],[\"x-a\",\"b\"]]");
    }
}
