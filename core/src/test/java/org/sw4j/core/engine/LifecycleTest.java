package org.sw4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sw4j.core.engine.FakeWorkerHost.done;
import static org.sw4j.core.engine.FakeWorkerHost.rejected;
import static org.sw4j.core.engine.FakeWorkerHost.script;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sw4j.core.spi.ExtendableEventResult;
import org.sw4j.core.spi.FetchEventDispatch;
import org.sw4j.core.spi.FetchEventResult;
import org.sw4j.core.spi.PendingExtension;
import org.sw4j.core.spi.cache.StorageException;
import org.sw4j.core.spi.registration.RegistrationStore;
import org.sw4j.core.spi.registration.StoredRegistration;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.core.version.WorkerType;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.fetch.Body;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.FetchResponse;
import org.sw4j.webapi.fetch.RequestDestination;
import org.sw4j.webapi.fetch.RequestMode;
import org.sw4j.webapi.url.Url;

/** The lifecycle of Service Workers § "Algorithms", run on a fake worker host with no JavaScript engine. */
class LifecycleTest {
    static final String ORIGIN = "https://app.test";
    final FakeWorkerHost host = new FakeWorkerHost();
    final FakeNetwork network = new FakeNetwork();
    final MapStore store = new MapStore();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final MutableClock clock = new MutableClock();
    ServiceWorkerContext context;

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    ServiceWorkerContext context(Duration idle, Duration eventTimeout) throws StorageException {
        ServiceWorkerContext built = ServiceWorkerContext.builder(host).scriptFetcher(network).store(store).clock(clock)
                .idleTimeout(idle).eventTimeout(eventTimeout).build();
        built.addObserver(new ServiceWorkerObserver() {
            @Override
            public void stateChanged(ServiceWorkerVersion version, ServiceWorkerState state) {
                log.add(version.scripts().get(version.scriptUrl().href()).orElseThrow().text().strip() + " "
                        + state.jsName());
            }

            @Override
            public void updateFound(ServiceWorkerRegistration registration) {
                log.add("updatefound");
            }

            @Override
            public void controllerChanged(ServiceWorkerClient client, ServiceWorkerVersion controller) {
                log.add("controllerchange " + client.url().pathname());
            }
        });
        return built;
    }

    ServiceWorkerContext context() throws StorageException {
        context = context(Duration.ofSeconds(30), Duration.ofMinutes(5));
        return context;
    }

    /** A navigation to {@code url} through the engine, as a user agent does; the new window client. */
    ServiceWorkerClient navigate(String url) {
        ServiceWorkerClient client = context.reserveWindowClient(Url.parse(url));
        FetchRequest request = navigation(url);
        context.handleFetch(request, null, client);
        context.clientExecutionReady(client, Url.parse(url));
        // The navigation's soft update runs as a job; let it end so that tests change scripts after it.
        context.whenJobsDone().join();
        return client;
    }

    static FetchRequest navigation(String url) {
        FetchRequest request = new FetchRequest(Url.parse(url));
        request.setMode(RequestMode.NAVIGATE);
        request.setDestination(RequestDestination.DOCUMENT);
        return request;
    }

    static FetchRequest subresource(String url) {
        FetchRequest request = new FetchRequest(Url.parse(url));
        request.setMode(RequestMode.CORS);
        return request;
    }

    ServiceWorkerRegistration register(ServiceWorkerClient client, String script) throws Exception {
        return context.register(client, script, null, WorkerType.CLASSIC, UpdateViaCache.IMPORTS).get(5, TimeUnit.SECONDS);
    }

    /** Registers {@code script} and waits until its worker is activated. */
    ServiceWorkerRegistration registerActivated(ServiceWorkerClient client, String script) throws Exception {
        ServiceWorkerRegistration registration = register(client, script);
        await(() -> registration.active() != null && registration.active().state() == ServiceWorkerState.ACTIVATED);
        return registration;
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(2);
        }
    }

    static FetchEventDispatch answer(String text) {
        FetchResponse response = new FetchResponse();
        response.setStatus(200);
        response.setBody(Body.of(text.getBytes()));
        return new FetchEventDispatch(CompletableFuture.completedFuture(new FetchEventResult.Responded(response)),
                CompletableFuture.completedFuture(ExtendableEventResult.SETTLED));
    }

    static FakeWorkerHost.FakeScript responder(String text) {
        FakeWorkerHost.FakeScript base = script("install", "activate", "fetch");
        return new FakeWorkerHost.FakeScript(base.listens(), false, List.of(), base.install(), base.activate(),
                (w, init) -> answer(text));
    }

    // ------------------------------------------------------------------------------------------

    @Test
    void firstRegistrationInstallsAndActivatesWithStateChangesInOrder() throws Exception {
        context();
        host.define("v1", script("install", "activate"));
        network.script(ORIGIN + "/sw.js", "v1");
        ServiceWorkerClient page = navigate(ORIGIN + "/index.html");
        CompletableFuture<ServiceWorkerRegistration> ready = context.ready(page);
        assertThat(ready).isNotDone();

        ServiceWorkerRegistration registration = register(page, "/sw.js");

        assertThat(registration.scope().href()).isEqualTo(ORIGIN + "/");
        ServiceWorkerRegistration readyRegistration = ready.get(5, TimeUnit.SECONDS);
        assertThat(readyRegistration).isSameAs(registration);
        await(() -> registration.active() != null && registration.active().state() == ServiceWorkerState.ACTIVATED);
        await(() -> log.size() >= 5);
        assertThat(log).containsExactly("v1 installing", "updatefound", "v1 installed", "v1 activating", "v1 activated");
        assertThat(host.started.get(0).events).containsSubsequence("install", "activate");
        assertThat(network.requests.get(0).headers()).containsEntry("Service-Worker", "script");
        // The page was not controlled when it loaded, so it is not controlled now (no claim()).
        assertThat(context.controller(page)).isNull();
        assertThat(context.getRegistration(page, Url.parse(ORIGIN + "/deep/page"))).contains(registration);
    }

    @Test
    void registeringTheSameScriptAgainResolvesWithoutANewWorkerAndEquivalentJobsCoalesce() throws Exception {
        context();
        host.define("v1", script("install"));
        network.script(ORIGIN + "/sw.js", "v1");
        ServiceWorkerClient page = navigate(ORIGIN + "/");
        CompletableFuture<ServiceWorkerRegistration> a = context.register(page, "/sw.js", null, WorkerType.CLASSIC,
                UpdateViaCache.IMPORTS);
        CompletableFuture<ServiceWorkerRegistration> b = context.register(page, "/sw.js", null, WorkerType.CLASSIC,
                UpdateViaCache.IMPORTS);
        assertThat(a.get(5, TimeUnit.SECONDS)).isSameAs(b.get(5, TimeUnit.SECONDS));
        register(page, "/sw.js");
        context.whenJobsDone().get(5, TimeUnit.SECONDS);
        assertThat(host.startsOf("v1")).isEqualTo(1);
        assertThat(network.requestsFor(ORIGIN + "/sw.js")).isEqualTo(1);
    }

    @Test
    void aFailedFirstInstallMakesTheWorkerRedundantAndRemovesTheRegistration() throws Exception {
        context();
        FakeWorkerHost.FakeScript base = script("install");
        host.define("bad", new FakeWorkerHost.FakeScript(base.listens(), false, List.of(),
                w -> rejected("quota"), base.activate(), base.fetch()));
        network.script(ORIGIN + "/sw.js", "bad");
        ServiceWorkerClient page = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = register(page, "/sw.js");
        await(registration::isCleared);
        await(() -> log.contains("bad redundant"));
        assertThat(log).contains("bad installing", "bad redundant");
        assertThat(context.getRegistrations(page)).isEmpty();
        assertThat(store.rows).isEmpty();
    }

    @Test
    void aFailedUpdateInstallKeepsThePreviousWorkerServing() throws Exception {
        context();
        host.define("v1", responder("one"));
        FakeWorkerHost.FakeScript base = script("install", "fetch");
        host.define("v2", new FakeWorkerHost.FakeScript(base.listens(), false, List.of(),
                w -> rejected("broken"), base.activate(), base.fetch()));
        network.script(ORIGIN + "/sw.js", "v1");
        ServiceWorkerClient first = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = registerActivated(first, "/sw.js");
        ServiceWorkerVersion v1 = registration.active();

        network.script(ORIGIN + "/sw.js", "v2");
        context.update(registration, first).get(5, TimeUnit.SECONDS);
        await(() -> log.contains("v2 redundant"));

        assertThat(registration.active()).isSameAs(v1);
        assertThat(registration.waiting()).isNull();
        assertThat(registration.installing()).isNull();
        ServiceWorkerClient page = navigate(ORIGIN + "/page");
        assertThat(context.controller(page)).isSameAs(v1);
        assertThat(text(context.handleFetch(subresource(ORIGIN + "/data"), page, null))).isEqualTo("one");
    }

    @Test
    void brokenUpdatesRejectAndNeverDisturbTheActiveWorker() throws Exception {
        context();
        host.define("v1", responder("one"));
        network.script(ORIGIN + "/sw.js", "v1");
        ServiceWorkerClient page = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = registerActivated(page, "/sw.js");
        ServiceWorkerVersion v1 = registration.active();

        network.serve(ORIGIN + "/sw.js", 404, "text/plain", "gone", Map.of());
        assertThat(failure(context.update(registration, page))).isInstanceOf(WebError.class)
                .hasMessageContaining("bad HTTP response code (404)")
                .satisfies(e -> assertThat(((WebError) e).jsName()).isEqualTo("TypeError"));

        network.serve(ORIGIN + "/sw.js", 200, "text/html", "v2", Map.of());
        assertThat(failure(context.update(registration, page)))
                .satisfies(e -> assertThat(((WebError) e).jsName()).isEqualTo("SecurityError"))
                .hasMessageContaining("unsupported MIME type ('text/html')");

        network.script(ORIGIN + "/sw.js", "not-defined-so-evaluation-fails");
        assertThat(failure(context.update(registration, page))).hasMessageContaining("evaluation failed");

        network.offline = true;
        assertThat(failure(context.update(registration, page))).hasMessageContaining("offline");

        assertThat(registration.active()).isSameAs(v1);
        assertThat(v1.state()).isEqualTo(ServiceWorkerState.ACTIVATED);
        assertThat(registration.waiting()).isNull();
        assertThat(registration.installing()).isNull();
    }

    @Test
    void scopeAndOriginRulesRejectWithTheSpecsErrors() throws Exception {
        context();
        host.define("v1", script());
        network.script(ORIGIN + "/js/sw.js", "v1");
        ServiceWorkerClient page = navigate(ORIGIN + "/");
        assertThat(failure(context.register(page, "/js/sw.js", "/", WorkerType.CLASSIC, UpdateViaCache.IMPORTS)))
                .hasMessageContaining("not under the max scope")
                .satisfies(e -> assertThat(((WebError) e).jsName()).isEqualTo("SecurityError"));
        network.serve(ORIGIN + "/js/sw.js", 200, "application/javascript", "v1", Map.of("Service-Worker-Allowed", "/"));
        assertThat(register(page, "/js/sw.js")).isNotNull();
        assertThat(context.register(page, "/js/sw.js", "/", WorkerType.CLASSIC, UpdateViaCache.IMPORTS)
                .get(5, TimeUnit.SECONDS).scope().href()).isEqualTo(ORIGIN + "/");

        ServiceWorkerClient insecure = navigate("http://plain.test/");
        assertThat(failure(context.register(insecure, "/sw.js", null, WorkerType.CLASSIC, UpdateViaCache.IMPORTS)))
                .hasMessageContaining("not potentially trustworthy");
        assertThat(failure(context.register(page, "https://other.test/sw.js", null, WorkerType.CLASSIC,
                UpdateViaCache.IMPORTS))).hasMessageContaining("does not match the current origin");
        ServiceWorkerClient local = navigate("http://127.0.0.1:8080/");
        network.script("http://127.0.0.1:8080/sw.js", "v1");
        assertThat(register(local, "/sw.js").scope().href()).isEqualTo("http://127.0.0.1:8080/");
        network.redirect(ORIGIN + "/moved.js", ORIGIN + "/js/sw.js");
        assertThat(failure(context.register(page, "/moved.js", null, WorkerType.CLASSIC, UpdateViaCache.IMPORTS)))
                .hasMessageContaining("redirect");
    }

    @Test
    void anUpdateWaitsWhileAClientUsesTheOldWorkerAndActivatesWhenTheLastOneCloses() throws Exception {
        context();
        host.define("v1", responder("one"));
        host.define("v2", responder("two"));
        network.script(ORIGIN + "/sw.js", "v1");
        ServiceWorkerClient first = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = registerActivated(first, "/sw.js");
        ServiceWorkerClient a = navigate(ORIGIN + "/a");
        ServiceWorkerClient b = navigate(ORIGIN + "/b");
        context.closeClient(first);
        assertThat(context.controller(a)).isSameAs(registration.active());

        network.script(ORIGIN + "/sw.js", "v2");
        context.update(registration, a).get(5, TimeUnit.SECONDS);
        await(() -> registration.waiting() != null);
        Thread.sleep(50);
        assertThat(registration.waiting().state()).isEqualTo(ServiceWorkerState.INSTALLED);
        assertThat(text(context.handleFetch(subresource(ORIGIN + "/x"), a, null))).isEqualTo("one");
        LifecycleDiagnosis why = context.diagnose(registration).get(5, TimeUnit.SECONDS);
        assertThat(why.clientsUsingRegistration()).extracting(c -> c.url()).containsExactly(ORIGIN + "/a", ORIGIN + "/b");
        assertThat(why.explain()).contains("is waiting", "2 client(s) still use the active worker", ORIGIN + "/a");

        context.closeClient(a);
        Thread.sleep(50);
        assertThat(registration.waiting()).isNotNull();
        context.closeClient(b);
        await(() -> registration.active() != null && log.contains("v2 activated"));
        assertThat(log).containsSubsequence("v2 installing", "v2 installed", "v1 redundant", "v2 activating",
                "v2 activated");
        assertThat(text(context.handleFetch(navigation(ORIGIN + "/c"), null, context.reserveWindowClient(
                Url.parse(ORIGIN + "/c"))))).isEqualTo("two");
    }

    @Test
    void skipWaitingActivatesAtOnceAndControlledClientsGetControllerChange() throws Exception {
        context();
        host.define("v1", responder("one"));
        FakeWorkerHost.FakeScript base = responder("two");
        host.define("v2", new FakeWorkerHost.FakeScript(base.listens(), false, List.of(), w -> {
            w.start.services().skipWaiting();
            return done();
        }, base.activate(), base.fetch()));
        network.script(ORIGIN + "/sw.js", "v1");
        ServiceWorkerClient first = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = registerActivated(first, "/sw.js");
        ServiceWorkerClient page = navigate(ORIGIN + "/page");

        network.script(ORIGIN + "/sw.js", "v2");
        context.update(registration, page).get(5, TimeUnit.SECONDS);
        await(() -> log.contains("v2 activated"));
        assertThat(log).contains("controllerchange /page");
        assertThat(context.controller(page).id()).isEqualTo(registration.active().id());
        assertThat(text(context.handleFetch(subresource(ORIGIN + "/x"), page, null))).isEqualTo("two");
    }

    @Test
    void activationWaitsForTheOldWorkersInFlightFetchEvents() throws Exception {
        context();
        CompletableFuture<ExtendableEventResult> slowFetchLifetime = new CompletableFuture<>();
        FakeWorkerHost.FakeScript base = script("install", "activate", "fetch");
        host.define("v1", new FakeWorkerHost.FakeScript(base.listens(), false, List.of(), base.install(),
                base.activate(), (w, init) -> new FetchEventDispatch(answer("one").response(), slowFetchLifetime)));
        host.define("v2", new FakeWorkerHost.FakeScript(base.listens(), false, List.of(), w -> {
            w.start.services().skipWaiting();
            return done();
        }, base.activate(), base.fetch()));
        network.script(ORIGIN + "/sw.js", "v1");
        ServiceWorkerClient first = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = registerActivated(first, "/sw.js");
        ServiceWorkerClient page = navigate(ORIGIN + "/page");
        assertThat(text(context.handleFetch(subresource(ORIGIN + "/x"), page, null))).isEqualTo("one");

        network.script(ORIGIN + "/sw.js", "v2");
        context.update(registration, page).get(5, TimeUnit.SECONDS);
        await(() -> registration.waiting() != null);
        Thread.sleep(100);
        assertThat(registration.waiting()).isNotNull();
        assertThat(context.diagnose(registration).get(5, TimeUnit.SECONDS).explain())
                .contains("still handling 2 event(s)");

        slowFetchLifetime.complete(ExtendableEventResult.SETTLED);
        await(() -> log.contains("v2 activated"));
    }

    @Test
    void navigationsPickTheRegistrationByLongestScopeAndSubresourcesFollowTheirClient() throws Exception {
        context();
        host.define("root", responder("root"));
        host.define("app", responder("app"));
        host.define("nofetch", script("install"));
        network.script(ORIGIN + "/sw.js", "root");
        network.script(ORIGIN + "/app/sw.js", "app");
        network.script(ORIGIN + "/static/sw.js", "nofetch");
        ServiceWorkerClient setup = navigate(ORIGIN + "/");
        ServiceWorkerRegistration root = register(setup, "/sw.js");
        ServiceWorkerRegistration app = register(setup, "/app/sw.js");
        ServiceWorkerRegistration noFetch = register(setup, "/static/sw.js");
        await(() -> root.active() != null && app.active() != null && noFetch.active() != null
                && app.active().state() == ServiceWorkerState.ACTIVATED
                && root.active().state() == ServiceWorkerState.ACTIVATED);

        ServiceWorkerClient inApp = context.reserveWindowClient(Url.parse(ORIGIN + "/app/page"));
        assertThat(text(context.handleFetch(navigation(ORIGIN + "/app/page"), null, inApp))).isEqualTo("app");
        context.clientExecutionReady(inApp, Url.parse(ORIGIN + "/app/page"));
        // A subresource goes to the client's controller, whatever its URL.
        assertThat(text(context.handleFetch(subresource(ORIGIN + "/other"), inApp, null))).isEqualTo("app");
        assertThat(context.handleFetch(subresource(ORIGIN + "/x"), setup, null))
                .isInstanceOf(FetchEventResult.Fallback.class);
        FetchRequest skip = subresource(ORIGIN + "/x");
        skip.setServiceWorkersMode(FetchRequest.ServiceWorkersMode.NONE);
        assertThat(context.handleFetch(skip, inApp, null)).isInstanceOf(FetchEventResult.Fallback.class);

        // A worker with no fetch listener is skipped without being started.
        host.started.clear();
        ServiceWorkerClient inStatic = context.reserveWindowClient(Url.parse(ORIGIN + "/static/a"));
        noFetch.active().registration();
        context.stopWorker(noFetch.active());
        assertThat(context.handleFetch(navigation(ORIGIN + "/static/a"), null, inStatic))
                .isInstanceOf(FetchEventResult.Fallback.class);
        assertThat(host.startsOf("nofetch")).isZero();
        assertThat(inStatic.activeServiceWorker()).isSameAs(noFetch.active());
    }

    @Test
    void responsesAFetchCannotUseBecomeNetworkErrors() throws Exception {
        context();
        FakeWorkerHost.FakeScript base = script("install", "fetch");
        host.define("opaque", new FakeWorkerHost.FakeScript(base.listens(), false, List.of(), base.install(),
                base.activate(), (w, init) -> {
                    FetchResponse inner = new FetchResponse();
                    inner.setStatus(200);
                    return new FetchEventDispatch(CompletableFuture.completedFuture(
                            new FetchEventResult.Responded(inner.opaque())),
                            CompletableFuture.completedFuture(ExtendableEventResult.SETTLED));
                }));
        network.script(ORIGIN + "/sw.js", "opaque");
        ServiceWorkerClient setup = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = registerActivated(setup, "/sw.js");
        ServiceWorkerClient page = navigate(ORIGIN + "/p");
        assertThat(context.handleFetch(subresource(ORIGIN + "/x"), page, null))
                .isInstanceOfSatisfying(FetchEventResult.NetworkError.class,
                        e -> assertThat(e.reason()).contains("opaque response"));
        FetchRequest noCors = subresource(ORIGIN + "/x");
        noCors.setMode(RequestMode.NO_CORS);
        assertThat(context.handleFetch(noCors, page, null)).isInstanceOf(FetchEventResult.Responded.class);
    }

    @Test
    void idleWorkersStopWithoutChangingStateAndLoseTheirGlobals() throws Exception {
        context = context(Duration.ofMillis(150), Duration.ofMinutes(5));
        FakeWorkerHost.FakeScript base = script("install", "activate", "fetch");
        host.define("counter", new FakeWorkerHost.FakeScript(base.listens(), false, List.of(), base.install(),
                base.activate(), (w, init) -> {
                    int count = (Integer) w.globals.merge("count", 1, (x, y) -> (Integer) x + (Integer) y);
                    return answer(Integer.toString(count));
                }));
        network.script(ORIGIN + "/sw.js", "counter");
        ServiceWorkerClient setup = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = registerActivated(setup, "/sw.js");
        ServiceWorkerClient page = navigate(ORIGIN + "/p");
        // The navigation was the first fetch event of this instance.
        assertThat(text(context.handleFetch(subresource(ORIGIN + "/x"), page, null))).isEqualTo("2");
        assertThat(text(context.handleFetch(subresource(ORIGIN + "/x"), page, null))).isEqualTo("3");
        ServiceWorkerVersion active = registration.active();
        await(() -> !active.isRunning());
        assertThat(active.state()).isEqualTo(ServiceWorkerState.ACTIVATED);
        assertThat(text(context.handleFetch(subresource(ORIGIN + "/x"), page, null))).isEqualTo("1");
        assertThat(host.startsOf("counter")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anEventRunningPastTheLimitStopsTheWorkerAndTheClientGetsANetworkError() throws Exception {
        context = context(Duration.ofSeconds(30), Duration.ofMillis(200));
        FakeWorkerHost.FakeScript base = script("install", "fetch");
        host.define("hang", new FakeWorkerHost.FakeScript(base.listens(), false, List.of(), base.install(),
                base.activate(), (w, init) -> new FetchEventDispatch(new CompletableFuture<>(), new CompletableFuture<>())));
        network.script(ORIGIN + "/sw.js", "hang");
        ServiceWorkerClient setup = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = registerActivated(setup, "/sw.js");
        ServiceWorkerClient page = navigate(ORIGIN + "/p");
        long start = System.nanoTime();
        assertThat(context.handleFetch(subresource(ORIGIN + "/x"), page, null))
                .isInstanceOf(FetchEventResult.NetworkError.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertThat(registration.active().state()).isEqualTo(ServiceWorkerState.ACTIVATED);
        assertThat(registration.active().isRunning()).isFalse();
    }

    @Test
    void claimControlsClientsThatLoadedBeforeTheWorker() throws Exception {
        context();
        FakeWorkerHost.FakeScript base = responder("claimed");
        host.define("claimer", new FakeWorkerHost.FakeScript(base.listens(), false, List.of(), base.install(), w -> {
            w.start.services().claimClients();
            return done();
        }, base.fetch()));
        network.script(ORIGIN + "/sw.js", "claimer");
        ServiceWorkerClient page = navigate(ORIGIN + "/");
        ServiceWorkerClient elsewhere = navigate("https://other.test/");
        ServiceWorkerRegistration registration = register(page, "/sw.js");
        await(() -> log.contains("claimer activated"));
        assertThat(log).contains("controllerchange /");
        assertThat(context.controller(page)).isSameAs(registration.active());
        assertThat(context.controller(elsewhere)).isNull();
        assertThat(text(context.handleFetch(subresource(ORIGIN + "/x"), page, null))).isEqualTo("claimed");
    }

    @Test
    void unregisterTakesEffectWhenTheLastControlledClientGoes() throws Exception {
        context();
        host.define("v1", responder("one"));
        network.script(ORIGIN + "/sw.js", "v1");
        ServiceWorkerClient first = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = registerActivated(first, "/sw.js");
        ServiceWorkerClient page = navigate(ORIGIN + "/p");
        context.closeClient(first);

        assertThat(context.unregister(registration, page).get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(context.getRegistration(page, Url.parse(ORIGIN + "/"))).isEmpty();
        assertThat(store.rows).isEmpty();
        assertThat(text(context.handleFetch(subresource(ORIGIN + "/x"), page, null))).isEqualTo("one");
        assertThat(registration.isCleared()).isFalse();
        assertThat(context.unregister(registration, page).get(5, TimeUnit.SECONDS)).isFalse();

        context.closeClient(page);
        await(registration::isCleared);
        await(() -> log.contains("v1 redundant"));
    }

    @Test
    void importedScriptsAreComparedByteForByteOnUpdate() throws Exception {
        context();
        FakeWorkerHost.FakeScript base = script("install", "activate");
        host.define("main", new FakeWorkerHost.FakeScript(base.listens(), false, List.of(ORIGIN + "/lib.js"),
                base.install(), base.activate(), base.fetch()));
        network.script(ORIGIN + "/sw.js", "main");
        network.script(ORIGIN + "/lib.js", "lib v1");
        ServiceWorkerClient page = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = registerActivated(page, "/sw.js");
        assertThat(registration.active().scripts().get(ORIGIN + "/lib.js")).isPresent();

        context.update(registration, page).get(5, TimeUnit.SECONDS);
        assertThat(host.startsOf("main")).isEqualTo(1);

        network.script(ORIGIN + "/lib.js", "lib v2");
        context.update(registration, page).get(5, TimeUnit.SECONDS);
        await(() -> host.startsOf("main") == 2);
        await(() -> registration.active() != null && registration.active().scripts().get(ORIGIN + "/lib.js")
                .map(s -> s.text().equals("lib v2")).orElse(false));
    }

    @Test
    void navigationsSoftUpdateAndOtherRequestsOnlyWhenTheLastCheckIsADayOld() throws Exception {
        context();
        host.define("v1", responder("one"));
        network.script(ORIGIN + "/sw.js", "v1");
        ServiceWorkerClient first = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = registerActivated(first, "/sw.js");
        long checks = network.requestsFor(ORIGIN + "/sw.js");

        ServiceWorkerClient page = navigate(ORIGIN + "/p");
        context.whenJobsDone().get(5, TimeUnit.SECONDS);
        assertThat(network.requestsFor(ORIGIN + "/sw.js")).isEqualTo(checks + 1);

        context.handleFetch(subresource(ORIGIN + "/x"), page, null);
        context.whenJobsDone().get(5, TimeUnit.SECONDS);
        assertThat(network.requestsFor(ORIGIN + "/sw.js")).isEqualTo(checks + 1);

        clock.advance(Duration.ofHours(25));
        context.handleFetch(subresource(ORIGIN + "/x"), page, null);
        context.whenJobsDone().get(5, TimeUnit.SECONDS);
        assertThat(network.requestsFor(ORIGIN + "/sw.js")).isEqualTo(checks + 2);
        assertThat(network.requests.get(network.requests.size() - 1).headers()).containsEntry("Cache-Control", "max-age=0");
    }

    @Test
    void aRestartedContextRestoresRegistrationsAndServesWithoutTheNetwork() throws Exception {
        context();
        host.define("v1", responder("one"));
        host.define("v2", responder("two"));
        network.script(ORIGIN + "/sw.js", "v1");
        ServiceWorkerClient first = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = registerActivated(first, "/sw.js");
        ServiceWorkerClient page = navigate(ORIGIN + "/p");
        network.script(ORIGIN + "/sw.js", "v2");
        context.update(registration, page).get(5, TimeUnit.SECONDS);
        await(() -> registration.waiting() != null);
        context.close();

        network.offline = true;
        context();
        ServiceWorkerClient later = context.reserveWindowClient(Url.parse(ORIGIN + "/later"));
        assertThat(text(context.handleFetch(navigation(ORIGIN + "/later"), null, later))).isEqualTo("one");
        context.clientExecutionReady(later, Url.parse(ORIGIN + "/later"));
        ServiceWorkerRegistration restored = context.getRegistration(later, Url.parse(ORIGIN + "/")).orElseThrow();
        assertThat(restored.waiting()).isNotNull();
        assertThat(restored.waiting().state()).isEqualTo(ServiceWorkerState.INSTALLED);
        context.closeClient(later);
        await(() -> restored.active() != null && restored.active().state() == ServiceWorkerState.ACTIVATED
                && restored.waiting() == null);
        ServiceWorkerClient again = context.reserveWindowClient(Url.parse(ORIGIN + "/again"));
        assertThat(text(context.handleFetch(navigation(ORIGIN + "/again"), null, again))).isEqualTo("two");
    }

    @Test
    void diagnosisNamesThePendingInstallPromise() throws Exception {
        context();
        FakeWorkerHost.FakeScript base = script("install");
        host.define("stuck", new FakeWorkerHost.FakeScript(base.listens(), false, List.of(), w -> {
            w.pending.add(new PendingExtension("install", "waitUntil", "https://app.test/sw.js:12:5", 10));
            return new CompletableFuture<>();
        }, base.activate(), base.fetch()));
        network.script(ORIGIN + "/sw.js", "stuck");
        ServiceWorkerClient page = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = register(page, "/sw.js");
        await(() -> registration.installing() != null && !host.started.get(0).pending.isEmpty());
        LifecycleDiagnosis why = context.diagnose(registration).get(5, TimeUnit.SECONDS);
        assertThat(why.installingPending()).hasSize(1);
        assertThat(why.explain()).contains("is installing", "waitUntil() promise of its 'install' event",
                "https://app.test/sw.js:12:5");
    }

    // ------------------------------------------------------------------------------------------

    static String text(FetchEventResult result) throws Exception {
        assertThat(result).isInstanceOf(FetchEventResult.Responded.class);
        Body body = ((FetchEventResult.Responded) result).response().body();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (true) {
            java.nio.ByteBuffer chunk = body.stream().read();
            if (chunk == null) {
                break;
            }
            byte[] bytes = new byte[chunk.remaining()];
            chunk.get(bytes);
            out.write(bytes);
        }
        return out.toString();
    }

    static Throwable failure(CompletableFuture<?> future) throws InterruptedException {
        try {
            future.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no result in 5 s");
        }
        throw new AssertionError("expected a failure, got " + future.join());
    }

    /** A registration store in a map: the SPI's contract without a database. */
    static final class MapStore implements RegistrationStore {
        final Map<String, StoredRegistration> rows = Collections.synchronizedMap(new java.util.LinkedHashMap<>());

        @Override
        public List<StoredRegistration> loadAll() {
            return new ArrayList<>(rows.values());
        }

        @Override
        public void store(StoredRegistration registration) {
            rows.put(registration.storageKey() + " " + registration.scope(), registration);
        }

        @Override
        public void delete(String storageKey, String scope) {
            rows.remove(storageKey + " " + scope);
        }

        @Override
        public List<String> storageKeys() {
            return rows.values().stream().map(StoredRegistration::storageKey).distinct().toList();
        }

        @Override
        public void close() {
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
