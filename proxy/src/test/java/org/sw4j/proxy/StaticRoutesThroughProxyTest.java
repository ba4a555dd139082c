package org.sw4j.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.agent.FetchRecord;
import org.sw4j.agent.Response.ServedBy;
import org.sw4j.network.TestOrigin;

/**
 * Static routes (InstallEvent.addRoutes) through the proxy: a cache hit is answered on the
 * server's own thread when its body is small and at hand, a large one streams from a virtual
 * thread, and a miss, a network source and the fetch event go on as Handle Fetch says — with the
 * cache in memory (the non-blocking path) and on disk (every request on a virtual thread).
 */
class StaticRoutesThroughProxyTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Larger than what the proxy sends in one write: it streams. */
    private static final int LARGE = 300 * 1024;

    @TempDir
    Path temp;
    private final TestOrigin origin = new TestOrigin();
    private ServiceWorkerProxy proxy;
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();

    @AfterEach
    void close() {
        if (proxy != null) {
            proxy.close();
        }
        origin.close();
        browser.close();
    }

    private static final String WORKER = """
            self.addEventListener('install', (event) => {
              event.waitUntil(caches.open('v1').then((cache) => Promise.all([
                cache.put('/cached', new Response('from cache', { headers: { 'Content-Type': 'text/plain' } })),
                cache.put('/large', new Response('x'.repeat(%d))),
              ])));
              event.addRoutes([
                { condition: { urlPattern: '/cached' }, source: 'cache' },
                { condition: { urlPattern: '/large' }, source: 'cache' },
                { condition: { urlPattern: '/missing' }, source: { cacheName: 'v1' } },
                { condition: { urlPattern: '/api/*' }, source: 'network' },
              ]);
            });
            self.addEventListener('fetch', (event) => {
              if (new URL(event.request.url).pathname === '/other') {
                event.respondWith(new Response('from the worker'));
              }
            });
            """.formatted(LARGE);

    private void start(boolean onDisk) throws Exception {
        origin.serve("/", 200, Map.of("Content-Type", "text/html"), "<!doctype html><title>app</title>");
        origin.serve("/missing", 200, Map.of("Content-Type", "text/plain"), "network /missing");
        origin.serve("/api/x", 200, Map.of("Content-Type", "text/plain"), "network /api/x");
        Path worker = Files.writeString(temp.resolve("sw.js"), WORKER);
        ServiceWorkerProxy.Builder builder = ServiceWorkerProxy.builder(origin.origin()).worker(worker)
                .listen("127.0.0.1", 0);
        if (onDisk) {
            builder.dataDirectory(temp.resolve("data"));
        }
        proxy = builder.start();
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(proxy.publicOrigin() + "/"))
                .timeout(WAIT).header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Dest", "document").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(proxy.publicOrigin() + path)).timeout(WAIT)
                .header("Sec-Fetch-Mode", "no-cors").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void routesAnswerWithTheCacheInMemory() throws Exception {
        start(false);
        checkRoutes();
    }

    @Test
    void routesAnswerWithTheCacheOnDisk() throws Exception {
        start(true);
        checkRoutes();
    }

    private void checkRoutes() throws Exception {
        List<FetchRecord> records = new CopyOnWriteArrayList<>();
        proxy.agent().onFetch(records::add);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> cached = get("/cached");
            assertThat(cached.statusCode()).isEqualTo(200);
            assertThat(cached.body()).isEqualTo("from cache");
            assertThat(cached.headers().firstValue("content-type")).hasValue("text/plain");
            assertThat(cached.headers().firstValue("content-length")).hasValue("10");
            assertThat(cached.headers().allValues("via")).contains("1.1 sw4j");
        }
        HttpResponse<String> large = get("/large");
        assertThat(large.body()).hasSize(LARGE).matches("x+");
        assertThat(get("/missing").body()).isEqualTo("network /missing");
        assertThat(get("/api/x").body()).isEqualTo("network /api/x");
        assertThat(get("/other").body()).isEqualTo("from the worker");

        assertThat(records).extracting(r -> r.url().substring(origin.origin().length()), FetchRecord::servedBy)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/cached", ServedBy.CACHE_ROUTE),
                        org.assertj.core.groups.Tuple.tuple("/cached", ServedBy.CACHE_ROUTE),
                        org.assertj.core.groups.Tuple.tuple("/cached", ServedBy.CACHE_ROUTE),
                        org.assertj.core.groups.Tuple.tuple("/large", ServedBy.CACHE_ROUTE),
                        org.assertj.core.groups.Tuple.tuple("/missing", ServedBy.NETWORK),
                        org.assertj.core.groups.Tuple.tuple("/api/x", ServedBy.NETWORK),
                        org.assertj.core.groups.Tuple.tuple("/other", ServedBy.SERVICE_WORKER));
        assertThat(records).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.clientId()).isNotEmpty();
        });
    }
}
