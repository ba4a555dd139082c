package org.sw4j.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.network.TestOrigin;
import org.sw4j.proxy.ServiceWorkerProxy.Site;

/**
 * Several sites through one proxy over real sockets: each chosen by {@code Host} or by path prefix,
 * each with its own origin and its own worker (which says who it is in {@code X-Worker}), and its
 * own Cache Storage quota.
 */
class SitesTest {
    /**
     * A worker that answers every navigation from the network with {@code X-Worker: NAME}, lets
     * {@code /old} and {@code /abs} (redirects) go to the network, and answers {@code /put?bytes=N} by putting N bytes in a cache:
     * "stored", or the name of the error.
     */
    static String worker(String name) {
        return """
                self.addEventListener('install', () => self.skipWaiting());
                self.addEventListener('fetch', event => {
                  const url = new URL(event.request.url);
                  if (url.pathname === '/old' || url.pathname === '/abs') return;
                  if (url.pathname === '/put') {
                    const bytes = Number(url.searchParams.get('bytes'));
                    event.respondWith(caches.open('big')
                        .then(cache => cache.put('/big', new Response('x'.repeat(bytes))))
                        .then(() => new Response('stored'), error => new Response(error.name)));
                    return;
                  }
                  event.respondWith(fetch(event.request).then(response => {
                    const headers = new Headers(response.headers);
                    headers.set('X-Worker', 'NAME');
                    return new Response(response.body, {status: response.status, headers});
                  }));
                });
                """.replace("NAME", name);
    }

    @TempDir
    Path temp;
    final TestOrigin cats = new TestOrigin();
    final TestOrigin dogs = new TestOrigin();
    ServiceWorkerProxy proxy;

    @AfterEach
    void close() {
        if (proxy != null) {
            proxy.close();
        }
        cats.close();
        dogs.close();
    }

    Path workerFile(String name) throws IOException {
        Path dir = Files.createDirectories(temp.resolve(name));
        return Files.writeString(dir.resolve("sw.js"), worker(name));
    }

    void serve(TestOrigin origin, String name) {
        origin.serve("/", 200, Map.of("Content-Type", "text/html"), "page of " + name);
        origin.serve("/img", 200, Map.of("Content-Type", "image/jpeg"), "picture of " + name);
        origin.serve("/old", 302, Map.of("Location", "/new"), "");
        origin.serve("/abs", 302, Map.of("Location", origin.url("/new")), "");
    }

    String get(String host, String path) throws IOException {
        return RawHttp.exchange(proxy.port(), "GET " + path + " HTTP/1.1\r\nHost: " + host
                + "\r\nAccept: text/html\r\nSec-Fetch-Mode: navigate\r\nConnection: close\r\n\r\n");
    }

    @Test
    void twoSitesByHostEachWithItsWorkerAndOrigin() throws Exception {
        serve(cats, "cats");
        serve(dogs, "dogs");
        proxy = ServiceWorkerProxy.builder()
                .site(Site.byHost("cats.localhost", cats.origin(), workerFile("cats")))
                .site(Site.byHost("Dogs.Localhost", dogs.origin(), workerFile("dogs")))
                .listen("127.0.0.1", 0).start();

        String cat = get("cats.localhost:" + proxy.port(), "/img");
        assertThat(cat).startsWith("HTTP/1.1 200").containsIgnoringCase("X-Worker: cats").endsWith("picture of cats");
        String dog = get("dogs.localhost", "/");
        assertThat(dog).startsWith("HTTP/1.1 200").containsIgnoringCase("X-Worker: dogs").endsWith("page of dogs");
        assertThat(get("birds.localhost", "/")).startsWith("HTTP/1.1 404").contains("no site here for host birds.localhost");
        assertThat(get("cats.localhost", "/old")).startsWith("HTTP/1.1 302").containsIgnoringCase("Location: /new\r\n");
        assertThat(proxy.agent().context().registrations()).hasSize(2);
    }

    @Test
    void twoSitesByPathPrefixMapUrlsBothWays() throws Exception {
        serve(cats, "cats");
        serve(dogs, "dogs");
        proxy = ServiceWorkerProxy.builder()
                .site(Site.byPathPrefix("/cats/", cats.origin(), workerFile("cats")))
                .site(Site.byPathPrefix("/dogs/", dogs.origin(), workerFile("dogs")))
                .listen("127.0.0.1", 0).start();
        String host = "127.0.0.1:" + proxy.port();

        assertThat(get(host, "/cats/img")).startsWith("HTTP/1.1 200").containsIgnoringCase("X-Worker: cats")
                .endsWith("picture of cats");
        assertThat(get(host, "/dogs/")).startsWith("HTTP/1.1 200").containsIgnoringCase("X-Worker: dogs")
                .containsIgnoringCase("Set-Cookie: sw4j-client=").contains("Path=/dogs/;").endsWith("page of dogs");
        assertThat(get(host, "/dogs")).endsWith("page of dogs");
        assertThat(cats.received()).extracting(TestOrigin.Received::path).contains("/img").doesNotContain("/cats/img");
        // Location back with the prefix: a path, and an absolute URL of the origin.
        assertThat(get(host, "/cats/old")).startsWith("HTTP/1.1 302").containsIgnoringCase("Location: /cats/new\r\n");
        assertThat(get(host, "/dogs/abs")).startsWith("HTTP/1.1 302")
                .containsIgnoringCase("Location: http://" + host + "/dogs/new\r\n");
        assertThat(get(host, "/birds/")).startsWith("HTTP/1.1 404");
    }

    @Test
    void eachSiteHasItsOwnQuota() throws Exception {
        serve(cats, "cats");
        serve(dogs, "dogs");
        proxy = ServiceWorkerProxy.builder()
                .site(Site.byHost("cats.localhost", cats.origin(), workerFile("cats")).withQuota(10_000))
                .site(Site.byHost("dogs.localhost", dogs.origin(), workerFile("dogs")))
                .listen("127.0.0.1", 0).start();

        assertThat(get("cats.localhost", "/put?bytes=2000")).endsWith("stored");
        assertThat(get("cats.localhost", "/put?bytes=20000")).endsWith("QuotaExceededError");
        assertThat(get("dogs.localhost", "/put?bytes=20000")).endsWith("stored");
    }

    @Test
    void anEditedWorkerFileInstallsAtTheNextUpdateCheck() throws Exception {
        serve(cats, "cats");
        serve(dogs, "dogs");
        Path catsWorker = workerFile("cats");
        proxy = ServiceWorkerProxy.builder()
                .site(Site.byHost("cats.localhost", cats.origin(), catsWorker))
                .site(Site.byHost("dogs.localhost", dogs.origin(), workerFile("dogs")))
                .listen("127.0.0.1", 0).start();
        assertThat(get("cats.localhost", "/")).containsIgnoringCase("X-Worker: cats\r\n");

        Files.writeString(catsWorker, worker("cats-2"));
        var context = proxy.agent().context();
        var registration = context.registrations().stream()
                .filter(r -> r.scope().href().equals(cats.origin() + "/")).findFirst().orElseThrow();
        context.update(registration, null).get(20, java.util.concurrent.TimeUnit.SECONDS);
        String answer = "";
        for (int i = 0; i < 200 && !answer.toLowerCase(java.util.Locale.ROOT).contains("x-worker: cats-2"); i++) {
            Thread.sleep(50);
            answer = get("cats.localhost", "/");
        }
        assertThat(answer).containsIgnoringCase("X-Worker: cats-2\r\n");
        assertThat(get("dogs.localhost", "/")).containsIgnoringCase("X-Worker: dogs\r\n");
    }

    @Test
    void sitesThatCollideAreRefused() throws Exception {
        Path sw = workerFile("cats");
        assertThatThrownBy(() -> ServiceWorkerProxy.builder()
                .site(Site.byPathPrefix("/cats/", cats.origin(), sw))
                .site(Site.byPathPrefix("/cats/big/", dogs.origin(), sw)).options())
                .hasMessage("the path prefixes /cats/ and /cats/big/ overlap");
        assertThatThrownBy(() -> ServiceWorkerProxy.builder()
                .site(Site.byHost("cats.localhost", cats.origin(), sw))
                .site(Site.byHost("CATS.localhost", dogs.origin(), sw)).options())
                .hasMessage("two sites have the host cats.localhost");
        assertThatThrownBy(() -> Site.byPathPrefix("cats", cats.origin(), sw))
                .hasMessageContaining("starts and ends with '/'");
        assertThatThrownBy(() -> ServiceWorkerProxy.builder().options()).hasMessage("no site to serve");
    }
}
