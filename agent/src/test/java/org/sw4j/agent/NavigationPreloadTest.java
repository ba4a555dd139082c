package org.sw4j.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Content;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.core.spi.NavigationPreloadState;
import org.sw4j.network.TestOrigin;
import org.sw4j.webapi.error.WebError;

/**
 * Navigation preload (Service Workers § NavigationPreloadManager and Handle Fetch's preload steps)
 * with real JavaScript workers and a real origin that records what it receives.
 */
class NavigationPreloadTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String HEADER = "service-worker-navigation-preload";

    /**
     * Enables preload when activated; answers navigations to /page* with the preload response,
     * leaves /fallback* to the network, answers /unused on its own; /control drives the manager.
     */
    private static final String WORKER = """
            const preload = self.registration.navigationPreload;
            let installError = 'none';
            self.addEventListener('install', (e) => {
              e.waitUntil(preload.enable().then(() => { installError = 'resolved'; }, (err) => { installError = err.name; }));
            });
            self.addEventListener('activate', (e) => e.waitUntil(preload.enable()));
            self.addEventListener('fetch', (e) => {
              const url = new URL(e.request.url);
              if (url.pathname === '/control') {
                e.respondWith((async () => {
                  try {
                    const action = url.searchParams.get('action');
                    if (action === 'installError') return new Response(installError);
                    if (action === 'header') await preload.setHeaderValue(url.searchParams.get('value'));
                    if (action === 'disable') await preload.disable();
                    if (action === 'same') return new Response(String(self.registration.navigationPreload === preload));
                    const state = await preload.getState();
                    return new Response(state.enabled + ' ' + state.headerValue);
                  } catch (err) {
                    return new Response(err.name);
                  }
                })());
                return;
              }
              if (e.request.mode !== 'navigate') return;
              if (url.pathname.startsWith('/page')) {
                e.respondWith((async () => {
                  const response = await e.preloadResponse;
                  return response === undefined ? new Response('no preload') : response;
                })());
              } else if (url.pathname === '/failing') {
                e.respondWith(e.preloadResponse.then(() => new Response('resolved'), (err) => new Response(err.name)));
              } else if (url.pathname.startsWith('/unused')) {
                // Once the origin has the preload's request: it is cancelled in flight, not before it is sent.
                e.respondWith(fetch('/preload-sent' + url.pathname).then(() => new Response('from the worker')));
              }
            });
            """;

    private final TestOrigin origin = new TestOrigin();
    private UserAgent agent;

    @TempDir
    Path data;

    @BeforeEach
    void serve() {
        origin.serve("/", 200, Map.of("Content-Type", "text/html"), "<!doctype html><title>app</title>");
        origin.serve("/page", 200, Map.of("Content-Type", "text/html"), "the page");
        origin.serve("/page2", 200, Map.of("Content-Type", "text/html"), "the second page");
        origin.serve("/fallback", 200, Map.of("Content-Type", "text/html"), "the fallback page");
        origin.script("/sw.js", WORKER);
    }

    @AfterEach
    void close() {
        if (agent != null) {
            agent.close();
        }
        origin.close();
    }

    private Window registered(UserAgent.Builder builder) throws Exception {
        agent = builder.build();
        Window page = agent.openWindow(origin.url("/"));
        page.serviceWorker().register("/sw.js").awaitActivated(WAIT);
        return agent.openWindow(origin.url("/"));
    }

    private List<TestOrigin.Received> received(String path) {
        return origin.received().stream().filter(r -> r.path().equals(path)).toList();
    }

    @Test
    void aNavigationGetsThePreloadResponseFromOneRequestWithTheHeader() throws Exception {
        Window controlled = registered(UserAgent.builder());
        assertThat(controlled.fetch("/control").text()).isEqualTo("true true");
        assertThat(controlled.fetch("/control?action=same").text()).isEqualTo("true");

        Window page = agent.openWindow(origin.url("/page"));

        assertThat(page.navigationResponse().text()).isEqualTo("the page");
        assertThat(page.navigationResponse().servedBy()).isEqualTo(Response.ServedBy.SERVICE_WORKER);
        assertThat(received("/page")).singleElement()
                .satisfies(r -> assertThat(r.headers()).containsEntry(HEADER, "true"));
    }

    @Test
    void setHeaderValueChangesTheHeaderAndGetStateShowsIt() throws Exception {
        Window controlled = registered(UserAgent.builder());
        assertThat(controlled.fetch("/control?action=header&value=v2").text()).isEqualTo("true v2");

        agent.openWindow(origin.url("/page"));

        assertThat(received("/page")).singleElement()
                .satisfies(r -> assertThat(r.headers()).containsEntry(HEADER, "v2"));
    }

    @Test
    void disabledThereIsNoPreloadAndNoHeader() throws Exception {
        Window controlled = registered(UserAgent.builder());
        assertThat(controlled.fetch("/control?action=disable").text()).isEqualTo("false true");

        Window page = agent.openWindow(origin.url("/page2"));

        assertThat(page.navigationResponse().text()).isEqualTo("no preload");
        assertThat(received("/page2")).isEmpty();
        Window fallback = agent.openWindow(origin.url("/fallback"));
        assertThat(fallback.navigationResponse().text()).isEqualTo("the fallback page");
        assertThat(received("/fallback")).singleElement()
                .satisfies(r -> assertThat(r.headers()).doesNotContainKey(HEADER));
    }

    @Test
    void theStateSurvivesARestart() throws Exception {
        Window controlled = registered(UserAgent.builder().dataDirectory(data));
        assertThat(controlled.fetch("/control?action=header&value=kept").text()).isEqualTo("true kept");
        agent.close();

        agent = UserAgent.builder().dataDirectory(data).build();
        Window page = agent.openWindow(origin.url("/page"));

        assertThat(page.navigationResponse().text()).isEqualTo("the page");
        assertThat(received("/page")).singleElement()
                .satisfies(r -> assertThat(r.headers()).containsEntry(HEADER, "kept"));
        assertThat(page.fetch("/control").text()).isEqualTo("true kept");
    }

    @Test
    void theWindowSideManagesTheSameState() throws Exception {
        agent = UserAgent.builder().build();
        Window page = agent.openWindow(origin.url("/"));
        Registration registration = page.serviceWorker().register("/sw.js");
        registration.awaitActivated(WAIT);
        assertThat(registration.navigationPreloadState()).isEqualTo(new NavigationPreloadState(true, "true"));

        registration.setNavigationPreloadHeaderValue("from the page");
        assertThatThrownBy(() -> registration.setNavigationPreloadHeaderValue("bad\n"))
                .isInstanceOfSatisfying(WebError.class, e -> assertThat(e.jsName()).isEqualTo("TypeError"));
        assertThat(agent.openWindow(origin.url("/")).fetch("/control").text()).isEqualTo("true from the page");
        registration.setNavigationPreloadEnabled(false);
        assertThat(registration.navigationPreloadState()).isEqualTo(new NavigationPreloadState(false, "from the page"));
    }

    @Test
    void aWorkerThatFallsBackGetsThePreloadResponseWithoutASecondRequest() throws Exception {
        registered(UserAgent.builder());

        Window page = agent.openWindow(origin.url("/fallback"));

        assertThat(page.navigationResponse().text()).isEqualTo("the fallback page");
        assertThat(page.navigationResponse().servedBy()).isEqualTo(Response.ServedBy.NETWORK);
        assertThat(received("/fallback")).singleElement()
                .satisfies(r -> assertThat(r.headers()).containsEntry(HEADER, "true"));
    }

    @Test
    void anUnusedPreloadIsCancelledWithoutWarnings() throws Exception {
        assertUnusedPreloadCancelled("/unused", Duration.ZERO);
    }

    @Test
    void anUnusedPreloadWhoseResponseHasNotArrivedIsCancelledWithoutWarnings() throws Exception {
        assertUnusedPreloadCancelled("/unused-late", Duration.ofMillis(500));
    }

    /** The worker answers on its own; the origin answers after {@code delay} with a body that never ends. */
    private void assertUnusedPreloadCancelled(String path, Duration delay) throws Exception {
        CompletableFuture<String> origins = new CompletableFuture<>();
        java.util.concurrent.CountDownLatch sent = new java.util.concurrent.CountDownLatch(1);
        origin.route("/preload-sent" + path, (request, response) -> {
            sent.await(15, TimeUnit.SECONDS);
            Content.Sink.write(response, true, "sent", org.eclipse.jetty.util.Callback.NOOP);
        });
        origin.route(path, (request, response) -> {
            sent.countDown();
            Thread.sleep(delay.toMillis());
            response.getHeaders().put("Content-Type", "text/html");
            OutputStream out = Content.Sink.asOutputStream(response);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            try {
                while (System.nanoTime() < deadline) {
                    out.write(new byte[1024]);
                    out.flush();
                    Thread.sleep(20);
                }
                origins.complete("the body was written to its end");
            } catch (IOException e) {
                origins.complete("the client went away");
            }
        });
        // Captured from the start: the workers' console writes to the stream it was built with.
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            registered(UserAgent.builder());
            Window page = agent.openWindow(origin.url(path));
            assertThat(page.navigationResponse().text()).isEqualTo("from the worker");
            assertThat(origins.get(15, TimeUnit.SECONDS)).isEqualTo("the client went away");
            // Let what would report a failure (the preload's promise, the aborted fetch) run.
            Thread.sleep(200);
            assertThat(page.fetch("/control").text()).isEqualTo("true true");
        } finally {
            System.setErr(original);
        }
        String logged = captured.toString(StandardCharsets.UTF_8);
        original.print(logged);
        assertThat(logged).doesNotContain("WARN").doesNotContain("ERROR").doesNotContain("Uncaught");
        assertThat(received(path)).hasSize(1);
    }

    @Test
    void aFailedPreloadRejectsPreloadResponseWithATypeError() throws Exception {
        registered(UserAgent.builder());
        agent.network().setOnline(false);

        Window page = agent.openWindow(origin.url("/failing"));

        assertThat(page.navigationResponse().text()).isEqualTo("TypeError");
        // A worker that falls back gets the preload's network error: the request is not sent again.
        assertThatThrownBy(() -> agent.openWindow(origin.url("/fallback"))).isInstanceOf(NetworkErrorException.class);
    }

    @Test
    void theManagerRejectsWithoutAnActiveWorkerAndForABadHeaderValue() throws Exception {
        Window controlled = registered(UserAgent.builder());
        assertThat(controlled.fetch("/control?action=installError").text()).isEqualTo("InvalidStateError");
        assertThat(controlled.fetch("/control?action=header&value=%20padded").text()).isEqualTo("TypeError");
        assertThat(controlled.fetch("/control?action=header&value=a%0Ab").text()).isEqualTo("TypeError");
        assertThat(controlled.fetch("/control?action=header&value=%E2%82%AC").text()).isEqualTo("TypeError");
        assertThat(controlled.fetch("/control").text()).isEqualTo("true true");
    }
}
