package org.sw4j.js.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.io.Content;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.js.WorkerFixture;
import org.sw4j.js.WorkerLimits;
import org.sw4j.network.HttpFetcher;
import org.sw4j.network.NetworkClient;
import org.sw4j.network.NetworkConditions;
import org.sw4j.network.TestOrigin;

/** fetch() from a worker script, through sw4j's network layer to a real server on 127.0.0.1. */
class FetchTest {
    static final String HELPERS = """
            const settle = (promise) => promise.then((v) => String(v), (e) => `${e.name}: ${e.message}`);
            const run = (fn) => fn().catch((e) => console.log('FAILED', e && e.stack || e));
            """;

    @TempDir
    Path dir;
    TestOrigin origin;
    TestOrigin other;
    NetworkConditions conditions;
    NetworkClient client;
    WorkerFixture fixture;

    @BeforeEach
    void start() {
        origin = new TestOrigin();
        other = new TestOrigin();
        conditions = NetworkConditions.create();
        client = NetworkClient.builder().addNetworkInterceptor(conditions).build();
        HttpFetcher fetcher = HttpFetcher.builder(client).networkConditions(conditions).build();
        fixture = new WorkerFixture(dir, WorkerLimits.DEFAULT, fetcher, origin.origin());
    }

    @AfterEach
    void stop() {
        fixture.close();
        client.close();
        origin.close();
        other.close();
    }

    private List<String> output(String script) {
        fixture.run(HELPERS + script);
        assertThat(fixture.uncaught()).isEmpty();
        return fixture.output();
    }

    @Test
    void fetchesAResponseWithStatusHeadersAndBody() {
        origin.serve("/data.json", 200, Map.of("Content-Type", "application/json", "X-Custom", "yes"), "{\"n\":42}");
        assertThat(output("""
                run(async () => {
                  const response = await fetch('/data.json');
                  console.log(response.status, response.statusText, response.ok, response.type, response.url.endsWith('/data.json'), response.redirected);
                  console.log(response.headers.get('content-type'), response.headers.get('x-custom'));
                  console.log(JSON.stringify(await response.json()), response.bodyUsed);
                  const missing = await fetch('/missing');
                  console.log(missing.status, missing.statusText, missing.ok);
                });
                """)).containsExactly(
                "200 OK true basic true false",
                "application/json yes",
                "{\"n\":42} true",
                "404 Not Found false");
        assertThat(origin.received().get(0).headers()).containsKeys("user-agent", "sec-fetch-mode");
    }

    @Test
    void sendsRequestBodiesAndHeaders() {
        origin.route("/echo", (request, response) -> {
            byte[] body = Content.Source.asInputStream(request).readAllBytes();
            response.setStatus(200);
            String reply = request.getMethod() + " " + request.getHeaders().get("content-type") + " "
                    + request.getHeaders().get("x-test") + " " + new String(body, StandardCharsets.UTF_8);
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                out.write(reply.getBytes(StandardCharsets.UTF_8));
            }
        });
        assertThat(output("""
                run(async () => {
                  const text = await (await fetch('/echo', { method: 'POST', body: 'hello', headers: { 'X-Test': '1' } })).text();
                  console.log(text);
                  const stream = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('streamed ')); c.enqueue(new TextEncoder().encode('body')); c.close(); } });
                  console.log(await (await fetch('/echo', { method: 'PUT', body: stream, duplex: 'half' })).text());
                  const form = new URLSearchParams({ a: '1' });
                  console.log(await (await fetch(new Request('/echo', { method: 'POST', body: form }))).text());
                });
                """)).containsExactly(
                // (Jetty lower-cases the charset of the Content-Type it reports.)
                "POST text/plain;charset=utf-8 1 hello",
                "PUT null null streamed body",
                "POST application/x-www-form-urlencoded;charset=utf-8 null a=1");
    }

    @Test
    void networkFailuresAndCorsBecomeTypeErrors() {
        other.serve("/cross", 200, Map.of(), "secret");
        other.serve("/open", 200, Map.of("Access-Control-Allow-Origin", "*"), "open");
        assertThat(output(String.format("""
                run(async () => {
                  console.log(await settle(fetch('http://127.0.0.1:%2$d/nothing')));
                  console.log(await settle(fetch('%1$s/cross')));
                  console.log(await (await fetch('%1$s/open')).text());
                  const opaque = await fetch('%1$s/cross', { mode: 'no-cors' });
                  console.log(opaque.type, opaque.status, opaque.body, [...opaque.headers].length);
                  console.log(await settle(fetch('%1$s/cross', { mode: 'same-origin' })));
                  console.log(await settle(fetch('data:text/plain,hi').then((r) => r.text())));
                });
                """, other.origin(), closedPort()))).satisfiesExactly(
                line -> assertThat(line).startsWith("TypeError: Failed to fetch: connection refused"),
                line -> assertThat(line).startsWith("TypeError: Failed to fetch: CORS"),
                line -> assertThat(line).isEqualTo("open"),
                line -> assertThat(line).isEqualTo("opaque 0 null 0"),
                line -> assertThat(line).startsWith("TypeError: Failed to fetch"),
                line -> assertThat(line).isEqualTo("hi"));
    }

    /** A port nothing listens on (it was free a moment ago). */
    private static int closedPort() {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void offlineFailsEveryFetchAndFiresEvents() {
        origin.serve("/page", 200, Map.of(), "page");
        var worker = fixture.run(HELPERS + """
                self.addEventListener('offline', () => {
                  console.log('offline event', navigator.onLine);
                  fetch('/page').then(() => console.log('fetched offline?'), (e) => console.log(e.name, e.message));
                });
                self.addEventListener('online', () => console.log('online event', navigator.onLine));
                console.log('start', navigator.onLine);
                """);
        // The listeners are told on this thread, and queue the events before setOnline returns.
        conditions.setOnline(false);
        WorkerFixture.awaitIdle(worker);
        conditions.setOnline(true);
        WorkerFixture.awaitIdle(worker);
        assertThat(fixture.output()).satisfiesExactly(
                line -> assertThat(line).isEqualTo("start true"),
                line -> assertThat(line).isEqualTo("offline event false"),
                line -> assertThat(line).startsWith("TypeError Failed to fetch: offline"),
                line -> assertThat(line).isEqualTo("online event true"));
    }

    @Test
    void abortingRejectsWithTheSignalsReason() {
        origin.route("/slow", (request, response) -> {
            Thread.sleep(3000);
            response.setStatus(200);
        });
        assertThat(output("""
                run(async () => {
                  const controller = new AbortController();
                  const pending = settle(fetch('/slow', { signal: controller.signal }));
                  setTimeout(() => controller.abort(), 50);
                  console.log(await pending);
                  console.log(await settle(fetch('/slow', { signal: AbortSignal.abort() })));
                });
                """)).containsExactly(
                "AbortError: signal is aborted without reason",
                "AbortError: signal is aborted without reason");
    }

    @Test
    void bodiesStreamChunkByChunk() {
        origin.route("/chunks", (request, response) -> {
            response.setStatus(200);
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                for (int i = 0; i < 5; i++) {
                    out.write(new byte[20_000]);
                    out.flush();
                }
            }
        });
        assertThat(output("""
                run(async () => {
                  const response = await fetch('/chunks');
                  const reader = response.body.getReader();
                  let total = 0, chunks = 0;
                  for (;;) {
                    const { done, value } = await reader.read();
                    if (done) break;
                    total += value.length;
                    chunks++;
                  }
                  console.log(total, chunks > 1, response.bodyUsed);
                  const piped = await fetch('/chunks');
                  const counted = piped.body.pipeThrough(new TransformStream({
                    transform(chunk, c) { c.enqueue(chunk.length); },
                  }));
                  let sum = 0;
                  for await (const n of counted) sum += n;
                  console.log(sum);
                });
                """)).containsExactly("100000 true true", "100000");
    }

    /** Bytes 0, 1, 2, … 255, 0, 1, … of the given length. */
    static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    @Test
    void everyByteOfEveryBodyLengthArrivesIntact() {
        // Small bodies come whole with their head; the large ones (over the 64 KiB read-ahead) and
        // the one written in pieces stream chunk by chunk. Odd lengths pad the last packed character.
        int[] lengths = {0, 1, 2, 3, 255, 10_241, 65_535, 65_537, 300_001};
        for (int length : lengths) {
            byte[] body = pattern(length);
            origin.route("/bytes/" + length, (request, response) -> {
                response.setStatus(200);
                response.getHeaders().put("Content-Length", body.length);
                try (OutputStream out = Content.Sink.asOutputStream(response)) {
                    out.write(body);
                }
            });
        }
        origin.route("/pieces", (request, response) -> {
            response.setStatus(200);
            byte[] body = pattern(70_001);
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                for (int at = 0; at < body.length; at += 7_001) {
                    out.write(body, at, Math.min(7_001, body.length - at));
                    out.flush();
                    Thread.sleep(5);
                }
            }
        });
        assertThat(output("""
                const check = (bytes, length) => {
                  if (bytes.length !== length) return `length ${bytes.length}`;
                  for (let i = 0; i < length; i++) if (bytes[i] !== (i & 255)) return `byte ${i} is ${bytes[i]}`;
                  return 'ok';
                };
                run(async () => {
                  for (const length of [0, 1, 2, 3, 255, 10241, 65535, 65537, 300001]) {
                    const whole = new Uint8Array(await (await fetch('/bytes/' + length)).arrayBuffer());
                    const read = await (await fetch('/bytes/' + length)).bytes();
                    const chunks = [];
                    for await (const chunk of (await fetch('/bytes/' + length)).body) for (const b of chunk) chunks.push(b);
                    console.log(length, check(whole, length), check(read, length), check(chunks, length));
                  }
                  const pieces = [];
                  for await (const chunk of (await fetch('/pieces')).body) for (const b of chunk) pieces.push(b);
                  console.log('pieces', check(pieces, 70001));
                  console.log('text', (await (await fetch('/bytes/3')).text()) === '\u0000\u0001\u0002');
                });
                """)).containsExactly(
                "0 ok ok ok", "1 ok ok ok", "2 ok ok ok", "3 ok ok ok", "255 ok ok ok", "10241 ok ok ok",
                "65535 ok ok ok", "65537 ok ok ok", "300001 ok ok ok", "pieces ok", "text true");
    }
}
