package org.sw4j.inspector;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inspector's page in a real browser: the Debian {@code chromium} package driven by
 * Playwright (never a browser Playwright downloads). Screenshots go to
 * {@code target/screenshots/}. Without {@code /usr/bin/chromium} the test fails and says how to
 * install it ({@code .ci/run} does).
 */
class InspectorPageTest {
    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final LocatorAssertions.ContainsTextOptions WAIT =
            new LocatorAssertions.ContainsTextOptions().setTimeout(30_000);

    @TempDir
    Path profile;
    private InspectedSite site;
    private Playwright playwright;
    private BrowserContext browser;

    @BeforeEach
    void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new AssertionError("the inspector's page test needs the Debian chromium package at " + CHROMIUM
                    + ": apt-get install -y chromium (.ci/run installs it)");
        }
        Files.createDirectories(SCREENSHOTS);
        site = new InspectedSite();
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launchPersistentContext(profile, new BrowserType.LaunchPersistentContextOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync"))
                .setViewportSize(1280, 900));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (site != null) {
            site.close();
        }
    }

    private static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    @Test
    void withoutTheTokenThePageShowsNothing() {
        Page page = browser.newPage();
        page.navigate("http://127.0.0.1:" + site.inspector.port() + "/");
        assertThat(page.locator("#locked")).isVisible();
        assertThat(page.locator("#app")).isHidden();
        assertThat(page.locator("#status")).containsText("no token", WAIT);
        screenshot(page, "locked");
    }

    @Test
    void showsTheWorkerOpensACacheAndAnEntryThenClearsSiteData() throws Exception {
        site.window.fetch("/data");
        Page page = browser.newPage();
        page.navigate(site.inspector.url());
        assertThat(page.url()).as("the token left the address bar").doesNotContain("token");

        Locator registration = page.locator(".registration[data-scope='" + site.scope() + "']");
        assertThat(registration).containsText(site.scope(), WAIT);
        assertThat(registration.locator("[data-role=active]")).containsText("activated", WAIT);
        assertThat(registration.locator(".diagnosis")).containsText("nothing is waiting", WAIT);
        assertThat(page.locator("#client-rows")).containsText(site.window.id(), WAIT);
        assertThat(page.locator("#fetch-rows")).containsText(site.origin.url("/data"), WAIT);
        assertThat(page.locator("#storage-rows")).containsText(site.origin.origin(), WAIT);
        screenshot(page, "service-workers");

        page.locator(".cache-item[data-cache='v1']").click();
        Locator entry = page.locator("#entries tr[data-url='" + site.origin.url("/data") + "']");
        assertThat(entry).containsText("200", WAIT);
        entry.click();
        assertThat(page.locator("#preview")).containsText("from the network", WAIT);
        assertThat(page.locator("#entry")).containsText("Content-Type", new LocatorAssertions.ContainsTextOptions()
                .setTimeout(30_000).setIgnoreCase(true));
        page.locator("#caches").scrollIntoViewIfNeeded();
        screenshot(page, "cache-entry");

        // A fetch made now shows up live.
        site.window.fetch("/fresh");
        assertThat(page.locator("#fetch-rows")).containsText(site.origin.url("/fresh"), WAIT);

        page.locator("#storage-rows tr[data-origin='" + site.origin.origin() + "'] [data-action=clear-site-data]").click();
        assertThat(page.locator("#registrations")).containsText("No registrations.", WAIT);
        assertThat(page.locator("#cache-list")).containsText("No caches.", WAIT);
        assertThat(page.locator("#storage-rows")).containsText("No site data.", WAIT);
        screenshot(page, "site-data-cleared");
        assertThat(site.getJson("/api/registrations").get("registrations")).isEmpty();
        assertThat(site.window.controller()).isEmpty();
    }

    @Test
    void aWaitingWorkerIsExplainedAndTheSkipWaitingButtonActivatesIt() throws Exception {
        Page page = browser.newPage();
        page.navigate(site.inspector.url());
        Locator registration = page.locator(".registration[data-scope='" + site.scope() + "']");
        assertThat(registration.locator("[data-role=active]")).containsText("activated", WAIT);

        site.origin.script("/sw.js", InspectedSite.WORKER + "\n// v2\n");
        registration.locator("button", new Locator.LocatorOptions().setHasText("Update")).click();
        assertThat(registration.locator("[data-role=waiting]")).containsText("installed", WAIT);
        assertThat(registration.locator(".diagnosis")).containsText("still use the active worker", WAIT);
        assertThat(registration.locator(".diagnosis")).containsText(site.window.id(), WAIT);
        screenshot(page, "waiting-worker");

        String waitingId = site.registrationJson().get("waiting").get("id").asText();
        registration.locator("[data-role=waiting] button", new Locator.LocatorOptions().setHasText("Skip waiting"))
                .click();
        assertThat(registration.locator("[data-role=active]")).containsText(waitingId, WAIT);
        assertThat(registration.locator("[data-role=waiting]")).hasCount(0);
        assertThat(site.window.controller().orElseThrow().id()).isEqualTo(waitingId);
    }

    @Test
    void theOfflineToggleTakesTheNetworkOffline() throws Exception {
        Page page = browser.newPage();
        page.navigate(site.inspector.url());
        assertThat(page.locator(".registration")).containsText("activated", WAIT);
        page.locator("#offline").check();
        site.awaitJson("/api/network", json -> json.get("offline").asBoolean());
        assertThat(site.window.fetch("/data").text()).isEqualTo("from the network");
        page.locator("#offline").uncheck();
        site.awaitJson("/api/network", json -> !json.get("offline").asBoolean());
    }
}
