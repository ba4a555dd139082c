package org.sw4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sw4j.network.TestOrigin;

/**
 * A worker acting on its windows (Service Workers § WindowClient focus() and navigate(), Clients
 * openWindow()) with real JavaScript workers, and what the embedder's windows show of it.
 */
class WindowClientTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * Controls /app/ from the start (skipWaiting, claim); records navigations and lets them go to the
     * network; /app/do?action=… runs a clients operation and answers what came of it.
     */
    private static final String WORKER = """
            self.addEventListener('install', (e) => e.waitUntil(self.skipWaiting()));
            self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
            const navigations = [];
            const describe = (c) => c === null ? 'null' : `${c.constructor.name} ${c.url} ${c.id} ${c.visibilityState} ${c.focused}`;
            async function run(params) {
              const action = params.get('action');
              const id = params.get('id');
              const url = params.get('url');
              if (action === 'focus') return describe(await (await clients.get(id)).focus());
              if (action === 'navigate') return describe(await (await clients.get(id)).navigate(url));
              if (action === 'open') return describe(await clients.openWindow(url));
              if (action === 'matchAll') {
                const all = await clients.matchAll({ includeUncontrolled: true });
                return all.map(describe).join('\\n');
              }
              if (action === 'navigations') return navigations.join('\\n');
              return 'unknown action';
            }
            self.addEventListener('fetch', (e) => {
              const url = new URL(e.request.url);
              if (e.request.mode === 'navigate') {
                navigations.push(`${url.pathname} ${e.resultingClientId} ${e.replacesClientId || '-'}`);
                return;
              }
              if (url.pathname === '/app/do') {
                e.respondWith(run(url.searchParams).then(
                  (text) => new Response(text),
                  (err) => new Response(`${err.name}: ${err.message}`)));
              }
            });
            """;

    private final TestOrigin origin = new TestOrigin();
    private final TestOrigin other = new TestOrigin();
    private UserAgent agent;
    private Registration registration;

    @BeforeEach
    void serve() {
        for (String path : new String[] {"/app/", "/app/page", "/app/next", "/app/opened", "/outside"}) {
            origin.serve(path, 200, Map.of("Content-Type", "text/html"), "document " + path);
        }
        origin.script("/app/sw.js", WORKER);
        other.serve("/elsewhere", 200, Map.of("Content-Type", "text/html"), "another origin");
    }

    @AfterEach
    void close() {
        if (agent != null) {
            agent.close();
        }
        origin.close();
        other.close();
    }

    /** A window of /app/ controlled by the worker. */
    private Window controlled() throws Exception {
        return controlled(UserAgent.builder());
    }

    private Window controlled(UserAgent.Builder builder) throws Exception {
        agent = builder.build();
        Window page = agent.openWindow(origin.url("/app/"));
        registration = page.serviceWorker().register("/app/sw.js");
        registration.awaitActivated(WAIT);
        LifecycleTestSupport.await(() -> page.controller().isPresent());
        return page;
    }

    private static String run(Window from, String action, String... parameters) throws Exception {
        StringBuilder query = new StringBuilder("/app/do?action=").append(action);
        for (int i = 0; i < parameters.length; i += 2) {
            query.append('&').append(parameters[i]).append('=')
                    .append(URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        return from.fetch(query.toString()).text();
    }

    @Test
    void focusIsRefusedWithoutWindowInteraction() throws Exception {
        Window page = controlled();
        Window second = agent.openWindow(origin.url("/app/page"));
        assertThat(page.isFocused()).isFalse();

        assertThat(run(second, "focus", "id", page.id())).startsWith("InvalidAccessError: ");
        assertThat(page.isFocused()).isFalse();
    }

    @Test
    void focusWithWindowInteractionFocusesTheWindow() throws Exception {
        Window page = controlled();
        Window second = agent.openWindow(origin.url("/app/page"));
        page.setState("hidden", false);
        registration.allowWindowInteraction(Duration.ofMinutes(1));

        assertThat(run(second, "focus", "id", page.id()))
                .isEqualTo("WindowClient " + origin.url("/app/") + " " + page.id() + " visible true");
        assertThat(page.isFocused()).isTrue();
        assertThat(page.visibilityState()).isEqualTo("visible");
        assertThat(second.isFocused()).isFalse();
    }

    @Test
    void theEmbeddersVisibilityAndFocusShowInMatchAll() throws Exception {
        Window page = controlled();
        Window second = agent.openWindow(origin.url("/app/page"));
        page.setState("hidden", false);
        second.setState("visible", true);

        assertThat(run(page, "matchAll").lines()).containsExactly(
                "WindowClient " + origin.url("/app/page") + " " + second.id() + " visible true",
                "WindowClient " + origin.url("/app/") + " " + page.id() + " hidden false");
    }

    @Test
    void navigateGoesThroughTheWorkerAndTheWindowBecomesTheNewClient() throws Exception {
        Window page = controlled();
        Window second = agent.openWindow(origin.url("/app/page"));
        String before = page.id();

        String answer = run(second, "navigate", "id", before, "url", "next");

        LifecycleTestSupport.await(() -> page.url().equals(origin.url("/app/next")));
        assertThat(page.id()).isNotEqualTo(before);
        assertThat(page.navigationResponse().text()).isEqualTo("document /app/next");
        assertThat(page.controller()).isPresent();
        assertThat(answer).isEqualTo("WindowClient " + origin.url("/app/next") + " " + page.id() + " visible false");
        assertThat(run(second, "navigations").lines()).contains("/app/next " + page.id() + " " + before);
        assertThat(agent.windows()).contains(page).hasSize(2);
    }

    @Test
    void navigateToAnotherOriginResolvesWithNull() throws Exception {
        Window page = controlled();
        Window second = agent.openWindow(origin.url("/app/page"));

        assertThat(run(second, "navigate", "id", page.id(), "url", other.url("/elsewhere"))).isEqualTo("null");
        assertThat(page.url()).isEqualTo(other.url("/elsewhere"));
        assertThat(page.navigationResponse().text()).isEqualTo("another origin");
    }

    @Test
    void navigateRejectsWithTypeErrors() throws Exception {
        Window page = controlled();
        Window outside = agent.openWindow(origin.url("/outside"));

        assertThat(run(page, "navigate", "id", page.id(), "url", "http://[bad")).startsWith("TypeError: ");
        assertThat(run(page, "navigate", "id", page.id(), "url", "about:blank")).startsWith("TypeError: ");
        // A client the worker does not control.
        assertThat(run(page, "navigate", "id", outside.id(), "url", "/app/next")).startsWith("TypeError: ");
        // A navigation that fails.
        assertThat(run(page, "navigate", "id", page.id(), "url", "http://127.0.0.1:1/")).startsWith("TypeError: ");
        assertThat(page.url()).isEqualTo(origin.url("/app/"));
        assertThat(outside.url()).isEqualTo(origin.url("/outside"));
    }

    @Test
    void openWindowNeedsWindowInteractionAndAValidUrl() throws Exception {
        Window page = controlled();

        assertThat(run(page, "open", "url", "/app/opened")).startsWith("InvalidAccessError: ");
        assertThat(run(page, "open", "url", "about:blank")).startsWith("TypeError: ");
        assertThat(run(page, "open", "url", "http://[bad")).startsWith("TypeError: ");
        assertThat(agent.windows()).containsExactly(page);
    }

    @Test
    void openWindowOpensAWindowControlledByTheWorker() throws Exception {
        Window page = controlled();
        registration.allowWindowInteraction(Duration.ofMinutes(1));

        String answer = run(page, "open", "url", "opened");

        Window opened = agent.windows().stream().filter(w -> w != page).findFirst().orElseThrow();
        assertThat(opened.url()).isEqualTo(origin.url("/app/opened"));
        assertThat(opened.navigationResponse().text()).isEqualTo("document /app/opened");
        assertThat(opened.controller()).isPresent();
        assertThat(answer).isEqualTo("WindowClient " + origin.url("/app/opened") + " " + opened.id() + " visible true");
        assertThat(run(page, "navigations").lines()).contains("/app/opened " + opened.id() + " -");
    }

    @Test
    void openWindowAsksTheEmbeddersOpener() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        Window page = controlled(UserAgent.builder().windowOpener((userAgent, url) -> {
            asked.add(url);
            return null;
        }));
        registration.allowWindowInteraction(Duration.ofMinutes(1));

        assertThat(run(page, "open", "url", "opened")).startsWith("TypeError: ");
        assertThat(asked).containsExactly(origin.url("/app/opened"));
        assertThat(agent.windows()).containsExactly(page);
    }

    @Test
    void openWindowToAnotherOriginResolvesWithNull() throws Exception {
        Window page = controlled();
        registration.allowWindowInteraction(Duration.ofMinutes(1));

        assertThat(run(page, "open", "url", other.url("/elsewhere"))).isEqualTo("null");
        assertThat(agent.windows()).extracting(Window::url).contains(other.url("/elsewhere"));
    }
}
