package org.sw4j.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Content;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.agent.FetchRecord;
import org.sw4j.network.TestOrigin;

/**
 * The proxy over real sockets: a Jetty origin upstream, {@code java.net.http} as the browser, the
 * test's cache-and-update worker ({@code worker.js}) in between.
 */
class ServiceWorkerProxyTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path temp;
    final TestOrigin origin = new TestOrigin();
    final AtomicInteger picture = new AtomicInteger(1);
    ServiceWorkerProxy proxy;
    final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();

    @AfterEach
    void close() {
        if (proxy != null) {
            proxy.close();
        }
        origin.close();
        browser.close();
    }

    Path worker() throws IOException {
        Path file = temp.resolve("sw.js");
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/worker.js"))) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    void serveSite() {
        origin.serve("/", 200, Map.of("Content-Type", "text/html; charset=utf-8"), "<!doctype html><img src=/img>");
        origin.route("/img", (request, response) -> {
            response.getHeaders().put("Content-Type", "image/jpeg");
            Content.Sink.write(response, true, "cat-" + picture.get(), org.eclipse.jetty.util.Callback.NOOP);
        });
    }

    ServiceWorkerProxy.Builder proxyFor(TestOrigin upstream) throws IOException {
        return ServiceWorkerProxy.builder(upstream.origin()).worker(worker()).listen("127.0.0.1", 0);
    }

    String url(String path) {
        return proxy.publicOrigin() + path;
    }

    HttpResponse<String> navigate(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(WAIT)
                .header("Accept", "text/html,application/xhtml+xml").header("Sec-Fetch-Mode", "navigate")
                .header("Sec-Fetch-Dest", "document").build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(WAIT)
                .header("Sec-Fetch-Mode", "no-cors").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theWorkerServesThePageAndTheLastPictureWhenTheOriginIsDown() throws Exception {
        serveSite();
        proxy = proxyFor(origin).start();
        List<FetchRecord> records = new CopyOnWriteArrayList<>();
        proxy.agent().onFetch(records::add);

        HttpResponse<String> page = navigate("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("<!doctype html><img src=/img>");
        assertThat(page.headers().firstValue("set-cookie")).hasValueSatisfying(cookie ->
                assertThat(cookie).startsWith("sw4j-client=").contains("Path=/; HttpOnly; SameSite=Lax"));
        assertThat(page.headers().allValues("via")).contains("1.1 sw4j");
        assertThat(page.headers().allValues("date")).hasSize(1);
        assertThat(get("/img").body()).isEqualTo("cat-1");
        picture.set(2);
        assertThat(get("/img").body()).isEqualTo("cat-2");

        String imageUrl = origin.url("/img");
        origin.close();
        HttpResponse<String> offlinePage = navigate("/");
        assertThat(offlinePage.statusCode()).isEqualTo(200);
        assertThat(offlinePage.body()).isEqualTo("<!doctype html><img src=/img>");
        HttpResponse<String> offlineImage = get("/img");
        assertThat(offlineImage.statusCode()).isEqualTo(200);
        assertThat(offlineImage.body()).isEqualTo("cat-2");
        assertThat(records).anySatisfy(r -> {
            assertThat(r.url()).isEqualTo(imageUrl);
            assertThat(r.servedBy()).isEqualTo(org.sw4j.agent.Response.ServedBy.SERVICE_WORKER);
            assertThat(r.clientId()).isNotEmpty();
        });
    }

    @Test
    void withNoAnswerFromTheWorkerAndTheOriginDownTheProxySays502() throws Exception {
        serveSite();
        proxy = proxyFor(origin).start();
        navigate("/");
        origin.close();
        HttpResponse<String> response = get("/pass/anything");
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).startsWith("origin unreachable: ");
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
    }

    @Test
    void aNetworkErrorFromTheWorkerIs502() throws Exception {
        serveSite();
        proxy = proxyFor(origin).start();
        navigate("/");
        HttpResponse<String> response = get("/broken");
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("the service worker answered with a network error");
    }

    @Test
    void anOriginThatDoesNotAnswerInTimeIs504() throws Exception {
        serveSite();
        origin.route("/pass/slow", (request, response) -> {
            Thread.sleep(3000);
            Content.Sink.write(response, true, "late", org.eclipse.jetty.util.Callback.NOOP);
        });
        proxy = proxyFor(origin).originTimeout(Duration.ofMillis(300)).start();
        HttpResponse<String> response = get("/pass/slow");
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).startsWith("origin timeout: ");
    }

    @Test
    void aWorkerThatDoesNotAnswerInTimeIs504AndTheProxyGoesOn() throws Exception {
        serveSite();
        proxy = proxyFor(origin).originTimeout(Duration.ofMillis(300)).start();
        assertThat(navigate("/").statusCode()).isEqualTo(200);
        long start = System.nanoTime();
        HttpResponse<String> response = get("/hang");
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).startsWith("the service worker did not answer within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        // The same connection, and the request thread the timer interrupted, go on serving.
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> next = get("/generated");
            assertThat(next.statusCode()).isEqualTo(200);
            assertThat(next.body()).isEqualTo("from the worker");
        }
        assertThat(get("/hang").statusCode()).isEqualTo(504);
    }

    @Test
    void redirectsPointAtTheProxy() throws Exception {
        serveSite();
        origin.serve("/pass/moved", 302, Map.of("Location", origin.url("/pass/new?x=1"), "Refresh",
                "0; url=" + origin.url("/pass/new")), "");
        origin.serve("/moved", 301, Map.of("Location", origin.url("/")), "");
        proxy = proxyFor(origin).start();
        HttpResponse<String> fallback = get("/pass/moved");
        assertThat(fallback.statusCode()).isEqualTo(302);
        assertThat(fallback.headers().firstValue("location")).hasValue(url("/pass/new?x=1"));
        assertThat(fallback.headers().firstValue("refresh")).hasValue("0; url=" + url("/pass/new"));
        navigate("/");
        // Through the worker's fetch(): redirect mode "manual", so the redirect itself comes back.
        HttpResponse<String> throughWorker = get("/moved");
        assertThat(throughWorker.statusCode()).isEqualTo(301);
        assertThat(throughWorker.headers().firstValue("location")).hasValue(url("/"));
    }

    @Test
    void hopByHopFieldsStayAndViaAndForwardedAreAdded() throws Exception {
        serveSite();
        proxy = proxyFor(origin).start();
        String response = RawHttp.exchange(proxy.port(), "GET /pass/hop HTTP/1.1\r\nHost: 127.0.0.1:" + proxy.port()
                + "\r\nConnection: keep-alive, X-Secret\r\nX-Secret: 1\r\nKeep-Alive: timeout=5\r\n"
                + "Proxy-Authorization: Basic Zm9vOmJhcg==\r\nX-Kept: yes\r\nCookie: a=b\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 404");
        assertThat(response.toLowerCase()).contains("via: 1.1 sw4j");
        TestOrigin.Received received = origin.received().stream().filter(r -> r.path().equals("/pass/hop"))
                .findFirst().orElseThrow();
        assertThat(received.headers()).doesNotContainKeys("x-secret", "keep-alive", "proxy-authorization");
        assertThat(received.headers()).containsEntry("x-kept", "yes").containsEntry("cookie", "a=b")
                .containsEntry("via", "1.1 sw4j").containsEntry("x-forwarded-for", "127.0.0.1")
                .containsEntry("x-forwarded-proto", "http")
                .containsEntry("x-forwarded-host", "127.0.0.1:" + proxy.port());
        assertThat(received.headers().get("forwarded"))
                .isEqualTo("for=127.0.0.1;host=\"127.0.0.1:" + proxy.port() + "\";proto=http");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/pass/big", "/stream/big"})
    void aLargeResponseStreamsThroughWithoutBuffering(String path) throws Exception {
        serveSite();
        CountDownLatch browserGotFirstBytes = new CountDownLatch(1);
        int size = 5 * 1024 * 1024;
        origin.route(path, (request, response) -> {
            response.getHeaders().put("Content-Type", "application/octet-stream");
            try (var out = Content.Sink.asOutputStream(response)) {
                byte[] chunk = new byte[64 * 1024];
                out.write(chunk);
                out.flush();
                // The rest only once the browser saw the first bytes: a buffering proxy would never pass them on.
                if (!browserGotFirstBytes.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the first bytes never reached the browser");
                }
                for (int sent = chunk.length; sent < size; sent += chunk.length) {
                    out.write(chunk);
                }
            }
        });
        proxy = proxyFor(origin).start();
        navigate("/");
        HttpResponse<InputStream> response = browser.send(HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        long total;
        try (InputStream in = response.body()) {
            total = in.readNBytes(1024).length;
            browserGotFirstBytes.countDown();
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
            }
        }
        assertThat(total).isEqualTo(size);
    }

    @Test
    void aRequestBodyStreamsToTheOrigin() throws Exception {
        serveSite();
        CountDownLatch originGotFirstBytes = new CountDownLatch(1);
        int size = 1024 * 1024;
        origin.route("/pass/upload", (request, response) -> {
            long total = 0;
            try (InputStream in = Content.Source.asInputStream(request)) {
                byte[] buffer = new byte[16 * 1024];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    total += n;
                    originGotFirstBytes.countDown();
                }
            }
            Content.Sink.write(response, true, request.getMethod() + " " + total,
                    org.eclipse.jetty.util.Callback.NOOP);
        });
        proxy = proxyFor(origin).start();
        InputStream body = new InputStream() {
            int sent;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (sent == size) {
                    return -1;
                }
                if (sent >= 64 * 1024) {
                    try {
                        // The rest only once the origin read the start: a buffering proxy would wait forever.
                        if (!originGotFirstBytes.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                            throw new IOException("the origin never got the first bytes");
                        }
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
                int n = Math.min(len, Math.min(8192, size - sent));
                sent += n;
                return n;
            }
        };
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(URI.create(url("/pass/upload")))
                .timeout(WAIT).POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("POST " + size);
    }

    @Test
    void subresourcesBelongToTheClientOfTheirNavigation() throws Exception {
        serveSite();
        proxy = proxyFor(origin).start();
        HttpResponse<String> page = navigate("/who");
        String resultingClientId = page.body().substring("<!doctype html>".length());
        assertThat(resultingClientId).isNotEmpty();
        assertThat(page.headers().firstValue("set-cookie")).hasValueSatisfying(cookie ->
                assertThat(cookie).startsWith("sw4j-client=" + resultingClientId + ";"));
        assertThat(get("/whoami").body()).isEqualTo(resultingClientId);

        // A browser that does not keep the cookie: the Referer names the page.
        try (HttpClient noCookies = HttpClient.newHttpClient()) {
            HttpResponse<String> byReferrer = noCookies.send(HttpRequest.newBuilder(URI.create(url("/whoami")))
                    .header("Referer", url("/who")).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(byReferrer.body()).isEqualTo(resultingClientId);
            // Neither cookie nor referrer: no client, so the worker does not see it; the origin answers.
            HttpResponse<String> none = noCookies.send(HttpRequest.newBuilder(URI.create(url("/whoami")))
                    .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(none.statusCode()).isEqualTo(404);
        }

        // A new navigation supersedes the cookie's client: it is closed.
        String next = navigate("/who").body().substring("<!doctype html>".length());
        assertThat(next).isNotEqualTo(resultingClientId);
        assertThat(proxy.agent().context().client(resultingClientId)).isEmpty();
        assertThat(get("/whoami").body()).isEqualTo(next);
    }

    @Test
    void idleClientsAreClosed() throws Exception {
        serveSite();
        proxy = proxyFor(origin).clientIdleTimeout(Duration.ofMillis(200)).start();
        String id = navigate("/who").body().substring("<!doctype html>".length());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (proxy.agent().context().client(id).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(proxy.agent().context().client(id)).isEmpty();
    }

    @Test
    void requestsOutsideTheScopeGoStraightToTheOrigin() throws Exception {
        serveSite();
        origin.serve("/generated", 200, Map.of("Content-Type", "text/plain"), "from the origin");
        origin.serve("/app/index.html", 200, Map.of("Content-Type", "text/html"), "app");
        proxy = proxyFor(origin).scope("/app/").start();
        assertThat(navigate("/app/index.html").body()).isEqualTo("app");
        assertThat(navigate("/generated").body()).isEqualTo("from the origin");
        assertThat(get("/generated").body()).isEqualTo("from the origin");
    }

    @Test
    void aBrokenWorkerFailsTheStartWithAClearMessage() throws Exception {
        serveSite();
        Path broken = temp.resolve("broken.js");
        Files.writeString(broken, "this is not JavaScript (");
        assertThatThrownBy(() -> ServiceWorkerProxy.builder(origin.origin()).worker(broken).listen("127.0.0.1", 0)
                .start())
                .isInstanceOf(ServiceWorkerProxy.StartException.class)
                .hasMessageContaining("broken.js");
        assertThatThrownBy(() -> ServiceWorkerProxy.builder(origin.origin()).workerUrl("/missing.js")
                .listen("127.0.0.1", 0).start())
                .isInstanceOf(ServiceWorkerProxy.StartException.class)
                .hasMessageContaining("missing.js");
    }

    @Test
    void anActiveWorkerAndItsDataSurviveAFailedUpdateAndARestartServesOffline() throws Exception {
        serveSite();
        Path data = temp.resolve("data");
        Path script = worker();
        proxy = ServiceWorkerProxy.builder(origin.origin()).worker(script).listen("127.0.0.1", 0)
                .dataDirectory(data).start();
        navigate("/");
        assertThat(get("/img").body()).isEqualTo("cat-1");
        proxy.close();

        Files.writeString(script, "syntax error (");
        proxy = ServiceWorkerProxy.builder(origin.origin()).worker(script).listen("127.0.0.1", 0)
                .dataDirectory(data).offlineOrigin(true).start();
        HttpResponse<String> page = navigate("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("<!doctype html><img src=/img>");
        assertThat(get("/img").body()).isEqualTo("cat-1");
    }

    @Test
    void anEditedWorkerFileInstallsAtTheNextUpdateCheckAndAtRestart() throws Exception {
        serveSite();
        Path data = temp.resolve("data");
        Path script = temp.resolve("edited.js");
        String version = """
                self.addEventListener('install', () => self.skipWaiting());
                self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
                self.addEventListener('fetch', (e) => {
                  if (new URL(e.request.url).pathname === '/version') e.respondWith(new Response('VERSION'));
                });
                """;
        Files.writeString(script, version.replace("VERSION", "v1"));
        proxy = ServiceWorkerProxy.builder(origin.origin()).worker(script).listen("127.0.0.1", 0)
                .dataDirectory(data).start();
        assertThat(navigate("/version").body()).isEqualTo("v1");

        // A navigation's soft update reads the file again; the new worker skips waiting.
        Files.writeString(script, version.replace("VERSION", "v2"));
        navigate("/");
        long deadline = System.nanoTime() + WAIT.toNanos();
        String seen = navigate("/version").body();
        while (!seen.equals("v2") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            seen = navigate("/version").body();
        }
        assertThat(seen).isEqualTo("v2");
        proxy.close();

        Files.writeString(script, version.replace("VERSION", "v3"));
        proxy = ServiceWorkerProxy.builder(origin.origin()).worker(script).listen("127.0.0.1", 0)
                .dataDirectory(data).start();
        assertThat(navigate("/version").body()).isEqualTo("v3");
    }

    @Test
    void badOptionsAreRefused() {
        assertThatThrownBy(() -> ServiceWorkerProxy.builder("ftp://example.com"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http or https");
        assertThatThrownBy(() -> ServiceWorkerProxy.builder("not a url"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a URL");
        assertThatThrownBy(() -> ServiceWorkerProxy.builder("http://127.0.0.1:1/path"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no path");
    }

    @Test
    void h2cUpgradeServesThroughTheWorker() throws Exception {
        serveSite();
        proxy = proxyFor(origin).start();
        try (HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            HttpResponse<String> response = h2.send(HttpRequest.newBuilder(URI.create(url("/generated")))
                    .header("Accept", "text/html").timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            // The first request upgrades the connection (HTTP/1.1 Upgrade: h2c); the next runs on HTTP/2.
            HttpResponse<String> next = h2.send(HttpRequest.newBuilder(URI.create(url("/generated")))
                    .header("Accept", "text/html").timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("from the worker");
            assertThat(next.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(next.body()).isEqualTo("from the worker");
        }
    }

    static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
