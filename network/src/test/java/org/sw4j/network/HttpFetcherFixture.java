package org.sw4j.network;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.jetty.io.Content;
import org.sw4j.core.spi.FetchEnvironment;
import org.sw4j.core.spi.FetchOutcome;
import org.sw4j.webapi.fetch.BodySource;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.FetchResponse;
import org.sw4j.webapi.fetch.RequestCredentials;
import org.sw4j.webapi.fetch.RequestMode;
import org.sw4j.webapi.url.Url;

/**
 * Two real origins on 127.0.0.1 (two ports: cross-origin, same site), a client with network
 * conditions, a cookie jar and a fetcher on a settable clock, and a worker environment at
 * {@code a/sw.js}.
 */
final class HttpFetcherFixture implements AutoCloseable {
    static final String USER_AGENT = "sw4j-test/1.0";

    final TestOrigin a = new TestOrigin();
    final TestOrigin b = new TestOrigin();
    final TestClock clock = new TestClock(Instant.parse("2025-01-01T00:00:00Z"));
    final NetworkConditions conditions = NetworkConditions.create();
    final NetworkClient client = NetworkClient.builder().addNetworkInterceptor(conditions)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final CookieJar cookies = CookieJar.builder().clock(clock).build();
    final HttpFetcher fetcher = HttpFetcher.builder(client).cookieJar(cookies).clock(clock)
            .networkConditions(conditions).build();
    FetchEnvironment environment = FetchEnvironment.forScript(Url.parse(a.url("/sw.js")), USER_AGENT);

    /** A request as {@code fetch(url)} makes it: mode cors, credentials same-origin, made by script. */
    static FetchRequest request(String url) {
        FetchRequest request = new FetchRequest(Url.parse(url));
        request.setMode(RequestMode.CORS);
        request.setCredentials(RequestCredentials.SAME_ORIGIN);
        request.setUnsafeRequest(true);
        request.setInitiatorType("fetch");
        return request;
    }

    FetchOutcome fetch(FetchRequest request) throws InterruptedException {
        return fetcher.fetch(request, environment).awaitResponse();
    }

    FetchOutcome fetch(String url) throws InterruptedException {
        return fetch(request(url));
    }

    static String text(FetchResponse response) throws IOException {
        return new String(bytes(response.body().stream()), StandardCharsets.UTF_8);
    }

    static byte[] bytes(BodySource source) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer chunk = source.read(); chunk != null; chunk = source.read()) {
            byte[] bytes = new byte[chunk.remaining()];
            chunk.get(bytes);
            out.write(bytes);
        }
        return out.toByteArray();
    }

    /** The request body as the route received it. */
    static String body(org.eclipse.jetty.server.Request request) throws IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void write(org.eclipse.jetty.server.Response response, byte[] body) throws IOException {
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        client.close();
        a.close();
        b.close();
    }

}
