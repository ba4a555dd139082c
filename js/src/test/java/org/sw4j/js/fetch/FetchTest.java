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
}
