package org.sw4j.examples.catcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sw4j.examples.catcache.DemoSupport.WAIT;
import static org.sw4j.examples.catcache.DemoSupport.awaitPicture;
import static org.sw4j.examples.catcache.DemoSupport.cachedUrls;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.agent.Registration;
import org.sw4j.agent.RegistrationOptions;
import org.sw4j.agent.Response;
import org.sw4j.agent.UserAgent;
import org.sw4j.agent.Window;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.network.TestClock;

/**
 * Our demo, end to end over 127.0.0.1 with real workers: a first visit online installs the
 * cache-and-update worker, which caches the page, its script and the picture; the picture rotates;
 * with the origin stopped the page and the last picture seen online still load.
 */
class CatCacheDemoTest {
    @TempDir
    Path data;
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private CatOrigin origin;
    private UserAgent agent;

    @AfterEach
    void close() {
        if (agent != null) {
            agent.close();
        }
        if (origin != null) {
            origin.stop();
        }
    }

    @Test
    void onlineThenOriginStoppedThePageAndTheLastPictureStillLoad() throws Exception {
        origin = CatOrigin.builder().port(0).clock(clock).start();
        agent = UserAgent.builder().dataDirectory(data).build();

        // First visit, online: the page and cat 1 come from the network; main.js registers the worker.
        Window first = agent.openWindow(origin.url());
        assertThat(first.navigationResponse().servedBy()).isEqualTo(Response.ServedBy.NETWORK);
        assertThat(first.navigationResponse().text()).contains("A new cat every ten seconds");
        assertThat(first.fetch("./main.js").text()).contains("serviceWorker.register('./service-worker.js'");
        assertThat(first.fetch("./img").body()).isEqualTo(CatPictures.png(1));
        Registration registration = first.serviceWorker().register("./service-worker.js", RegistrationOptions.scope("./"));
        registration.awaitActivated(WAIT);
        assertThat(cachedUrls(agent)).containsExactlyInAnyOrder(
                "cat-cache-v1: " + origin.url(), "cat-cache-v1: " + origin.url() + "main.js", "cat-cache-v1: " + origin.url() + "img");

        // clients.claim(): the first window is controlled at once, and its picture comes from the cache.
        awaitControlled(first);
        Response cached = first.fetch("./img");
        assertThat(cached.servedBy()).isEqualTo(Response.ServedBy.SERVICE_WORKER);
        assertThat(cached.header("x-cat-source")).isEqualTo("cache");
        assertThat(cached.header("content-type")).isEqualTo("image/png");
        assertThat(cached.body()).isEqualTo(CatPictures.png(1));

        // Ten seconds on: the origin serves cat 2; the worker answers the cached cat 1 first and
        // refreshes its cache in the background, so a later fetch gets cat 2 — then cat 3.
        clock.advance(CatOrigin.PICTURE_PERIOD);
        Window second = agent.openWindow(origin.url());
        assertThat(second.controller()).isPresent();
        assertThat(second.navigationResponse().servedBy()).isEqualTo(Response.ServedBy.SERVICE_WORKER);
        assertThat(second.navigationResponse().header("x-cat-source")).isEqualTo("cache");
        assertThat(awaitPicture(second, 2).header("x-cat-source")).isEqualTo("cache");
        clock.advance(CatOrigin.PICTURE_PERIOD);
        Response lastOnline = awaitPicture(second, 3);
        assertThat(lastOnline.header(CatOrigin.PICTURE_HEADER)).isEqualTo("3");

        // The origin goes away: the page, its script and the last picture still load through the worker.
        origin.stop();
        Window offline = agent.openWindow(origin.url());
        assertThat(offline.navigationResponse().status()).isEqualTo(200);
        assertThat(offline.navigationResponse().servedBy()).isEqualTo(Response.ServedBy.SERVICE_WORKER);
        assertThat(offline.navigationResponse().text()).contains("A new cat every ten seconds");
        assertThat(offline.fetch("./main.js").text()).contains("setInterval(refresh");
        Response offlineImage = offline.fetch("./img");
        assertThat(offlineImage.servedBy()).isEqualTo(Response.ServedBy.SERVICE_WORKER);
        assertThat(offlineImage.header("x-cat-source")).isEqualTo("cache");
        assertThat(offlineImage.body()).isEqualTo(lastOnline.body()).isEqualTo(CatPictures.png(3));
    }

    @Test
    void aNewWorkerVersionClearsTheOldCaches() throws Exception {
        Path site = data.resolve("site");
        Files.createDirectories(site);
        for (String name : new String[] {"index.html", "main.js", "service-worker.js"}) {
            try (InputStream in = CatOrigin.class.getResourceAsStream("site/" + name)) {
                Files.write(site.resolve(name), in.readAllBytes());
            }
        }
        origin = CatOrigin.builder().clock(clock).site(site).start();
        agent = UserAgent.builder().inMemory().build();
        Window first = agent.openWindow(origin.url());
        Registration registration = first.serviceWorker().register("./service-worker.js", RegistrationOptions.scope("./"));
        registration.awaitActivated(WAIT);
        first.close();

        Path worker = site.resolve("service-worker.js");
        Files.writeString(worker, Files.readString(worker).replace("cat-cache-v1", "cat-cache-v2"));
        String oldWorker = registration.state().active().id();
        registration.update();
        // Activated means activate's waitUntil (which deletes the old caches) has settled.
        registration.awaitState(s -> s.active() != null && !s.active().id().equals(oldWorker)
                && s.active().state() == ServiceWorkerState.ACTIVATED, WAIT);
        assertThat(cachedUrls(agent)).allMatch(url -> url.startsWith("cat-cache-v2: "));
        assertThat(cachedUrls(agent)).hasSize(3);
    }

    private static void awaitControlled(Window window) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (window.controller().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("clients.claim() never made the first window controlled");
            }
            Thread.sleep(10);
        }
    }
}
