package org.sw4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.core.engine.ServiceWorkerClient;
import org.sw4j.core.engine.ServiceWorkerVersion;
import org.sw4j.core.spi.FetchEventResult;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.network.TestOrigin;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.RequestMode;
import org.sw4j.webapi.url.Url;

/**
 * Static routing (InstallEvent.addRoutes) with real workers through the Java API: cache and network
 * sources answer without starting the worker, conditions pick the rule, the race source, routes
 * kept across a restart, and addRoutes' errors.
 */
class StaticRoutingTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path data;
    private final TestOrigin origin = new TestOrigin();
    private UserAgent agent;
    private final AtomicInteger starts = new AtomicInteger();
    private final List<LifecycleEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        if (agent != null) {
            agent.close();
        }
        origin.close();
    }

    private void serve(String worker) {
        origin.serve("/", 200, Map.of("Content-Type", "text/html"), "<!doctype html><title>app</title>");
        for (String path : List.of("/cached", "/missing", "/api/x", "/w/a", "/img/a.png", "/status", "/other", "/zzz",
                "/echo")) {
            origin.serve(path, 200, Map.of("Content-Type", "text/plain"), "network " + path);
        }
        origin.script("/sw.js", worker);
    }

    private UserAgent newAgent(Path directory) throws Exception {
        UserAgent.Builder builder = UserAgent.builder().idleTimeout(Duration.ofSeconds(30));
        if (directory != null) {
            builder.dataDirectory(directory);
        }
        UserAgent created = builder.build();
        created.onLifecycleEvent(event -> {
            events.add(event);
            if (event instanceof LifecycleEvent.RunningChanged running && running.running()) {
                starts.incrementAndGet();
            }
        });
        return created;
    }

    /** Registers /sw.js from a fresh window and waits for it to be active. */
    private Registration registerAndActivate() throws Exception {
        Window page = agent.openWindow(origin.url("/"));
        Registration registration = page.serviceWorker().register("/sw.js");
        registration.awaitActivated(WAIT);
        return registration;
    }

    private ServiceWorkerVersion activeVersion() {
        return agent.context().registrations().get(0).active();
    }

    /** Stops the active worker and waits until the engine says it stopped. */
    private void stopWorker() throws Exception {
        ServiceWorkerVersion version = activeVersion();
        agent.context().stopWorker(version);
        LifecycleTestSupport.await(() -> !version.isRunning() && events.stream().anyMatch(
                e -> e instanceof LifecycleEvent.RunningChanged r && !r.running() && r.workerId().equals(version.id())));
        // Observer events are asynchronous: count starts only from here on.
        Thread.sleep(100);
        starts.set(0);
    }

    private static final String CACHING_WORKER = """
            self.addEventListener('install', (event) => {
              event.waitUntil(caches.open('v1').then((cache) => cache.put('/cached', new Response('from cache'))));
              event.addRoutes([
                { condition: { urlPattern: '/cached' }, source: 'cache' },
                { condition: { urlPattern: '/missing' }, source: { cacheName: 'v1' } },
                { condition: { or: [{ urlPattern: '/api/*' }, { requestMode: 'navigate' }] }, source: 'network' },
              ]);
            });
            self.addEventListener('fetch', (event) => event.respondWith(new Response('from the worker')));
            """;

    @Test
    void aCacheRouteServesWithoutStartingTheWorkerAndAMissGoesToTheNetwork() throws Exception {
        serve(CACHING_WORKER);
        agent = newAgent(null);
        registerAndActivate();
        Window controlled = agent.openWindow(origin.url("/"));
        assertThat(controlled.navigationResponse().servedBy()).isEqualTo(Response.ServedBy.NETWORK);
        assertThat(controlled.controller()).isPresent();
        stopWorker();

        Response cached = controlled.fetch("/cached");
        assertThat(cached.text()).isEqualTo("from cache");
        assertThat(cached.servedBy()).isEqualTo(Response.ServedBy.CACHE_ROUTE);
        Response missing = controlled.fetch("/missing");
        assertThat(missing.text()).isEqualTo("network /missing");
        assertThat(missing.servedBy()).isEqualTo(Response.ServedBy.NETWORK);
        Response api = controlled.fetch("/api/x");
        assertThat(api.text()).isEqualTo("network /api/x");
        assertThat(api.servedBy()).isEqualTo(Response.ServedBy.NETWORK);
        // No rule: the fetch event, which starts the worker.
        Response other = controlled.fetch("/other");
        assertThat(other.servedBy()).isEqualTo(Response.ServedBy.SERVICE_WORKER);
        LifecycleTestSupport.await(() -> starts.get() == 1);
        Thread.sleep(200);
        assertThat(starts).hasValue(1);
    }

    @Test
    void handleFetchWithoutBlockingDecidesCacheAndNetworkRoutesOfAStoreInMemory() throws Exception {
        serve(CACHING_WORKER);
        agent = newAgent(null);
        registerAndActivate();
        Window controlled = agent.openWindow(origin.url("/"));
        stopWorker();
        ServiceWorkerClient client = agent.context().client(controlled.id()).orElseThrow();

        FetchEventResult cached = withoutBlocking(client, "/cached").orElseThrow();
        assertThat(cached).isInstanceOfSatisfying(FetchEventResult.Responded.class, responded -> {
            assertThat(responded.answeredBy()).isEqualTo(FetchEventResult.AnsweredBy.CACHE_ROUTE);
            assertThat(text(responded)).isEqualTo("from cache");
        });
        // A miss of the cache source, and the network source: to the network.
        assertThat(withoutBlocking(client, "/missing")).containsInstanceOf(FetchEventResult.Fallback.class);
        assertThat(withoutBlocking(client, "/api/x")).containsInstanceOf(FetchEventResult.Fallback.class);
        // No rule: the fetch event, which needs the worker; Handle Fetch then blocks.
        assertThat(withoutBlocking(client, "/other")).isEmpty();
        // A page no worker controls: to the network.
        ServiceWorkerClient uncontrolled = agent.context().reserveWindowClient(Url.parse(origin.url("/elsewhere")));
        assertThat(agent.context().handleFetchWithoutBlocking(request("/zzz"), uncontrolled))
                .containsInstanceOf(FetchEventResult.Fallback.class);
        Thread.sleep(200);
        assertThat(starts).hasValue(0);
    }

    @Test
    void handleFetchWithoutBlockingLeavesAStoreOnDiskToHandleFetch() throws Exception {
        serve(CACHING_WORKER);
        agent = newAgent(data);
        registerAndActivate();
        Window controlled = agent.openWindow(origin.url("/"));
        ServiceWorkerClient client = agent.context().client(controlled.id()).orElseThrow();
        // SQLite reads may block: the cache source is left to Handle Fetch; the network source is not.
        assertThat(withoutBlocking(client, "/cached")).isEmpty();
        assertThat(withoutBlocking(client, "/api/x")).containsInstanceOf(FetchEventResult.Fallback.class);
        assertThat(controlled.fetch("/cached").servedBy()).isEqualTo(Response.ServedBy.CACHE_ROUTE);
    }

    private java.util.Optional<FetchEventResult> withoutBlocking(ServiceWorkerClient client, String path) {
        return agent.context().handleFetchWithoutBlocking(request(path), client);
    }

    private FetchRequest request(String path) {
        FetchRequest request = new FetchRequest(Url.parse(origin.url(path)));
        request.setMode(RequestMode.SAME_ORIGIN);
        return request;
    }

    private static String text(FetchEventResult.Responded responded) {
        try (var body = responded.response().body().stream()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aNetworkRouteNeverStartsTheWorker() throws Exception {
        serve(CACHING_WORKER);
        agent = newAgent(null);
        registerAndActivate();
        stopWorker();
        Window controlled = agent.openWindow(origin.url("/"));
        assertThat(controlled.controller()).isPresent();
        for (int i = 0; i < 5; i++) {
            Response api = controlled.fetch("/api/x");
            assertThat(api.servedBy()).isEqualTo(Response.ServedBy.NETWORK);
            assertThat(controlled.fetch("/cached").servedBy()).isEqualTo(Response.ServedBy.CACHE_ROUTE);
        }
        Thread.sleep(300);
        assertThat(starts).hasValue(0);
        assertThat(activeVersion().isRunning()).isFalse();
    }

    @Test
    void conditionsPickTheRule() throws Exception {
        serve("""
                self.addEventListener('install', (event) => {
                  event.addRoutes([
                    { condition: { requestMethod: 'post' }, source: 'network' },
                    { condition: { requestMode: 'navigate', requestDestination: 'document' }, source: 'network' },
                    { condition: { urlPattern: '/status', runningStatus: 'not-running' }, source: 'network' },
                    { condition: { or: [{ urlPattern: new URLPattern({ pathname: '/w/*' }) }, { urlPattern: '/status' }] },
                      source: 'fetch-event' },
                    { condition: { urlPattern: 'img/*' }, source: 'fetch-event' },
                    { condition: { not: { urlPattern: { pathname: '/zzz' } } }, source: 'network' },
                  ]);
                });
                self.addEventListener('fetch', (event) => event.respondWith(new Response('worker ' + event.request.method)));
                """);
        agent = newAgent(null);
        registerAndActivate();
        stopWorker();
        Window controlled = agent.openWindow(origin.url("/"));
        assertThat(controlled.navigationResponse().servedBy()).isEqualTo(Response.ServedBy.NETWORK);
        assertThat(starts).hasValue(0);
        assertThat(controlled.fetch("/status").text()).isEqualTo("network /status");
        assertThat(controlled.fetch("/w/a").text()).isEqualTo("worker GET");
        LifecycleTestSupport.await(() -> activeVersion().isRunning());
        assertThat(controlled.fetch("/status").text()).isEqualTo("worker GET");
        assertThat(controlled.fetch("/img/a.png").text()).isEqualTo("worker GET");
        assertThat(controlled.fetch("/w/a", "POST", Map.of(), "x".getBytes(StandardCharsets.UTF_8)).text())
                .isEqualTo("network /w/a");
        assertThat(controlled.fetch("/other").text()).isEqualTo("network /other");
        assertThat(controlled.fetch("/zzz").text()).isEqualTo("worker GET");
        stopWorker();
        assertThat(controlled.fetch("/status").servedBy()).isEqualTo(Response.ServedBy.NETWORK);
    }

    @Test
    void theRaceIsWonByTheFirstUsableResponse() throws Exception {
        serve("""
                self.addEventListener('install', (event) => {
                  event.addRoutes({ condition: { urlPattern: '/race/*' }, source: 'race-network-and-fetch-handler' });
                });
                self.addEventListener('fetch', (event) => {
                  const path = new URL(event.request.url).pathname;
                  if (path === '/race/slow-worker') {
                    event.respondWith(new Promise((resolve) => setTimeout(() => resolve(new Response('worker')), 3000)));
                  } else if (path === '/race/slow-network' || path === '/race/not-found') {
                    event.respondWith(new Response('worker'));
                  } else if (path === '/race/no-answer') {
                    // no respondWith: the race's network response answers
                  }
                });
                """);
        origin.serve("/race/slow-worker", 200, Map.of("Content-Type", "text/plain"), "network");
        origin.serve("/race/no-answer", 200, Map.of("Content-Type", "text/plain"), "network");
        origin.route("/race/slow-network", (request, response) -> {
            Thread.sleep(3000);
            Content.Sink.write(response, true, "network", Callback.NOOP);
        });
        origin.serve("/race/not-found", 404, Map.of("Content-Type", "text/plain"), "network 404");
        agent = newAgent(null);
        registerAndActivate();
        Window controlled = agent.openWindow(origin.url("/"));
        LifecycleTestSupport.await(() -> activeVersion().isRunning());

        Response slowWorker = controlled.fetch("/race/slow-worker");
        assertThat(slowWorker.text()).isEqualTo("network");
        assertThat(slowWorker.servedBy()).isEqualTo(Response.ServedBy.NETWORK);
        Response slowNetwork = controlled.fetch("/race/slow-network");
        assertThat(slowNetwork.text()).isEqualTo("worker");
        assertThat(slowNetwork.servedBy()).isEqualTo(Response.ServedBy.SERVICE_WORKER);
        // A 404 is not ok: it does not win, the worker's answer does.
        assertThat(controlled.fetch("/race/not-found").text()).isEqualTo("worker");
        Response noAnswer = controlled.fetch("/race/no-answer");
        assertThat(noAnswer.text()).isEqualTo("network");
        assertThat(noAnswer.servedBy()).isEqualTo(Response.ServedBy.NETWORK);
        // POST is not raced: the fetch event alone answers.
        assertThat(controlled.fetch("/race/slow-network", "POST", Map.of(), new byte[0]).text()).isEqualTo("worker");
    }

    @Test
    void routesSurviveARestartAndApplyBeforeTheWorkerEverStarts() throws Exception {
        serve(CACHING_WORKER);
        agent = newAgent(data);
        registerAndActivate();
        agent.close();
        starts.set(0);
        events.clear();

        agent = newAgent(data);
        Window controlled = agent.openWindow(origin.url("/"));
        assertThat(controlled.navigationResponse().servedBy()).isEqualTo(Response.ServedBy.NETWORK);
        assertThat(controlled.controller()).isPresent();
        Response cached = controlled.fetch("/cached");
        assertThat(cached.text()).isEqualTo("from cache");
        assertThat(cached.servedBy()).isEqualTo(Response.ServedBy.CACHE_ROUTE);
        assertThat(controlled.fetch("/api/x").servedBy()).isEqualTo(Response.ServedBy.NETWORK);
        assertThat(controlled.fetch("/missing").servedBy()).isEqualTo(Response.ServedBy.NETWORK);
        Thread.sleep(300);
        assertThat(starts).hasValue(0);
        assertThat(activeVersion().routerRules()).hasSize(3);
        assertThat(controlled.fetch("/other").servedBy()).isEqualTo(Response.ServedBy.SERVICE_WORKER);
    }

    @Test
    void invalidRulesRejectWithTypeErrorAndAddRoutesOutsideInstallIsAnInvalidStateError() throws Exception {
        serve("""
                const results = {};
                const record = (name, promise) => promise.then(() => { results[name] = 'ok'; },
                  (e) => { results[name] = e.name; });
                let install;
                self.addEventListener('install', (event) => {
                  install = event;
                  let deep = { requestMode: 'cors' };
                  for (let i = 0; i < 10; i++) deep = { not: deep };
                  record('empty', event.addRoutes({ condition: {}, source: 'network' }));
                  record('regexp', event.addRoutes({ condition: { urlPattern: '/user/(\\\\d+)' }, source: 'network' }));
                  record('forbidden', event.addRoutes({ condition: { requestMethod: 'CONNECT' }, source: 'network' }));
                  record('notByteString', event.addRoutes({ condition: { requestMethod: 'G\u0100T' }, source: 'network' }));
                  record('orWithOthers', event.addRoutes({ condition: { or: [], requestMode: 'cors' }, source: 'network' }));
                  record('badMode', event.addRoutes({ condition: { requestMode: 'bogus' }, source: 'network' }));
                  record('badSource', event.addRoutes({ condition: { urlPattern: '/x' }, source: 'bogus' }));
                  record('noCondition', event.addRoutes({ source: 'network' }));
                  record('badPattern', event.addRoutes({ condition: { urlPattern: 'https://a.example/(' }, source: 'network' }));
                  record('tooDeep', event.addRoutes({ condition: deep, source: 'network' }));
                  record('valid', event.addRoutes([{ condition: { urlPattern: '/api/*' }, source: 'network' }]));
                  record('untrusted', new InstallEvent('install').addRoutes({ condition: { urlPattern: '/a' }, source: 'network' }));
                });
                self.addEventListener('activate', () => {
                  record('afterInstall', install.addRoutes({ condition: { urlPattern: '/a' }, source: 'network' }));
                });
                self.addEventListener('fetch', (event) => {
                  if (event.request.url.endsWith('/report')) {
                    event.respondWith(new Response(JSON.stringify(results)));
                  }
                });
                """);
        agent = newAgent(null);
        registerAndActivate();
        Window controlled = agent.openWindow(origin.url("/"));
        String report = controlled.fetch("/report").text();
        assertThat(report).contains("\"empty\":\"TypeError\"", "\"regexp\":\"TypeError\"", "\"forbidden\":\"TypeError\"",
                "\"notByteString\":\"TypeError\"", "\"orWithOthers\":\"TypeError\"", "\"badMode\":\"TypeError\"",
                "\"badSource\":\"TypeError\"", "\"noCondition\":\"TypeError\"", "\"badPattern\":\"TypeError\"",
                "\"tooDeep\":\"TypeError\"", "\"valid\":\"ok\"", "\"untrusted\":\"InvalidStateError\"",
                "\"afterInstall\":\"InvalidStateError\"");
        assertThat(activeVersion().routerRules()).hasSize(1);
        assertThat(controlled.fetch("/api/x").servedBy()).isEqualTo(Response.ServedBy.NETWORK);
    }

    @Test
    void anInstallThatWaitsOnARejectedAddRoutesFailsAndAFetchEventSourceNeedsAFetchListener() throws Exception {
        serve("""
                self.addEventListener('install', (event) => {
                  event.waitUntil(event.addRoutes({ condition: { urlPattern: '/x' }, source: 'fetch-event' }));
                });
                """);
        agent = newAgent(null);
        Window page = agent.openWindow(origin.url("/"));
        page.serviceWorker().register("/sw.js");
        LifecycleTestSupport.await(() -> events.stream().anyMatch(e -> e instanceof LifecycleEvent.StateChanged s
                && s.state() == ServiceWorkerState.REDUNDANT));
        assertThat(agent.context().registrations()).allSatisfy(r -> assertThat(r.active()).isNull());
    }
}
