package org.sw4j.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.network.TestOrigin;
import org.sw4j.webapi.error.WebError;

/** The lifecycle with real JavaScript workers, driven from the Java API (the core's tests run it on a fake host). */
class AgentLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final TestOrigin origin = new TestOrigin();
    private UserAgent agent;

    @AfterEach
    void close() {
        if (agent != null) {
            agent.close();
        }
        origin.close();
    }

    private Window start(String worker) throws Exception {
        origin.serve("/", 200, Map.of("Content-Type", "text/html"), "<!doctype html><title>app</title>");
        origin.serve("/data", 200, Map.of("Content-Type", "text/plain"), "from the network");
        origin.script("/sw.js", worker);
        agent = UserAgent.builder().idleTimeout(Duration.ofSeconds(1)).build();
        return agent.openWindow(origin.url("/"));
    }

    @Test
    void skipWaitingAndClaimTakeControlWithControllerChange() throws Exception {
        Window page = start("""
                self.addEventListener('install', (e) => e.waitUntil(self.skipWaiting()));
                self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
                self.addEventListener('fetch', (e) => e.respondWith(new Response('v1 answers ' + e.clientId)));
                """);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        page.onControllerChange(() -> events.add("controllerchange"));
        agent.onLifecycleEvent(event -> {
            if (event instanceof LifecycleEvent.StateChanged changed) {
                events.add(changed.state().jsName());
            }
        });
        Registration registration = page.serviceWorker().register("/sw.js");
        registration.awaitActivated(WAIT);
        // Listeners hear of changes on their own thread, after the state changed.
        LifecycleTestSupport.await(() -> events.contains("controllerchange") && events.contains("activated"));
        assertThat(events).containsSubsequence("installing", "installed", "activating", "activated");
        assertThat(page.controller()).isPresent();
        assertThat(page.fetch("/data").text()).isEqualTo("v1 answers " + page.id());

        origin.script("/sw.js", """
                self.addEventListener('install', (e) => e.waitUntil(self.skipWaiting()));
                self.addEventListener('fetch', (e) => e.respondWith(new Response('v2')));
                """);
        registration.update();
        LifecycleTestSupport.await(() -> {
            try {
                return page.fetch("/data").text().equals("v2");
            } catch (NetworkErrorException e) {
                return false;
            }
        });
    }

    @Test
    void awaitNoPendingEventsWaitsForAFetchEventsWaitUntil() throws Exception {
        Window page = start("""
                self.addEventListener('install', (e) => e.waitUntil(self.skipWaiting()));
                self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
                let release;
                self.addEventListener('fetch', (e) => {
                  e.respondWith(new Response('answered'));
                  e.waitUntil(new Promise((resolve) => { release = resolve; }));
                });
                self.addEventListener('message', () => release());
                """);
        Registration registration = page.serviceWorker().register("/sw.js");
        registration.awaitActivated(WAIT);
        LifecycleTestSupport.await(() -> page.controller().isPresent());
        assertThat(registration.state().active().pendingEvents()).isZero();

        assertThat(page.fetch("/data").text()).isEqualTo("answered");
        assertThat(registration.state().active().pendingEvents()).isEqualTo(1);
        assertThatThrownBy(() -> registration.awaitNoPendingEvents(Duration.ofMillis(200)))
                .isInstanceOf(java.util.concurrent.TimeoutException.class);

        registration.active().orElseThrow().postMessage("release");
        assertThat(registration.awaitNoPendingEvents(WAIT).active().pendingEvents()).isZero();
    }

    @Test
    void fetchListenersHearWhoAnsweredEachFetch() throws Exception {
        Window page = start("""
                self.addEventListener('install', (e) => e.waitUntil(self.skipWaiting()));
                self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
                self.addEventListener('fetch', (e) => {
                  if (e.request.url.endsWith('/worker')) e.respondWith(new Response('made here', {status: 201}));
                  if (e.request.url.endsWith('/broken')) e.respondWith(Response.error());
                });
                """);
        List<FetchRecord> records = Collections.synchronizedList(new ArrayList<>());
        page.serviceWorker().register("/sw.js").awaitActivated(WAIT);
        LifecycleTestSupport.await(() -> page.controller().isPresent());
        agent.onFetch(records::add);

        page.fetch("/worker");
        page.fetch("/data");
        assertThatThrownBy(() -> page.fetch("/broken")).isInstanceOf(NetworkErrorException.class);
        Window second = agent.openWindow(origin.url("/"));

        assertThat(records).hasSize(4);
        assertThat(records.get(0)).satisfies(r -> {
            assertThat(r.url()).isEqualTo(origin.url("/worker"));
            assertThat(r.clientId()).isEqualTo(page.id());
            assertThat(r.servedBy()).isEqualTo(Response.ServedBy.SERVICE_WORKER);
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.navigation()).isFalse();
        });
        assertThat(records.get(1).servedBy()).isEqualTo(Response.ServedBy.NETWORK);
        assertThat(records.get(1).status()).isEqualTo(200);
        assertThat(records.get(2).failed()).isTrue();
        assertThat(records.get(2).status()).isZero();
        assertThat(records.get(2).error()).contains("Response.error()");
        assertThat(records.get(3).navigation()).isTrue();
        assertThat(records.get(3).clientId()).isEqualTo(second.id());
        assertThat(records.get(3).method()).isEqualTo("GET");

        java.util.function.Consumer<FetchRecord> listener = records::add;
        agent.onFetch(listener);
        page.fetch("/data");
        assertThat(records).hasSize(6); // both listeners heard it
        assertThat(agent.removeFetchListener(listener)).isTrue();
        assertThat(agent.removeFetchListener(listener)).isFalse();
        page.fetch("/data");
        assertThat(records).hasSize(7);
    }

    @Test
    void aRejectedInstallKeepsTheOldWorkerAndTheNewOneIsRedundant() throws Exception {
        Window page = start("self.addEventListener('fetch', (e) => e.respondWith(new Response('old')));");
        Registration registration = page.serviceWorker().register("/sw.js");
        registration.awaitActivated(WAIT);
        String old = registration.state().active().id();
        List<LifecycleEvent> events = Collections.synchronizedList(new ArrayList<>());
        agent.onLifecycleEvent(events::add);

        origin.script("/sw.js", """
                self.addEventListener('install', (e) => e.waitUntil(Promise.reject(new Error('no space'))));
                self.addEventListener('fetch', (e) => e.respondWith(new Response('new')));
                """);
        registration.update();
        LifecycleTestSupport.await(() -> events.stream().anyMatch(e -> e instanceof LifecycleEvent.StateChanged s
                && s.state() == ServiceWorkerState.REDUNDANT));
        assertThat(registration.state().active().id()).isEqualTo(old);
        Window later = agent.openWindow(origin.url("/"));
        assertThat(later.fetch("/data").text()).isEqualTo("old");
    }

    @Test
    void aStoppedWorkerLosesItsGlobalsButKeepsItsState() throws Exception {
        Window page = start("""
                let count = 0;
                self.addEventListener('fetch', (e) => e.respondWith(new Response(String(++count))));
                """);
        Registration registration = page.serviceWorker().register("/sw.js");
        registration.awaitActivated(WAIT);
        Window controlled = agent.openWindow(origin.url("/"));
        // The navigation was event 1.
        assertThat(controlled.fetch("/data").text()).isEqualTo("2");
        assertThat(controlled.fetch("/data").text()).isEqualTo("3");
        registration.awaitState(s -> !s.active().running(), WAIT);
        assertThat(registration.state().active().state()).isEqualTo(ServiceWorkerState.ACTIVATED);
        assertThat(controlled.fetch("/data").text()).isEqualTo("1");
    }

    @Test
    void aStuckInstallIsExplainedWithTheLineOfItsPromise() throws Exception {
        Window page = start("""
                self.addEventListener('install', (event) => {
                  event.waitUntil(new Promise(() => {}));
                });
                """);
        Registration registration = page.serviceWorker().register("/sw.js");
        registration.awaitState(s -> s.installing() != null, WAIT);
        LifecycleTestSupport.await(() -> {
            try {
                return !registration.diagnose().installingPending().isEmpty();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(registration.diagnose().explain()).contains("is installing", "waitUntil()", origin.url("/sw.js") + ":2:");
    }

    @Test
    void aRejectedRespondWithIsANetworkErrorAndNoRespondWithFallsBackToTheNetwork() throws Exception {
        Window page = start("""
                self.addEventListener('fetch', (e) => {
                  if (e.request.url.endsWith('/fail')) e.respondWith(Promise.reject(new TypeError('nope')));
                });
                """);
        page.serviceWorker().register("/sw.js").awaitActivated(WAIT);
        Window controlled = agent.openWindow(origin.url("/"));
        assertThat(controlled.controller()).isPresent();
        Response data = controlled.fetch("/data");
        assertThat(data.servedBy()).isEqualTo(Response.ServedBy.NETWORK);
        assertThat(data.text()).isEqualTo("from the network");
        assertThatThrownBy(() -> controlled.fetch("/fail")).isInstanceOf(NetworkErrorException.class)
                .hasMessageContaining("rejected: TypeError: nope");
    }

    @Test
    void registerRejectsWithTheSpecsErrors() throws Exception {
        Window page = start("// nothing");
        origin.serve("/page.html", 200, Map.of("Content-Type", "text/html"), "<p>");
        assertThatThrownBy(() -> page.serviceWorker().register("/page.html")).isInstanceOf(WebError.class)
                .satisfies(e -> assertThat(((WebError) e).jsName()).isEqualTo("SecurityError"))
                .hasMessageContaining("MIME type ('text/html')");
        assertThatThrownBy(() -> page.serviceWorker().register("/missing.js")).isInstanceOf(WebError.class)
                .hasMessageContaining("(404)");
        origin.script("/broken.js", "this is not javascript (");
        assertThatThrownBy(() -> page.serviceWorker().register("/broken.js")).isInstanceOf(WebError.class)
                .hasMessageContaining("evaluation failed");
        assertThat(page.serviceWorker().getRegistrations()).isEmpty();
    }
}
