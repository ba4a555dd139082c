package org.sw4j.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Content;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.network.NetworkConditions;
import org.sw4j.network.TestOrigin;

/**
 * The seed tutorial's cache-and-update worker, unmodified (read from ../shared/seeds/linode-example),
 * driven through the Java API against an origin that rotates its cat picture as the tutorial's
 * server does: first visit online, offline visit, an update found and activated when the last
 * window closes, and an offline visit after a restart.
 */
class CatScenarioTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path data;
    private final TestOrigin origin = new TestOrigin();
    private final AtomicInteger picture = new AtomicInteger(1);
    private String workerScript;
    private UserAgent agent;

    static Path seed() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/seeds/linode-example/public");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("../shared/seeds/linode-example/public not found above " + Path.of("").toAbsolutePath());
    }

    void serveSeed() throws Exception {
        Path seed = seed();
        workerScript = Files.readString(seed.resolve("service-worker.js"));
        origin.serve("/", 200, Map.of("Content-Type", "text/html; charset=utf-8"), Files.readString(seed.resolve("index.html")));
        origin.serve("/main.js", 200, Map.of("Content-Type", "application/javascript"), Files.readString(seed.resolve("main.js")));
        origin.serve("/service-worker.js", 200, Map.of("Content-Type", "application/javascript"), workerScript);
        origin.route("/img", (request, response) -> {
            response.getHeaders().put("Content-Type", "image/jpeg");
            Content.Sink.write(response, true, "cat-" + picture.get(), org.eclipse.jetty.util.Callback.NOOP);
        });
    }

    @AfterEach
    void close() {
        if (agent != null) {
            agent.close();
        }
        origin.close();
    }

    @Test
    void theTutorialsWorkerServesOfflineUpdatesAndSurvivesARestart() throws Exception {
        serveSeed();
        NetworkConditions network = NetworkConditions.create();
        agent = UserAgent.builder().dataDirectory(data).network(network).build();

        // First visit, online: the page registers the worker as main.js does; nothing is controlled yet.
        Window first = agent.openWindow(origin.url("/"));
        assertThat(first.navigationResponse().servedBy()).isEqualTo(Response.ServedBy.NETWORK);
        assertThat(first.fetch("./img").text()).isEqualTo("cat-1");
        Registration registration = first.serviceWorker().register("service-worker.js", RegistrationOptions.scope("./"));
        assertThat(registration.scope()).isEqualTo(origin.url("/"));
        registration.awaitActivated(WAIT);
        assertThat(first.serviceWorker().ready().get().scope()).isEqualTo(origin.url("/"));
        assertThat(origin.received()).anySatisfy(r -> {
            assertThat(r.path()).isEqualTo("/service-worker.js");
            assertThat(r.headers()).containsEntry("service-worker", "script");
        });

        // Second visit: controlled; the navigation and the picture go through the worker, which
        // answers from the cache (or the network) and refreshes the cache afterwards.
        picture.set(2);
        Window second = agent.openWindow(origin.url("/"));
        assertThat(second.controller()).isPresent();
        assertThat(second.navigationResponse().servedBy()).isEqualTo(Response.ServedBy.SERVICE_WORKER);
        assertThat(second.navigationResponse().text()).contains("<img");
        Response image = second.fetch("./img");
        assertThat(image.servedBy()).isEqualTo(Response.ServedBy.SERVICE_WORKER);
        assertThat(image.text()).startsWith("cat-");
        awaitCached(second, "cat-2");
        assertThat(registration.awaitNoPendingEvents(WAIT).active().pendingEvents()).isZero();

        // Offline: the page and the last picture still load.
        network.setOnline(false);
        Window offline = agent.openWindow(origin.url("/"));
        assertThat(offline.navigationResponse().servedBy()).isEqualTo(Response.ServedBy.SERVICE_WORKER);
        assertThat(offline.navigationResponse().text()).contains("An image of a cat");
        Response offlineImage = offline.fetch("./img");
        assertThat(offlineImage.servedBy()).isEqualTo(Response.ServedBy.SERVICE_WORKER);
        assertThat(offlineImage.text()).isEqualTo("cat-2");
        assertThat(offlineImage.header("content-type")).isEqualTo("image/jpeg");
        network.setOnline(true);

        // A changed worker is found by the update check a navigation makes, waits while windows use
        // the old one, and activates when the last of them closes.
        String oldWorker = registration.state().active().id();
        origin.serve("/service-worker.js", 200, Map.of("Content-Type", "application/javascript"),
                workerScript + "\n// a new version of the worker\n");
        Window third = agent.openWindow(origin.url("/"));
        RegistrationState waiting = registration.awaitWaiting(WAIT);
        assertThat(waiting.active().id()).isEqualTo(oldWorker);
        assertThat(registration.diagnose().explain()).contains("is waiting", "client(s) still use the active worker");
        for (Window window : agent.windows()) {
            window.close();
        }
        RegistrationState updated = registration.awaitState(
                s -> s.active() != null && s.active().id().equals(waiting.waiting().id()) && s.waiting() == null, WAIT);
        assertThat(updated.active().id()).isNotEqualTo(oldWorker);
        assertThat(third.isClosed()).isTrue();

        // A restart of the runtime, offline from the start: the registration and its cache are back.
        agent.close();
        NetworkConditions offlineNetwork = NetworkConditions.create();
        offlineNetwork.setOnline(false);
        agent = UserAgent.builder().dataDirectory(data).network(offlineNetwork).build();
        Window afterRestart = agent.openWindow(origin.url("/"));
        assertThat(afterRestart.navigationResponse().servedBy()).isEqualTo(Response.ServedBy.SERVICE_WORKER);
        assertThat(afterRestart.controller()).map(WorkerState::id).contains(updated.active().id());
        assertThat(afterRestart.fetch("./img").text()).isEqualTo("cat-2");
    }

    @Test
    void withoutAWorkerAnOfflineOriginIsANetworkError() throws Exception {
        serveSeed();
        NetworkConditions network = NetworkConditions.create();
        agent = UserAgent.builder().network(network).build();
        network.setOnline(false);
        assertThatThrownBy(() -> agent.openWindow(origin.url("/"))).isInstanceOf(NetworkErrorException.class);
    }

    /** Waits until the worker's cache answers the picture with {@code text} (its waitUntil refresh is done). */
    private void awaitCached(Window window, String text) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Response response = window.fetch("./img");
            if (response.text().equals(text)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the cache never answered " + text + "; last: " + response.text());
            }
            Thread.sleep(20);
        }
    }
}
