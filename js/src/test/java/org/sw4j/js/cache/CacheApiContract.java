package org.sw4j.js.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.core.spi.cache.CacheStore;
import org.sw4j.js.WorkerFixture;
import org.sw4j.js.WorkerLimits;
import org.sw4j.network.HttpFetcher;
import org.sw4j.network.NetworkClient;
import org.sw4j.network.TestOrigin;

/**
 * The Cache API from scripts in the worker scope, against a real store (one subclass per store) and
 * a real origin on 127.0.0.1 for add/addAll. Each test is one script; its console lines are the
 * observations.
 */
abstract class CacheApiContract {
    static final long QUOTA = 4L * 1024 * 1024;
    static final String HELPERS = """
            const settle = (promise) => promise.then((v) => String(v), (e) => `${e.name}: ${e.message}`);
            const run = (fn) => fn().catch((e) => console.log('FAILED', e && e.stack || e));
            const names = async (cache) => (await cache.keys()).map((r) => r.url.replace(/^https?:\\/\\/[^/]+/, '')).join(' ');
            """;

    @TempDir
    Path dir;
    TestOrigin origin;
    TestOrigin other;
    NetworkClient client;
    CacheStore store;
    WorkerFixture fixture;

    /** A new, empty store in {@code dir} (a directory of its own) whose quota per origin is {@code quota}. */
    abstract CacheStore newStore(Path dir, long quota) throws Exception;

    @BeforeEach
    void start() throws Exception {
        origin = new TestOrigin();
        other = new TestOrigin();
        client = NetworkClient.builder().build();
        store = newStore(Files.createDirectories(dir.resolve("store")), QUOTA);
        fixture = newFixture(origin.origin());
    }

    WorkerFixture newFixture(String scriptOrigin) throws Exception {
        return new WorkerFixture(Files.createDirectories(dir.resolve("scripts")), WorkerLimits.DEFAULT,
                HttpFetcher.builder(client).build(), scriptOrigin, store);
    }

    @AfterEach
    void stop() {
        fixture.close();
        store.close();
        client.close();
        origin.close();
        other.close();
    }

    List<String> output(String script) {
        return output(fixture, script);
    }

    static List<String> output(WorkerFixture fixture, String script) {
        fixture.run(HELPERS + script);
        assertThat(fixture.uncaught()).isEmpty();
        return fixture.output();
    }

    @Test
    void cacheStorageOpensHasDeletesAndListsInCreationOrder() {
        assertThat(output("""
                run(async () => {
                  console.log(caches instanceof CacheStorage, self.caches === caches, await caches.has('b'));
                  const b = await caches.open('b');
                  await caches.open('a');
                  await caches.open('c');
                  const again = await caches.open('b');
                  console.log(b instanceof Cache, b === again, (await caches.keys()).join());
                  console.log(await caches.has('b'), await caches.delete('b'), await caches.delete('b'), await caches.has('b'));
                  await caches.open('b');
                  console.log((await caches.keys()).join());
                  console.log(await settle(caches.open()), typeof CacheStorage.prototype.open);
                  try { new Cache(); } catch (e) { console.log(e.name); }
                });
                """)).containsExactly(
                "true true false",
                "true false b,a,c",
                "true true false false",
                "a,c,b",
                "TypeError: Failed to execute 'open' on 'CacheStorage': 1 argument required, but only 0 present. function",
                "TypeError");
    }

    @Test
    void putThenMatchKeepsEverythingButTheRequestBody() {
        assertThat(output("""
                run(async () => {
                  const cache = await caches.open('v1');
                  const request = new Request('/page?x=1#frag', { method: 'GET', headers: { 'X-Req': 'r' } });
                  const response = new Response('hello body', { status: 201, statusText: 'Made', headers: { 'X-Res': 'yes', 'Content-Type': 'text/plain' } });
                  console.log(await cache.put(request, response), response.bodyUsed);
                  const hit = await cache.match('/page?x=1');
                  console.log(hit.status, hit.statusText, hit.headers.get('x-res'), hit.headers.get('content-type'), hit.type, hit.url, hit.redirected);
                  console.log(await hit.text());
                  const again = await caches.match(new Request('/page?x=1#other'));
                  console.log(await again.text(), await cache.match('/page'), await cache.match('/page?x=2'));
                  const [key] = await cache.keys();
                  console.log(key instanceof Request, key.url.endsWith('/page?x=1'), key.method, key.headers.get('x-req'));
                  try { key.headers.set('x', 'y'); } catch (e) { console.log('immutable', e.name); }
                  try { hit.headers.set('x', 'y'); } catch (e) { console.log('immutable', e.name); }
                });
                """)).containsExactly(
                "undefined true",
                "201 Made yes text/plain default  false",
                "hello body",
                "hello body undefined undefined",
                "true true GET r",
                "immutable TypeError",
                "immutable TypeError");
    }

    /**
     * A matched response's body stays in Java until read: clones read the same bytes each, as a
     * stream or at once, and reading one leaves the other untouched; a consumed one is used up.
     */
    @Test
    void aMatchedResponseAndItsClonesReadTheSameBytes() {
        assertThat(output("""
                run(async () => {
                  const cache = await caches.open('v1');
                  const bytes = new Uint8Array(3001).map((_, i) => (i * 7) % 256);
                  await cache.put('/bin', new Response(bytes));
                  const hit = await cache.match('/bin');
                  const copy = hit.clone();
                  const third = copy.clone();
                  const a = new Uint8Array(await hit.arrayBuffer());
                  console.log(a.length, a.every((b, i) => b === bytes[i]), hit.bodyUsed, copy.bodyUsed);
                  const reader = copy.body.getReader();
                  let total = 0;
                  let same = true;
                  for (let r = await reader.read(); !r.done; r = await reader.read()) {
                    r.value.forEach((b, i) => { same = same && b === bytes[total + i]; });
                    total += r.value.length;
                  }
                  console.log(total, same, copy.bodyUsed);
                  console.log((await third.blob()).size, third.bodyUsed, await settle(third.text()));
                  const text = await caches.match('/bin');
                  console.log((await text.clone().text()).length, (await text.text()).length);
                });
                """)).containsExactly(
                "3001 true true false",
                "3001 true true",
                "3001 true TypeError: Failed to execute 'text' on 'Response': body stream already read",
                "3001 3001");
    }

    @Test
    void putRejectsWhatTheSpecRejectsAndStoresNothing() {
        assertThat(output("""
                run(async () => {
                  const cache = await caches.open('v1');
                  console.log(await settle(cache.put(new Request('/p', { method: 'POST', body: 'x' }), new Response('r'))));
                  console.log(await settle(cache.put('data:,hello', new Response('r'))));
                  console.log(await settle(cache.put('/p', new Response('partial', { status: 206 }))));
                  console.log(await settle(cache.put('/p', new Response('v', { headers: { Vary: 'Accept, *' } }))));
                  const used = new Response('used');
                  await used.text();
                  console.log(await settle(cache.put('/p', used)));
                  console.log(await settle(cache.put('/p', 'not a response')));
                  console.log(JSON.stringify(await names(cache)), await cache.match('/p'));
                  await cache.put('/error', Response.error());
                  const error = await cache.match('/error');
                  console.log(error.type, error.status, error.body);
                });
                """)).containsExactly(
                "TypeError: Failed to execute 'put' on 'Cache': Request method 'POST' is unsupported",
                "TypeError: Failed to execute 'put' on 'Cache': Request scheme 'data' is unsupported",
                "TypeError: Failed to execute 'put' on 'Cache': Partial response (status code 206) is unsupported",
                "TypeError: Failed to execute 'put' on 'Cache': Vary header contains *",
                "TypeError: Failed to execute 'put' on 'Cache': Response body is already used",
                "TypeError: Failed to execute 'put' on 'Cache': parameter 2 is not of type 'Response'.",
                "\"\" undefined",
                "error 0 null");
    }

    @Test
    void varyVariantsOfOneUrlCoexistAndTheQueryOptionsWork() {
        assertThat(output("""
                run(async () => {
                  const cache = await caches.open('v');
                  const variant = (lang) => new Request('/doc?q=1', { headers: { 'Accept-Language': lang } });
                  await cache.put(variant('en'), new Response('english', { headers: { Vary: 'Accept-Language' } }));
                  await cache.put(variant('fr'), new Response('french', { headers: { Vary: 'accept-language' } }));
                  await cache.put(variant('en'), new Response('english 2', { headers: { Vary: 'Accept-Language' } }));
                  console.log((await cache.keys()).map((r) => r.headers.get('accept-language')).join());
                  console.log(await (await cache.match(variant('fr'))).text(), await (await cache.match(variant('en'))).text());
                  console.log(await cache.match(variant('de')), await cache.match('/doc?q=1'));
                  console.log(await (await cache.match(variant('de'), { ignoreVary: true })).text());
                  console.log((await cache.matchAll('/doc', { ignoreSearch: true, ignoreVary: true })).length);
                  console.log(await cache.match('/doc', { ignoreVary: true }), (await cache.matchAll('/doc?q=2', { ignoreSearch: true, ignoreVary: true })).length);
                  const post = new Request('/doc?q=1', { method: 'POST', headers: { 'Accept-Language': 'fr' } });
                  console.log(await cache.match(post), await (await cache.match(post, { ignoreMethod: true })).text());
                  console.log(await cache.delete(post), await cache.delete(variant('de')), await cache.delete(variant('fr')));
                  console.log((await cache.keys()).map((r) => r.headers.get('accept-language')).join());
                  console.log(await cache.delete('/doc', { ignoreSearch: true, ignoreVary: true }), (await cache.keys()).length);
                });
                """)).containsExactly(
                "fr,en",
                "french english 2",
                "undefined undefined",
                "french",
                "2",
                "undefined 2",
                "undefined french",
                "false false true",
                "en",
                "true 0");
    }

    @Test
    void matchAllAndKeysListEntriesInInsertionOrderAndRePutMovesToTheEnd() {
        assertThat(output("""
                run(async () => {
                  const cache = await caches.open('order');
                  for (const path of ['/a', '/b', '/c']) await cache.put(path, new Response(path));
                  await cache.put('/a', new Response('/a again'));
                  console.log(await names(cache));
                  const all = await cache.matchAll();
                  console.log(Object.isFrozen(all), (await Promise.all(all.map((r) => r.text()))).join());
                  console.log((await cache.matchAll('/b')).length, (await cache.keys('/c')).length, (await cache.keys('/zzz')).length);
                });
                """)).containsExactly("/b /c /a", "true /b,/c,/a again", "1 1 0");
    }

    @Test
    void cacheStorageMatchLooksInCreationOrderOrInTheNamedCache() {
        assertThat(output("""
                run(async () => {
                  const second = await caches.open('second');
                  const first = await caches.open('first');
                  await first.put('/x', new Response('from first'));
                  await second.put('/x', new Response('from second'));
                  console.log(await (await caches.match('/x')).text());
                  console.log(await (await caches.match('/x', { cacheName: 'first' })).text());
                  console.log(await caches.match('/x', { cacheName: 'missing' }), await caches.match('/y'));
                  console.log(await caches.match(new Request('/x', { method: 'HEAD' })));
                  console.log(await settle(caches.match('http://user:pw@example.com/')));
                  console.log(await settle(first.match('http://[bad')), await settle(first.keys('http://[bad')));
                });
                """)).containsExactly("from second", "from first", "undefined undefined", "undefined",
                "TypeError: Failed to construct 'Request': Request cannot be constructed from a URL that includes"
                        + " credentials: http://user:pw@example.com/",
                "TypeError: Failed to construct 'Request': Failed to parse URL from http://[bad"
                        + " TypeError: Failed to construct 'Request': Failed to parse URL from http://[bad");
    }

    @Test
    void addAndAddAllFetchCheckAndCommitAllOrNothing() {
        origin.serve("/one", 200, Map.of("Content-Type", "text/plain"), "one");
        origin.serve("/two", 200, Map.of(), "two");
        origin.serve("/missing", 404, Map.of(), "no");
        origin.serve("/star", 200, Map.of("Vary", "*"), "star");
        assertThat(output("""
                run(async () => {
                  const cache = await caches.open('pre');
                  console.log(await cache.add('/one'), await (await cache.match('/one')).text());
                  console.log(await settle(cache.addAll(['/two', '/missing'])));
                  console.log(await settle(cache.addAll(['/two', '/star'])));
                  console.log(await settle(cache.addAll(['/two', new Request('/two')])));
                  console.log(await settle(cache.add(new Request('/two', { method: 'POST' }))));
                  console.log(await settle(cache.addAll('nope')));
                  console.log(await names(cache));
                  await cache.addAll(['/two', '/one']);
                  const two = await cache.match('/two');
                  console.log(await names(cache), two.type, two.status, await two.text());
                });
                """)).containsExactly(
                "undefined one",
                "TypeError: Failed to execute 'addAll' on 'Cache': Request failed with status 404",
                "TypeError: Failed to execute 'addAll' on 'Cache': Vary header contains *",
                "InvalidStateError: the batch holds two operations on " + origin.url("/two"),
                "TypeError: Failed to execute 'add' on 'Cache': Request method 'POST' is unsupported",
                "TypeError: Failed to execute 'addAll' on 'Cache': The provided value cannot be converted to a sequence.",
                "/one",
                "/two /one basic 200 two");
    }

    @Test
    void aLongAddAllLogsItsProgress() throws Exception {
        for (int i = 0; i < 60; i++) {
            origin.serve("/file" + i, 200, Map.of("Content-Type", "text/plain"), "file " + i);
        }
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stderr = System.err;
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        List<String> lines;
        try {
            lines = output("""
                    run(async () => {
                      const cache = await caches.open('precache');
                      await cache.addAll(Array.from({length: 60}, (_, i) => '/file' + i));
                      await cache.addAll(['/file1', '/file2']);
                      console.log((await cache.keys()).length);
                    });
                    """);
        } finally {
            System.setErr(stderr);
        }
        assertThat(lines).containsExactly("60");
        String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        // The large addAll says where it ended; the small one says nothing.
        assertThat(log).contains("cache.addAll into 'precache' of " + origin.origin() + ": 60/60 responses fetched");
        assertThat(log).doesNotContain("/2 responses fetched");
    }

    @Test
    void aStoredResponseKeepsItsUrlRedirectedAndCorsView() {
        origin.route("/moved", (request, response) -> {
            response.setStatus(302);
            response.getHeaders().put("Location", "/final");
            response.getHeaders().put("Content-Length", 0);
        });
        origin.serve("/final", 200, Map.of("Content-Type", "text/plain"), "final");
        other.serve("/data", 200, Map.of("Access-Control-Allow-Origin", "*", "X-Hidden", "h", "Content-Language", "fr"),
                "cors data");
        assertThat(output("""
                run(async () => {
                  const cache = await caches.open('kept');
                  const moved = await fetch('/moved');
                  console.log(moved.redirected, moved.url.endsWith('/final'));
                  await cache.put('/moved', moved);
                  const hit = await cache.match('/moved');
                  console.log(hit.redirected, hit.url.endsWith('/final'), hit.type, await hit.text());
                  await cache.put('/data', await fetch('%s'));
                  const cors = await cache.match('/data');
                  console.log(cors.type, cors.headers.get('x-hidden'), cors.headers.get('content-language'), await cors.text());
                });
                """.formatted(other.url("/data")))).containsExactly(
                "true true",
                "true true basic final",
                "cors null fr cors data");
    }

    @Test
    void anOpaqueResponseStaysOpaqueAndItsBodyIsKept() {
        other.serve("/img", 200, Map.of("Content-Type", "image/png"), "x".repeat(3000));
        assertThat(output("""
                run(async () => {
                  const cache = await caches.open('opaque');
                  const before = (await navigator.storage.estimate()).usage;
                  const response = await fetch('%s', { mode: 'no-cors' });
                  console.log(response.type, response.status, response.body);
                  await cache.put('/img', response);
                  const hit = await cache.match('/img');
                  console.log(hit.type, hit.status, hit.url === '', [...hit.headers].length, hit.body);
                  console.log((await navigator.storage.estimate()).usage - before >= 3000);
                });
                """.formatted(other.url("/img")))).containsExactly(
                "opaque 0 null",
                "opaque 0 true 0 null",
                "true");
    }

    @Test
    void largeBodiesStreamInAndOutIntact() {
        assertThat(output("""
                run(async () => {
                  const cache = await caches.open('big');
                  const size = 3 * 1024 * 1024 + 7;
                  let sent = 0;
                  const stream = new ReadableStream({
                    pull(controller) {
                      const n = Math.min(65536, size - sent);
                      if (n === 0) { controller.close(); return; }
                      const chunk = new Uint8Array(n);
                      for (let i = 0; i < n; i++) chunk[i] = (sent + i) % 251;
                      sent += n;
                      controller.enqueue(chunk);
                    },
                  });
                  await cache.put('/big', new Response(stream));
                  const hit = await cache.match('/big');
                  let offset = 0, bad = -1;
                  for await (const chunk of hit.body) {
                    for (let i = 0; i < chunk.length; i++) if (chunk[i] !== (offset + i) % 251 && bad < 0) bad = offset + i;
                    offset += chunk.length;
                  }
                  console.log(offset === size, bad);
                  const again = new Uint8Array(await (await cache.match('/big')).arrayBuffer());
                  console.log(again.length === size, again[size - 1] === (size - 1) % 251);
                });
                """)).containsExactly("true -1", "true true");
    }

    @Test
    void overQuotaIsAQuotaExceededErrorAndLeavesNothingBehind() {
        origin.serve("/first", 200, Map.of(), "first");
        origin.serve("/half", 200, Map.of(), "h".repeat((int) (QUOTA / 2 + 1)));
        origin.serve("/other-half", 200, Map.of(), "o".repeat((int) (QUOTA / 2 + 1)));
        assertThat(output("""
                run(async () => {
                  const cache = await caches.open('q');
                  await cache.put('/small', new Response('small'));
                  const before = await navigator.storage.estimate();
                  console.log(before.quota, before.usage > 0);
                  const big = new Uint8Array(%d);
                  console.log(await cache.put('/big', new Response(big)).then(() => 'stored', (e) => e.name));
                  const after = await navigator.storage.estimate();
                  console.log(await names(cache), after.usage === before.usage);
                  // Two halves fit one at a time, not together: the batch fails whole, '/first' too.
                  console.log(await cache.addAll(['/first', '/half', '/other-half']).then(() => 'stored', (e) => `${e.name}`));
                  console.log(await names(cache), (await navigator.storage.estimate()).usage === before.usage);
                  console.log(await navigator.storage.persisted(), await navigator.storage.persist(), await navigator.storage.persisted());
                });
                """.formatted(QUOTA + 1))).containsExactly(
                QUOTA + " true",
                "QuotaExceededError",
                "/small true",
                "QuotaExceededError",
                "/small true",
                "false true true");
    }

    @Test
    void aDeletedCacheKeepsWorkingForItsHolder() {
        assertThat(output("""
                run(async () => {
                  const held = await caches.open('old');
                  await held.put('/kept', new Response('kept'));
                  const response = await held.match('/kept');
                  console.log(await caches.delete('old'), await caches.has('old'));
                  await held.put('/more', new Response('more'));
                  console.log(await names(held), await (await held.match('/more')).text());
                  const fresh = await caches.open('old');
                  console.log(JSON.stringify(await names(fresh)), await caches.match('/kept'));
                  await held.delete('/kept');
                  console.log(await response.text());
                });
                """)).containsExactly("true false", "/kept /more more", "\"\" undefined", "kept");
    }

    @Test
    void everyOriginHasItsOwnCaches() throws Exception {
        output("""
                run(async () => {
                  await (await caches.open('mine')).put('/secret', new Response('secret'));
                  console.log('stored');
                });
                """);
        try (WorkerFixture stranger = newFixture(other.origin())) {
            assertThat(output(stranger, """
                    run(async () => {
                      console.log((await caches.keys()).length, await caches.has('mine'), await caches.match('/secret'));
                      console.log((await navigator.storage.estimate()).usage);
                    });
                    """)).containsExactly("0 false undefined", "0");
        }
    }
}
