package org.sw4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ServiceWorkerPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.agent.FetchRecord;
import org.sw4j.agent.Response;
import org.sw4j.examples.catcache.CatOrigin;
import org.sw4j.proxy.ServiceWorkerProxy;

/**
 * The cat demo browsed by a real Chromium (the Debian package, driven by Playwright) through
 * {@code sw4j serve}: online the page and its cat load; with the origin stopped a reload still
 * shows the page and the last cat, answered by sw4j's worker. Chromium's own service workers are
 * blocked, so what keeps the page working offline is sw4j, not the browser. Screenshots go to
 * {@code target/screenshots/}.
 */
class DemoInChromiumTest {
    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    @TempDir
    Path profile;

    @Test
    void theCatPageStillLoadsThroughSw4jWithTheOriginStopped() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new AssertionError("this test needs the Debian chromium package at " + CHROMIUM
                    + ": apt-get install -y chromium (.ci/run installs it)");
        }
        Files.createDirectories(SCREENSHOTS);
        CatOrigin origin = CatOrigin.builder().port(0).start();
        String originUrl = origin.url().replaceAll("/+$", "");
        try (ServiceWorkerProxy proxy = ServiceWorkerProxy.builder(originUrl)
                        .workerUrl(originUrl + "/service-worker.js").listen("127.0.0.1", 0).start();
                Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                BrowserContext browser = playwright.chromium().launchPersistentContext(profile,
                        new BrowserType.LaunchPersistentContextOptions()
                                .setExecutablePath(CHROMIUM)
                                .setHeadless(true)
                                .setServiceWorkers(ServiceWorkerPolicy.BLOCK)
                                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                                        "--disable-background-networking", "--disable-component-update",
                                        "--disable-sync")))) {
            List<FetchRecord> fetches = Collections.synchronizedList(new ArrayList<>());
            proxy.agent().onFetch(fetches::add);
            Page page = browser.newPage();

            com.microsoft.playwright.Response online = page.navigate(proxy.publicOrigin() + "/");
            assertThat(online.status()).isEqualTo(200);
            page.waitForFunction("document.getElementById('cat').complete"
                    + " && document.getElementById('cat').naturalWidth > 0");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("demo-online.png")));

            origin.stop();
            fetches.clear();
            com.microsoft.playwright.Response offline = page.navigate(proxy.publicOrigin() + "/");
            assertThat(offline.status()).isEqualTo(200);
            assertThat(page.title()).isEqualTo("sw4j cat cache");
            page.waitForFunction("document.getElementById('cat').complete"
                    + " && document.getElementById('cat').naturalWidth === 320");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("demo-origin-stopped.png")));

            // The page and the picture came from sw4j's worker: the origin is gone.
            List<FetchRecord> answered;
            synchronized (fetches) {
                answered = List.copyOf(fetches);
            }
            assertThat(answered).anySatisfy(record -> {
                assertThat(record.navigation()).isTrue();
                assertThat(record.servedBy()).isEqualTo(Response.ServedBy.SERVICE_WORKER);
            });
            assertThat(answered).anySatisfy(record -> {
                assertThat(record.url()).isEqualTo(originUrl + "/img");
                assertThat(record.servedBy()).isEqualTo(Response.ServedBy.SERVICE_WORKER);
                assertThat(record.status()).isEqualTo(200);
            });
        } finally {
            origin.close();
        }
    }
}
