package org.sw4j.js.serviceworker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.core.spi.ClientInfo;
import org.sw4j.core.spi.ClientType;
import org.sw4j.core.spi.Fetcher;
import org.sw4j.core.spi.PendingExtension;
import org.sw4j.core.spi.RegistrationInfo;
import org.sw4j.core.spi.RunningWorker;
import org.sw4j.core.spi.WorkerInfo;
import org.sw4j.core.spi.WorkerServices;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.core.version.WorkerType;
import org.sw4j.js.WorkerFixture;
import org.sw4j.js.WorkerLimits;
import org.sw4j.webapi.error.DomExceptionName;
import org.sw4j.webapi.error.WebError;

/**
 * ServiceWorkerGlobalScope's registration, serviceWorker, clients and skipWaiting() over a
 * recording {@link WorkerServices}; the set of event types to handle; pending lifetime promises.
 */
class ServiceWorkerGlobalsTest {
    private static final String SCOPE = "http://localhost/";
    private static final WorkerInfo SELF = new WorkerInfo("v2", "http://localhost/sw.js", ServiceWorkerState.INSTALLING);
    private static final WorkerInfo OLD = new WorkerInfo("v1", "http://localhost/sw.js?old", ServiceWorkerState.ACTIVATED);

    @TempDir
    Path dir;

    /** Services whose answers come later, from another thread, as a core's would. */
    static final class RecordingServices implements WorkerServices {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile RegistrationInfo registration = new RegistrationInfo(SCOPE, "imports", SELF, null, OLD);
        volatile List<ClientInfo> clients = List.of();
        volatile CompletableFuture<Void> update;
        volatile RuntimeException claimFailure;
        private final Executor later = CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS);

        private <T> CompletableFuture<T> later(T value) {
            return CompletableFuture.supplyAsync(() -> value, later);
        }

        @Override
        public RegistrationInfo registration() {
            return registration;
        }

        @Override
        public WorkerInfo self() {
            return SELF;
        }

        @Override
        public CompletableFuture<Void> skipWaiting() {
            calls.add("skipWaiting");
            return later(null);
        }

        @Override
        public CompletableFuture<Void> claimClients() {
            calls.add("claim");
            RuntimeException failure = claimFailure;
            if (failure != null) {
                return CompletableFuture.supplyAsync(() -> {
                    throw failure;
                }, later);
            }
            return later(null);
        }

        @Override
        public CompletableFuture<Optional<ClientInfo>> getClient(String id) {
            calls.add("get " + id);
            return later(clients.stream().filter(c -> c.id().equals(id)).findFirst());
        }

        @Override
        public CompletableFuture<List<ClientInfo>> matchAllClients(boolean includeUncontrolled, ClientType type) {
            calls.add("matchAll " + includeUncontrolled + " " + type);
            return later(clients.stream().filter(c -> type == ClientType.ALL || c.type() == type).toList());
        }

        @Override
        public CompletableFuture<Void> update() {
            calls.add("update");
            CompletableFuture<Void> pending = update;
            return pending != null ? pending : later(null);
        }

        @Override
        public CompletableFuture<Boolean> unregister() {
            calls.add("unregister");
            return later(true);
        }
    }

    private RunningWorker run(WorkerFixture w, String script) {
        return w.run(script);
    }

    @Test
    void theRegistrationAndServiceWorkerObjects() {
        var services = new RecordingServices();
        try (var w = new WorkerFixture(dir).services(services)) {
            run(w, """
                    const r = self.registration;
                    console.log(r instanceof ServiceWorkerRegistration, r instanceof EventTarget, String(r));
                    console.log(r.scope, r.updateViaCache, r === self.registration);
                    console.log(r.installing === self.serviceWorker, r.waiting, r.active === r.active);
                    console.log(r.installing.scriptURL, r.installing.state, r.active.scriptURL, r.active.state);
                    console.log(self.serviceWorker instanceof ServiceWorker, String(self.serviceWorker));
                    console.log(typeof r.onupdatefound, r.onupdatefound, self.serviceWorker.onstatechange, self.serviceWorker.onerror);
                    console.log('navigationPreload' in r, 'postMessage' in self.serviceWorker, 'openWindow' in clients);
                    for (const C of [ServiceWorkerRegistration, ServiceWorker, Clients, Client, WindowClient]) {
                      try { new C(); } catch (e) { console.log(C.name, e.name, e.message); }
                    }
                    """);
            w.assertOutput("true true [object ServiceWorkerRegistration]",
                    "http://localhost/ imports true",
                    "true null true",
                    "http://localhost/sw.js installing http://localhost/sw.js?old activated",
                    "true [object ServiceWorker]",
                    "object null null null",
                    "true true true",
                    "ServiceWorkerRegistration TypeError Illegal constructor",
                    "ServiceWorker TypeError Illegal constructor",
                    "Clients TypeError Illegal constructor",
                    "Client TypeError Illegal constructor",
                    "WindowClient TypeError Illegal constructor");
            assertThat(w.uncaught()).isEmpty();
        }
    }

    @Test
    void registrationChangesFireStatechangeThenUpdatefound() {
        var services = new RecordingServices();
        try (var w = new WorkerFixture(dir).services(services)) {
            RunningWorker worker = run(w, """
                    const r = self.registration;
                    const me = self.serviceWorker;
                    const old = r.active;
                    const slots = () => ['installing', 'waiting', 'active']
                      .map((s) => r[s] === me ? 'me' : r[s] === old ? 'old' : r[s] === null ? '-' : r[s].scriptURL).join(',');
                    me.onstatechange = (e) => console.log('me', e.type, e.isTrusted, e.target === me, me.state, slots());
                    old.addEventListener('statechange', () => console.log('old', old.state, slots()));
                    r.addEventListener('updatefound', (e) => console.log('updatefound', e.isTrusted, slots(), r.installing.state));
                    """);
            WorkerInfo installed = new WorkerInfo("v2", SELF.scriptUrl(), ServiceWorkerState.INSTALLED);
            worker.registrationChanged(new RegistrationInfo(SCOPE, "imports", null, installed, OLD), false);
            WorkerInfo next = new WorkerInfo("v3", "http://localhost/sw.js?next", ServiceWorkerState.INSTALLING);
            worker.registrationChanged(new RegistrationInfo(SCOPE, "all", next, installed, OLD), true);
            WorkerInfo activating = new WorkerInfo("v2", SELF.scriptUrl(), ServiceWorkerState.ACTIVATING);
            worker.registrationChanged(new RegistrationInfo(SCOPE, "all", next, null, activating), false);
            WorkerFixture.awaitIdle(worker);
            w.assertOutput(
                    "me statechange true true installed -,me,old",
                    "updatefound true http://localhost/sw.js?next,me,old installing",
                    "me statechange true true activating http://localhost/sw.js?next,-,me",
                    "old redundant http://localhost/sw.js?next,-,me");
        }
    }

    @Test
    void clientsGetAndMatchAll() {
        var services = new RecordingServices();
        services.clients = List.of(
                new ClientInfo("c1", "http://localhost/page", ClientType.WINDOW, "top-level", "visible", true),
                new ClientInfo("c2", "http://localhost/worker.js", ClientType.WORKER, "none", "hidden", false));
        try (var w = new WorkerFixture(dir).services(services)) {
            RunningWorker worker = run(w, """
                    (async () => {
                      const c = await clients.get('c1');
                      console.log(c instanceof WindowClient, c instanceof Client, String(c), c.id, c.url, c.type, c.frameType,
                        c.visibilityState, c.focused, c.ancestorOrigins.length, Object.isFrozen(c.ancestorOrigins));
                      console.log(c === await clients.get('c1'), await clients.get('nobody'));
                      const windows = await clients.matchAll();
                      console.log(windows.length, windows[0].id);
                      const all = await clients.matchAll({ includeUncontrolled: true, type: 'all' });
                      console.log(all.map((x) => `${x.id}:${x.type}:${x instanceof WindowClient}:${String(x)}`).join(' '));
                      try { await clients.matchAll({ type: 'everything' }); } catch (e) { console.log(e.name, e.message); }
                      try { await clients.get(); } catch (e) { console.log(e.name); }
                    })();
                    """);
            WorkerFixture.awaitIdle(worker);
            w.assertOutput(
                    "true true [object WindowClient] c1 http://localhost/page window top-level visible true 0 true",
                    "false undefined",
                    "1 c1",
                    "c1:window:true:[object WindowClient] c2:worker:false:[object Client]",
                    "TypeError Failed to execute 'matchAll' on 'Clients': Failed to read the 'type' property from 'ClientQueryOptions': The provided value 'everything' is not a valid enum value of type ClientType.",
                    "TypeError");
            assertThat(services.calls).containsExactly("get c1", "get c1", "get nobody", "matchAll false WINDOW",
                    "matchAll true ALL");
        }
    }

    @Test
    void claimSkipWaitingUpdateAndUnregisterResolveWithTheServicesAnswers() {
        var services = new RecordingServices();
        try (var w = new WorkerFixture(dir).services(services)) {
            RunningWorker worker = run(w, """
                    (async () => {
                      console.log('skipWaiting', await skipWaiting());
                      console.log('claim', await clients.claim());
                      console.log('update', (await registration.update()) === registration);
                      console.log('unregister', await registration.unregister());
                    })();
                    """);
            WorkerFixture.awaitIdle(worker);
            w.assertOutput("skipWaiting undefined", "claim undefined", "update true", "unregister true");
            assertThat(services.calls).containsExactly("skipWaiting", "claim", "update", "unregister");
        }
    }

    @Test
    void aWebErrorRejectsWithItsExceptionAndAnythingElseWithATypeError() {
        var services = new RecordingServices();
        services.claimFailure = WebError.dom(DomExceptionName.INVALID_STATE_ERROR, "the worker is not active");
        try (var w = new WorkerFixture(dir).services(services)) {
            RunningWorker worker = run(w, """
                    clients.claim().catch((e) => console.log(e instanceof DOMException, e.name, e.code, e.message));
                    """);
            WorkerFixture.awaitIdle(worker);
            w.assertOutput("true InvalidStateError 11 the worker is not active");
        }
        services.claimFailure = new IllegalStateException("store unavailable");
        try (var w = new WorkerFixture(dir).services(services)) {
            RunningWorker worker = run(w, "clients.claim().catch((e) => console.log(e instanceof TypeError, e.message));");
            WorkerFixture.awaitIdle(worker);
            w.assertOutput("true store unavailable");
        }
    }

    @Test
    void aPendingServiceCallKeepsTheWorkerBusy() throws Exception {
        var services = new RecordingServices();
        services.update = new CompletableFuture<>();
        try (var w = new WorkerFixture(dir).services(services)) {
            w.file("sw.js", "registration.update().then((r) => console.log('updated', r === registration));");
            RunningWorker worker = w.start("sw.js", WorkerType.CLASSIC);
            worker.evaluated().get(20, TimeUnit.SECONDS);
            CompletableFuture<Void> idle = worker.idle();
            Thread.sleep(50);
            assertThat(idle).isNotDone();
            services.update.complete(null);
            idle.get(20, TimeUnit.SECONDS);
            w.assertOutput("updated true");
        }
    }

    @Test
    void eventTypesToHandleAreTheListenersWhenEvaluationEnded() {
        try (var w = new WorkerFixture(dir)) {
            RunningWorker worker = run(w, """
                    addEventListener('install', () => {});
                    onfetch = () => {};
                    onmessage = () => {};
                    onmessage = null;
                    const listener = () => {};
                    addEventListener('activate', listener);
                    removeEventListener('activate', listener);
                    setTimeout(() => addEventListener('push', () => {}), 0);
                    """);
            assertThat(worker.eventTypesToHandle()).containsExactlyInAnyOrder("install", "fetch");
        }
    }

    @Test
    void aWorkerWithoutListenersHandlesNoEventTypes() {
        try (var w = new WorkerFixture(dir)) {
            RunningWorker worker = run(w, "console.log('nothing');");
            assertThat(worker.eventTypesToHandle()).isEmpty();
        }
    }

    @Test
    void pendingExtensionsSayWhereTheyWereAdded() throws Exception {
        try (var w = new WorkerFixture(dir, WorkerLimits.DEFAULT, Fetcher.NONE, "https://example.test")) {
            RunningWorker worker = run(w, """
                    self.addEventListener('install', (e) => {
                      e.waitUntil(Promise.resolve());
                      e.waitUntil(new Promise(() => {}));
                    });
                    """);
            var install = worker.dispatchExtendableEvent("install");
            Thread.sleep(20);
            List<PendingExtension> pending = worker.pendingExtensions().get(20, TimeUnit.SECONDS);
            assertThat(install).isNotDone();
            assertThat(pending).singleElement().satisfies(p -> {
                assertThat(p.eventType()).isEqualTo("install");
                assertThat(p.method()).isEqualTo("waitUntil");
                assertThat(p.createdAt()).contains("sw.js:3").startsWith("https://example.test/sw.js:3:");
                assertThat(p.sinceMillis()).isGreaterThanOrEqualTo(0);
            });
        }
    }

    @Test
    void pendingExtensionsOfAnImportedScriptNameThatScript() throws Exception {
        try (var w = new WorkerFixture(dir, WorkerLimits.DEFAULT, Fetcher.NONE, "https://example.test")) {
            w.file("lib.js", "\nself.hold = (e) => e.waitUntil(new Promise(() => {}));\n");
            RunningWorker worker = run(w, """
                    importScripts('lib.js');
                    self.addEventListener('activate', (e) => hold(e));
                    """);
            worker.dispatchExtendableEvent("activate");
            List<PendingExtension> pending = worker.pendingExtensions().get(20, TimeUnit.SECONDS);
            assertThat(pending).singleElement().satisfies(p ->
                    assertThat(p.createdAt()).startsWith("https://example.test/lib.js:2:"));
        }
    }
}
