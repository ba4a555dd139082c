package org.sw4j.examples.catcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sw4j.examples.catcache.DemoSupport.WAIT;
import static org.sw4j.examples.catcache.DemoSupport.awaitPicture;

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
import org.sw4j.network.TestClock;

/**
 * The seed tutorial's own page, script and worker (read unmodified from
 * ../shared/seeds/linode-example/public) served by our origin: the same story as our demo — online,
 * the picture rotates, and with the origin stopped the page and the last picture still load.
 */
class TutorialSiteTest {
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
    void theTutorialsFilesRunUnmodifiedAndServeTheLastPictureOffline() throws Exception {
        Path site = DemoSupport.tutorialSite();
        origin = CatOrigin.builder().port(0).clock(clock).site(site).start();
        agent = UserAgent.builder().dataDirectory(data).build();

        // First visit: the tutorial's page, as its main.js registers the worker; nothing controlled yet.
        Window first = agent.openWindow(origin.url());
        assertThat(first.navigationResponse().servedBy()).isEqualTo(Response.ServedBy.NETWORK);
        assertThat(first.navigationResponse().body()).isEqualTo(Files.readAllBytes(site.resolve("index.html")));
        assertThat(first.fetch("./main.js").body()).isEqualTo(Files.readAllBytes(site.resolve("main.js")));
        assertThat(first.fetch("./img").body()).isEqualTo(CatPictures.png(1));
        Registration registration = first.serviceWorker().register("service-worker.js", RegistrationOptions.scope("./"));
        registration.awaitActivated(WAIT);

        // Second visit, controlled: the worker answers and puts what the network says into its cache.
        clock.advance(CatOrigin.PICTURE_PERIOD);
        Window second = agent.openWindow(origin.url());
        assertThat(second.controller()).isPresent();
        assertThat(second.navigationResponse().servedBy()).isEqualTo(Response.ServedBy.SERVICE_WORKER);
        assertThat(second.navigationResponse().text()).contains("An image of a cat");
        assertThat(second.fetch("./main.js").servedBy()).isEqualTo(Response.ServedBy.SERVICE_WORKER);
        awaitPicture(second, 2);
        clock.advance(CatOrigin.PICTURE_PERIOD);
        Response lastOnline = awaitPicture(second, 3);
        assertThat(lastOnline.servedBy()).isEqualTo(Response.ServedBy.SERVICE_WORKER);
        // The navigation's background refresh stored the page: wait until the cache holds it.
        awaitCached(origin.url());

        // Origin stopped: the page, its script and the last picture come from the worker's cache.
        origin.stop();
        Window offline = agent.openWindow(origin.url());
        assertThat(offline.navigationResponse().servedBy()).isEqualTo(Response.ServedBy.SERVICE_WORKER);
        assertThat(offline.navigationResponse().body()).isEqualTo(Files.readAllBytes(site.resolve("index.html")));
        assertThat(offline.fetch("./main.js").body()).isEqualTo(Files.readAllBytes(site.resolve("main.js")));
        Response offlineImage = offline.fetch("./img");
        assertThat(offlineImage.servedBy()).isEqualTo(Response.ServedBy.SERVICE_WORKER);
        assertThat(offlineImage.header("content-type")).isEqualTo("image/png");
        assertThat(offlineImage.body()).isEqualTo(lastOnline.body()).isEqualTo(CatPictures.png(3));
    }

    private void awaitCached(String url) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!DemoSupport.cachedUrls(agent).contains("cat-image-cache: " + url)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(url + " never reached the cache: " + DemoSupport.cachedUrls(agent));
            }
            Thread.sleep(20);
        }
    }
}
