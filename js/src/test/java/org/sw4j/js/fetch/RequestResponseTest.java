package org.sw4j.js.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.js.WorkerFixture;

/** Request, Response and the Body mixin from JavaScript (Fetch Standard, "Fetch API"). */
class RequestResponseTest {
    static final String HELPERS = """
            const attempt = (fn) => { try { return String(fn()); } catch (e) { return `${e.constructor.name}: ${e.message}`; } };
            const settle = (promise) => promise.then((v) => String(v), (e) => `${e.constructor.name}: ${e.message}`);
            const run = (fn) => fn().catch((e) => console.log('FAILED', e && e.stack || e));
            """;

    @TempDir
    Path dir;

    private List<String> output(String script) {
        return WorkerFixture.outputOf(dir, HELPERS + script);
    }

    @Test
    void requestDefaultsAndInitMembers() {
        assertThat(output("""
                const r = new Request('/path?q#frag');
                console.log(r.url, r.method, r.mode, r.credentials, r.cache, r.redirect, r.destination);
                console.log(JSON.stringify(r.referrer), JSON.stringify(r.referrerPolicy), r.integrity, r.keepalive, r.duplex);
                console.log(r.signal instanceof AbortSignal, r.signal.aborted, r.body, r.bodyUsed);
                const p = new Request('http://example.com/', { method: 'post', body: 'hi', mode: 'same-origin',
                  credentials: 'omit', cache: 'no-store', redirect: 'manual', referrerPolicy: 'no-referrer', integrity: 'sha256-x' });
                console.log(p.method, p.mode, p.credentials, p.cache, p.redirect, p.referrerPolicy, p.integrity, p.headers.get('content-type'));
                console.log(new Request('http://x/', { method: 'patch' }).method, new Request('http://x/', { method: 'Delete' }).method);
                console.log(attempt(() => new Request('http://x/', { method: 'CONNECT' })));
                console.log(attempt(() => new Request('http://x/', { method: 'GET', body: 'x' })));
                console.log(attempt(() => new Request('http://x/', { mode: 'navigate' })));
                console.log(attempt(() => new Request('http://u:p@x/')));
                console.log(attempt(() => new Request('http://[')));
                console.log(attempt(() => new Request('http://x/', { cache: 'bogus' })));
                console.log(attempt(() => new Request('http://x/', { mode: 'no-cors', method: 'PUT' })));
                console.log(attempt(() => new Request('http://x/', { cache: 'only-if-cached' })));
                console.log(attempt(() => new Request('http://x/', { method: 'POST', body: new ReadableStream() })));
                console.log(new Request('http://x/', { method: 'POST', body: new ReadableStream(), duplex: 'half' }).body instanceof ReadableStream);
                """)).containsExactly(
                "http://localhost/path?q#frag GET cors same-origin default follow ",
                "\"about:client\" \"\"  false half",
                "true false null false",
                "POST same-origin omit no-store manual no-referrer sha256-x text/plain;charset=UTF-8",
                "patch DELETE",
                "TypeError: Failed to construct 'Request': 'CONNECT' HTTP method is unsupported.",
                "TypeError: Failed to construct 'Request': Request with GET/HEAD method cannot have body.",
                "TypeError: Failed to construct 'Request': Cannot construct a Request with a RequestInit whose mode member is set as 'navigate'.",
                "TypeError: Failed to construct 'Request': Request cannot be constructed from a URL that includes credentials: http://u:p@x/",
                "TypeError: Failed to construct 'Request': Failed to parse URL from http://[",
                "TypeError: Failed to construct 'Request': The provided value 'bogus' is not a valid enum value of type RequestCache.",
                "TypeError: Failed to construct 'Request': 'PUT' is unsupported in no-cors mode.",
                "TypeError: Failed to construct 'Request': 'only-if-cached' can be set only with 'same-origin' mode",
                "TypeError: Failed to construct 'Request': The duplex member must be specified for a request with a streaming body",
                "true");
    }

    @Test
    void bodiesAreReadOnceInEveryForm() {
        assertThat(output("""
                run(async () => {
                  console.log(await new Response('héllo').text(), await new Response('{"a":[1]}').json().then(JSON.stringify));
                  const bytes = await new Response(new Uint8Array([1, 2, 3])).arrayBuffer();
                  console.log(bytes instanceof ArrayBuffer, bytes.byteLength, new Uint8Array(bytes).join());
                  console.log((await new Response('ab').bytes()).join());
                  const blob = await new Response('xyz', { headers: { 'Content-Type': 'Text/Plain;Charset=UTF-8' } }).blob();
                  console.log(blob instanceof Blob, blob.size, blob.type, await blob.text());
                  const r = new Response('once');
                  console.log(r.bodyUsed, await r.text(), r.bodyUsed, await settle(r.text()));
                  console.log(await settle(new Response('{bad').json()));
                  const stream = new ReadableStream({ start(c) { c.enqueue(new Uint8Array([104, 105])); c.close(); } });
                  const fromStream = new Response(stream);
                  console.log(fromStream.body === stream, await fromStream.text(), fromStream.bodyUsed);
                  const params = new Response(new URLSearchParams('a=1&b=2'));
                  console.log(params.headers.get('content-type'), await params.text());
                  const b = new Response(new Blob(['x'], { type: 'image/png' }));
                  console.log(b.headers.get('content-type'));
                  const empty = new Response();
                  console.log(empty.body, await empty.text() === '', empty.bodyUsed);
                  const viewed = new Response('data');
                  const reader = viewed.body.getReader();
                  console.log(viewed.bodyUsed, await settle(viewed.text()));
                  const chunk = await reader.read();
                  console.log(chunk.value.length, viewed.bodyUsed);
                });
                """)).containsExactly(
                "héllo {\"a\":[1]}",
                "true 3 1,2,3",
                "97,98",
                "true 3 text/plain;charset=UTF-8 xyz",
                "false once true TypeError: Failed to execute 'text' on 'Response': body stream already read",
                "SyntaxError: Unexpected token b in JSON at position 1",
                "true hi true",
                "application/x-www-form-urlencoded;charset=UTF-8 a=1&b=2",
                "image/png",
                "null true false",
                "false TypeError: Failed to execute 'text' on 'Response': body stream already read",
                "4 true");
    }

    @Test
    void formDataRoundTripsThroughBodies() {
        assertThat(output("""
                run(async () => {
                  const form = new FormData();
                  form.append('name', 'line1\\nline2');
                  form.append('file', new Blob(['content'], { type: 'text/csv' }), 'data.csv');
                  form.append('blob', new Blob(['b']));
                  const response = new Response(form);
                  const type = response.headers.get('content-type');
                  console.log(type.startsWith('multipart/form-data; boundary='));
                  const parsed = await response.formData();
                  for (const [name, value] of parsed) {
                    console.log(name, typeof value === 'string' ? JSON.stringify(value)
                      : `${value.constructor.name} ${value.name} ${value.type} ${await value.text()}`);
                  }
                  const url = await new Response('a=1&a=2&b=%20', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }).formData();
                  console.log(JSON.stringify([...url]));
                  console.log(await settle(new Response('x').formData()));
                  console.log(attempt(() => new FormData({})));
                  form.set('name', 'one');
                  console.log(form.getAll('name').join(), form.has('blob'), form.get('missing'));
                  form.delete('blob');
                  console.log([...form.keys()].join());
                });
                """)).containsExactly(
                "true",
                "name \"line1\\r\\nline2\"",
                "file File data.csv text/csv content",
                "blob File blob application/octet-stream b",
                "[[\"a\",\"1\"],[\"a\",\"2\"],[\"b\",\" \"]]",
                "TypeError: Failed to execute 'formData': the body's Content-Type 'text/plain;charset=UTF-8' is neither multipart/form-data nor application/x-www-form-urlencoded",
                "TypeError: Failed to construct 'FormData': parameter 1 is not of type 'HTMLFormElement'.",
                "one true null",
                "name,file");
    }

    @Test
    void responseConstructorAndStatics() {
        assertThat(output("""
                run(async () => {
                  const r = new Response('x', { status: 201, statusText: 'Created', headers: { 'X-A': '1' } });
                  console.log(r.status, r.ok, r.statusText, r.type, JSON.stringify(r.url), r.redirected, r.headers.get('x-a'));
                  console.log(attempt(() => new Response('x', { status: 99 })));
                  console.log(attempt(() => new Response('x', { status: 204 })));
                  console.log(attempt(() => new Response('x', { statusText: 'bad\\n' })));
                  console.log(new Response(null, { status: 204 }).status);
                  const e = Response.error();
                  console.log(e.type, e.status, e.ok, e.body);
                  const red = Response.redirect('/next', 307);
                  console.log(red.status, red.headers.get('location'), red.body);
                  console.log(attempt(() => Response.redirect('/next', 200)));
                  const json = Response.json({ a: 1 }, { status: 202 });
                  console.log(json.status, json.headers.get('content-type'), await json.text());
                  console.log(attempt(() => Response.json(undefined)));
                });
                """)).containsExactly(
                "201 true Created default \"\" false 1",
                "RangeError: Failed to construct 'Response': The status provided (99) is outside the range [200, 599].",
                "TypeError: Failed to construct 'Response': Response with null body status cannot have body",
                "TypeError: Failed to construct 'Response': Invalid statusText",
                "204",
                "error 0 false null",
                "307 http://localhost/next null",
                "RangeError: Failed to execute 'redirect' on 'Response': Invalid status code 200",
                "202 application/json {\"a\":1}",
                "TypeError: Failed to execute 'json' on 'Response': The data is not JSON serializable");
    }

    @Test
    void clonesHaveIndependentBodies() {
        assertThat(output("""
                run(async () => {
                  const r = new Response('shared', { headers: { 'X-A': '1' } });
                  const c = r.clone();
                  c.headers.append('X-B', '2');
                  console.log(await r.text(), await c.text(), r.headers.has('x-b'));
                  const s = new Response(new ReadableStream({ start(ctl) { ctl.enqueue(new Uint8Array([65])); ctl.close(); } }));
                  const sc = s.clone();
                  console.log(await s.text(), await sc.text());
                  const used = new Response('x');
                  await used.text();
                  console.log(attempt(() => used.clone()));
                  const req = new Request('http://x/', { method: 'POST', body: 'payload' });
                  const rc = req.clone();
                  const rc2 = rc.clone();
                  console.log(await req.text(), await rc.text(), rc.method, rc.url);
                  const moved = new Request(rc2);
                  console.log(await moved.text());
                  const source = new Request('http://x/', { method: 'POST', body: 'move me' });
                  const target = new Request(source);
                  console.log(source.bodyUsed, await target.text());
                });
                """)).containsExactly(
                "shared shared false",
                "A A",
                "TypeError: Failed to execute 'clone' on 'Response': Response body is already used",
                "payload payload POST http://x/",
                "payload",
                "true move me");
    }
}
