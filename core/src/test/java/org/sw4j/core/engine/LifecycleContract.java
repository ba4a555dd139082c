package org.sw4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sw4j.core.spi.FetchEventResult;
import org.sw4j.core.spi.WorkerHost;
import org.sw4j.core.spi.cache.StorageException;
import org.sw4j.core.spi.registration.RegistrationStore;
import org.sw4j.core.spi.registration.StoredRegistration;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.core.version.WorkerType;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.fetch.Body;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.RequestDestination;
import org.sw4j.webapi.fetch.RequestMode;
import org.sw4j.webapi.url.Url;

/**
 * The lifecycle of Service Workers § "Algorithms" as tests that run on any worker host: the core
 * runs them on a fake host with no JavaScript engine ({@code FakeHostLifecycleTest}), the js module
 * on GraalJS with the same scenarios written as JavaScript ({@code GraalLifecycleTest}).
 */
public abstract class LifecycleContract {
    protected static final String ORIGIN = "https://app.test";
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** What a worker script does; each host writes it in its own language. */
    public sealed interface Script {
        /** Listens to install and activate; answers every fetch with {@code text}. */
        record Respond(String text) implements Script {
        }

        /** Calls skipWaiting() in install (inside waitUntil); answers fetches with {@code text}. */
        record SkipWaitingRespond(String text) implements Script {
        }

        /** Claims clients in activate (inside waitUntil); answers fetches with {@code text}. */
        record ClaimRespond(String text) implements Script {
        }

        /** Its install's waitUntil() promise rejects. */
        record FailInstall() implements Script {
        }

        /** A global counter: answers each fetch with the count of fetch events this instance saw. */
        record Counter() implements Script {
        }

        /** respondWith() a promise that never settles. */
        record HangFetch() implements Script {
        }

        /** Only an install listener: no fetch handler. */
        record NoFetch() implements Script {
        }

        /** Throws during its evaluation. */
        record Broken() implements Script {
        }

        /** Answers with {@code text} at once but keeps each fetch event open for {@code millis}. */
        record LingeringFetch(String text, int millis) implements Script {
        }

        /** Its install waits on a promise that never settles, made on line 2 of the script. */
        record StuckInstall() implements Script {
        }

        /** importScripts({@code libraryUrl}) at evaluation; install and activate listeners. */
        record Importing(String libraryUrl) implements Script {
        }

        /** respondWith(Response.error()). */
        record ErrorResponse() implements Script {
        }

        /** A module worker that statically imports {@code moduleUrl}; install and activate listeners. */
        record ModuleImporting(String moduleUrl) implements Script {
        }
    }

    /** A new worker host for one test (closed by {@link #closeHost}). */
    protected abstract WorkerHost newHost();

    /** The source of {@code script}: what the origin serves as that worker's script. */
    protected abstract String source(Script script);

    /** Closes the host made by {@link #newHost()}. */
    protected void closeHost(WorkerHost host) {
    }

    private final FakeNetwork network = new FakeNetwork();
    private final MapStore store = new MapStore();
    private final Map<String, String> labels = new ConcurrentHashMap<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> starts = new ConcurrentHashMap<>();
    private final MutableClock clock = new MutableClock();
    private WorkerHost host;
    private ServiceWorkerContext context;

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
        if (host != null) {
            closeHost(host);
        }
    }

    private ServiceWorkerContext context(Duration idle, Duration eventTimeout) throws StorageException {
        if (host == null) {
            host = newHost();
        }
        context = ServiceWorkerContext.builder(host).scriptFetcher(network).store(store).clock(clock)
                .idleTimeout(idle).eventTimeout(eventTimeout).build();
        context.addObserver(new ServiceWorkerObserver() {
            @Override
            public void stateChanged(ServiceWorkerVersion version, ServiceWorkerState state) {
                log.add(label(version) + " " + state.jsName());
            }

            @Override
            public void updateFound(ServiceWorkerRegistration registration) {
                log.add("updatefound");
            }

            @Override
            public void controllerChanged(ServiceWorkerClient client, ServiceWorkerVersion controller) {
                log.add("controllerchange " + client.url().pathname());
            }

            @Override
            public void runningChanged(ServiceWorkerVersion version, boolean running) {
                if (running) {
                    starts.merge(label(version), 1, Integer::sum);
                }
            }
        });
        return context;
    }

    private ServiceWorkerContext context() throws StorageException {
        return context(Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    private String label(ServiceWorkerVersion version) {
        String text = version.scripts().get(version.scriptUrl().href()).orElseThrow().text();
        return labels.getOrDefault(text, "?");
    }

    /** Serves {@code script} at {@code url}, naming its versions {@code label} in the log. */
    private void serve(String url, String label, Script script) {
        String text = source(script) + "\n// " + label + "\n";
        labels.put(text, label);
        network.script(url, text);
    }

    private int startsOf(String label) {
        return starts.getOrDefault(label, 0);
    }

    /** A navigation to {@code url} through the engine, as a user agent does; the new window client. */
    private ServiceWorkerClient navigate(String url) {
        ServiceWorkerClient client = context.reserveWindowClient(Url.parse(url));
        context.handleFetch(navigation(url), null, client);
        context.clientExecutionReady(client, Url.parse(url));
        // The navigation's soft update runs as a job; let it end so that tests change scripts after it.
        context.whenJobsDone().join();
        return client;
    }

    private static FetchRequest navigation(String url) {
        FetchRequest request = new FetchRequest(Url.parse(url));
        request.setMode(RequestMode.NAVIGATE);
        request.setDestination(RequestDestination.DOCUMENT);
        return request;
    }

    private static FetchRequest subresource(String url) {
        FetchRequest request = new FetchRequest(Url.parse(url));
        request.setMode(RequestMode.CORS);
        return request;
    }

    private ServiceWorkerRegistration register(ServiceWorkerClient client, String script) throws Exception {
        return context.register(client, script, null, WorkerType.CLASSIC, UpdateViaCache.IMPORTS)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Registers {@code script} and waits until its worker is activated. */
    private ServiceWorkerRegistration registerActivated(ServiceWorkerClient client, String script) throws Exception {
        ServiceWorkerRegistration registration = register(client, script);
        await(() -> activated(registration));
        return registration;
    }

    private static boolean activated(ServiceWorkerRegistration registration) {
        ServiceWorkerVersion active = registration.active();
        return active != null && active.state() == ServiceWorkerState.ACTIVATED;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(2);
        }
    }

    private String fetchText(ServiceWorkerClient client, String url) throws Exception {
        return text(context.handleFetch(subresource(url), client, null));
    }

    // ------------------------------------------------------------------------------------------

    @Test
    void firstRegistrationInstallsAndActivatesWithStateChangesInOrder() throws Exception {
        context();
        serve(ORIGIN + "/sw.js", "v1", new Script.Respond("one"));
        ServiceWorkerClient page = navigate(ORIGIN + "/index.html");
        CompletableFuture<ServiceWorkerRegistration> ready = context.ready(page);
        assertThat(ready).isNotDone();

        ServiceWorkerRegistration registration = register(page, "/sw.js");

        assertThat(registration.scope().href()).isEqualTo(ORIGIN + "/");
        assertThat(ready.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isSameAs(registration);
        await(() -> activated(registration) && log.size() >= 5);
        assertThat(log).containsExactly("v1 installing", "updatefound", "v1 installed", "v1 activating", "v1 activated");
        assertThat(network.requests.get(0).headers()).containsEntry("Service-Worker", "script");
        // The page was not controlled when it loaded, so it is not controlled now (no claim()).
        assertThat(context.controller(page)).isNull();
        assertThat(context.getRegistration(page, Url.parse(ORIGIN + "/deep/page"))).contains(registration);
        assertThat(registration.active().eventTypesToHandle()).contains("install", "activate", "fetch");
    }

    @Test
    void registeringTheSameScriptAgainResolvesWithoutANewWorkerAndEquivalentJobsCoalesce() throws Exception {
        context();
        serve(ORIGIN + "/sw.js", "v1", new Script.NoFetch());
        ServiceWorkerClient page = navigate(ORIGIN + "/");
        CompletableFuture<ServiceWorkerRegistration> a = context.register(page, "/sw.js", null, WorkerType.CLASSIC,
                UpdateViaCache.IMPORTS);
        CompletableFuture<ServiceWorkerRegistration> b = context.register(page, "/sw.js", null, WorkerType.CLASSIC,
                UpdateViaCache.IMPORTS);
        assertThat(a.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isSameAs(b.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        register(page, "/sw.js");
        context.whenJobsDone().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        // Observers hear of starts on their own thread: wait for the first, then make sure no second comes.
        await(() -> startsOf("v1") >= 1);
        Thread.sleep(50);
        assertThat(startsOf("v1")).isEqualTo(1);
        assertThat(network.requestsFor(ORIGIN + "/sw.js")).isEqualTo(1);
    }

    @Test
    void aFailedFirstInstallMakesTheWorkerRedundantAndRemovesTheRegistration() throws Exception {
        context();
        serve(ORIGIN + "/sw.js", "bad", new Script.FailInstall());
        ServiceWorkerClient page = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = register(page, "/sw.js");
        await(registration::isCleared);
        await(() -> log.contains("bad redundant"));
        assertThat(log).containsSubsequence("bad installing", "bad redundant");
        assertThat(context.getRegistrations(page)).isEmpty();
        assertThat(store.rows).isEmpty();
    }

    @Test
    void skipWaitingFromTheEmbedderActivatesAWaitingWorkerDespiteItsClients() throws Exception {
        context();
        serve(ORIGIN + "/sw.js", "v1", new Script.Respond("one"));
        ServiceWorkerClient first = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = registerActivated(first, "/sw.js");
        ServiceWorkerClient page = navigate(ORIGIN + "/page");
        assertThat(context.skipWaiting(registration)).as("nothing waits").isFalse();

        serve(ORIGIN + "/sw.js", "v2", new Script.Respond("two"));
        context.update(registration, page).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        await(() -> registration.waiting() != null);
        ServiceWorkerVersion v2 = registration.waiting();
        Thread.sleep(50);
        assertThat(registration.waiting()).as("the controlled page holds v1").isSameAs(v2);

        assertThat(context.skipWaiting(registration)).isTrue();
        await(() -> registration.active() == v2 && activated(registration));
        assertThat(v2.skipWaitingFlag()).isTrue();
        assertThat(fetchText(page, ORIGIN + "/data")).isEqualTo("two");
    }

    @Test
    void clearRegistrationsClearsAnOriginAtOnceEvenWhileClientsUseIt() throws Exception {
        context();
        serve(ORIGIN + "/sw.js", "v1", new Script.Respond("one"));
        serve("https://other.test/sw.js", "other", new Script.Respond("other"));
        ServiceWorkerClient first = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = registerActivated(first, "/sw.js");
        ServiceWorkerClient elsewhere = navigate("https://other.test/");
        ServiceWorkerRegistration other = registerActivated(elsewhere, "/sw.js");
        ServiceWorkerClient page = navigate(ORIGIN + "/page");
        ServiceWorkerVersion v1 = registration.active();
        assertThat(context.controller(page)).isSameAs(v1);

        List<String> cleared = context.clearRegistrations(ORIGIN).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(cleared).containsExactly(ORIGIN + "/");
        assertThat(registration.isCleared()).isTrue();
        assertThat(v1.state()).isEqualTo(ServiceWorkerState.REDUNDANT);
        assertThat(context.controller(page)).isNull();
        assertThat(context.registrations()).containsExactly(other);
        assertThat(store.rows).hasSize(1);
        assertThat(context.clearRegistrations(ORIGIN).get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void aFailedUpdateInstallKeepsThePreviousWorkerServing() throws Exception {
        context();
        serve(ORIGIN + "/sw.js", "v1", new Script.Respond("one"));
        ServiceWorkerClient first = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = registerActivated(first, "/sw.js");
        ServiceWorkerVersion v1 = registration.active();

        serve(ORIGIN + "/sw.js", "v2", new Script.FailInstall());
        context.update(registration, first).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        // Install: Update Worker State (redundant), then Update Registration State (installing, null).
        await(() -> log.contains("v2 redundant") && registration.installing() == null);

        assertThat(registration.active()).isSameAs(v1);
        assertThat(registration.waiting()).isNull();
        assertThat(registration.installing()).isNull();
        ServiceWorkerClient page = navigate(ORIGIN + "/page");
        assertThat(context.controller(page)).isSameAs(v1);
        assertThat(fetchText(page, ORIGIN + "/data")).isEqualTo("one");
    }

    @Test
    void brokenUpdatesRejectAndNeverDisturbTheActiveWorker() throws Exception {
        context();
        serve(ORIGIN + "/sw.js", "v1", new Script.Respond("one"));
        ServiceWorkerClient page = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = registerActivated(page, "/sw.js");
        ServiceWorkerVersion v1 = registration.active();

        network.serve(ORIGIN + "/sw.js", 404, "text/plain", "gone", Map.of());
        assertThat(failure(context.update(registration, page))).isInstanceOf(WebError.class)
                .hasMessageContaining("bad HTTP response code (404)")
                .satisfies(e -> assertThat(((WebError) e).jsName()).isEqualTo("TypeError"));

        network.serve(ORIGIN + "/sw.js", 200, "text/html", source(new Script.Respond("two")), Map.of());
        assertThat(failure(context.update(registration, page)))
                .satisfies(e -> assertThat(((WebError) e).jsName()).isEqualTo("SecurityError"))
                .hasMessageContaining("unsupported MIME type ('text/html')");

        serve(ORIGIN + "/sw.js", "broken", new Script.Broken());
        assertThat(failure(context.update(registration, page))).hasMessageContaining("evaluation failed");

        network.offline = true;
        assertThat(failure(context.update(registration, page))).hasMessageContaining("offline");

        assertThat(registration.active()).isSameAs(v1);
        assertThat(v1.state()).isEqualTo(ServiceWorkerState.ACTIVATED);
        assertThat(registration.waiting()).isNull();
        assertThat(registration.installing()).isNull();
        network.offline = false;
        assertThat(fetchText(navigate(ORIGIN + "/p"), ORIGIN + "/data")).isEqualTo("one");
    }

    @Test
    void scopeAndOriginRulesRejectWithTheSpecsErrors() throws Exception {
        context();
        serve(ORIGIN + "/js/sw.js", "v1", new Script.NoFetch());
        ServiceWorkerClient page = navigate(ORIGIN + "/");
        assertThat(failure(context.register(page, "/js/sw.js", "/", WorkerType.CLASSIC, UpdateViaCache.IMPORTS)))
                .hasMessageContaining("not under the max scope")
                .satisfies(e -> assertThat(((WebError) e).jsName()).isEqualTo("SecurityError"));
        network.serve(ORIGIN + "/js/sw.js", 200, "application/javascript", source(new Script.NoFetch()),
                Map.of("Service-Worker-Allowed", "/"));
        assertThat(register(page, "/js/sw.js").scope().href()).isEqualTo(ORIGIN + "/js/");
        assertThat(context.register(page, "/js/sw.js", "/", WorkerType.CLASSIC, UpdateViaCache.IMPORTS)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS).scope().href()).isEqualTo(ORIGIN + "/");

        ServiceWorkerClient insecure = navigate("http://plain.test/");
        assertThat(failure(context.register(insecure, "/sw.js", null, WorkerType.CLASSIC, UpdateViaCache.IMPORTS)))
                .hasMessageContaining("not potentially trustworthy");
        assertThat(failure(context.register(page, "https://other.test/sw.js", null, WorkerType.CLASSIC,
                UpdateViaCache.IMPORTS))).hasMessageContaining("does not match the current origin");
        ServiceWorkerClient local = navigate("http://127.0.0.1:8080/");
        serve("http://127.0.0.1:8080/sw.js", "local", new Script.NoFetch());
        assertThat(register(local, "/sw.js").scope().href()).isEqualTo("http://127.0.0.1:8080/");
        network.redirect(ORIGIN + "/moved.js", ORIGIN + "/js/sw.js");
        assertThat(failure(context.register(page, "/moved.js", null, WorkerType.CLASSIC, UpdateViaCache.IMPORTS)))
                .hasMessageContaining("redirect");
    }

    @Test
    void anUpdateWaitsWhileAClientUsesTheOldWorkerAndActivatesWhenTheLastOneCloses() throws Exception {
        context();
        serve(ORIGIN + "/sw.js", "v1", new Script.Respond("one"));
        ServiceWorkerClient first = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = registerActivated(first, "/sw.js");
        ServiceWorkerClient a = navigate(ORIGIN + "/a");
        ServiceWorkerClient b = navigate(ORIGIN + "/b");
        context.closeClient(first);
        assertThat(context.controller(a)).isSameAs(registration.active());

        serve(ORIGIN + "/sw.js", "v2", new Script.Respond("two"));
        context.update(registration, a).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        await(() -> registration.waiting() != null && registration.waiting().state() == ServiceWorkerState.INSTALLED);
        Thread.sleep(50);
        assertThat(registration.waiting()).isNotNull();
        assertThat(fetchText(a, ORIGIN + "/x")).isEqualTo("one");
        LifecycleDiagnosis why = context.diagnose(registration).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(why.clientsUsingRegistration()).extracting(c -> c.url()).containsExactly(ORIGIN + "/a", ORIGIN + "/b");
        assertThat(why.explain()).contains("is waiting", "2 client(s) still use the active worker", ORIGIN + "/a");

        context.closeClient(a);
        Thread.sleep(50);
        assertThat(registration.waiting()).isNotNull();
        context.closeClient(b);
        await(() -> log.contains("v2 activated"));
        assertThat(log).containsSubsequence("v2 installing", "v2 installed", "v1 redundant", "v2 activating",
                "v2 activated");
        ServiceWorkerClient c = context.reserveWindowClient(Url.parse(ORIGIN + "/c"));
        assertThat(text(context.handleFetch(navigation(ORIGIN + "/c"), null, c))).isEqualTo("two");
    }

    @Test
    void skipWaitingActivatesAtOnceAndControlledClientsGetControllerChange() throws Exception {
        context();
        serve(ORIGIN + "/sw.js", "v1", new Script.Respond("one"));
        ServiceWorkerClient first = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = registerActivated(first, "/sw.js");
        ServiceWorkerClient page = navigate(ORIGIN + "/page");

        serve(ORIGIN + "/sw.js", "v2", new Script.SkipWaitingRespond("two"));
        context.update(registration, page).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        await(() -> log.contains("v2 activated"));
        assertThat(log).contains("controllerchange /page");
        assertThat(context.controller(page).id()).isEqualTo(registration.active().id());
        assertThat(fetchText(page, ORIGIN + "/x")).isEqualTo("two");
    }

    @Test
    void activationWaitsForTheOldWorkersInFlightFetchEvents() throws Exception {
        context();
        serve(ORIGIN + "/sw.js", "v1", new Script.LingeringFetch("one", 4000));
        ServiceWorkerClient first = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = registerActivated(first, "/sw.js");
        ServiceWorkerClient page = navigate(ORIGIN + "/page");
        assertThat(fetchText(page, ORIGIN + "/x")).isEqualTo("one");

        serve(ORIGIN + "/sw.js", "v2", new Script.SkipWaitingRespond("two"));
        context.update(registration, page).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        await(() -> registration.waiting() != null || log.contains("v2 activated"));
        assertThat(registration.waiting()).as("v2 waits for v1's open fetch events").isNotNull();
        assertThat(context.diagnose(registration).get(WAIT.toSeconds(), TimeUnit.SECONDS).explain())
                .contains("still handling");

        await(() -> log.contains("v2 activated"));
        assertThat(fetchText(page, ORIGIN + "/x")).isEqualTo("two");
    }

    @Test
    void navigationsPickTheRegistrationByLongestScopeAndSubresourcesFollowTheirClient() throws Exception {
        context();
        serve(ORIGIN + "/sw.js", "root", new Script.Respond("root"));
        serve(ORIGIN + "/app/sw.js", "app", new Script.Respond("app"));
        serve(ORIGIN + "/static/sw.js", "nofetch", new Script.NoFetch());
        ServiceWorkerClient setup = navigate(ORIGIN + "/");
        ServiceWorkerRegistration root = registerActivated(setup, "/sw.js");
        ServiceWorkerRegistration app = registerActivated(setup, "/app/sw.js");
        ServiceWorkerRegistration noFetch = registerActivated(setup, "/static/sw.js");

        ServiceWorkerClient inApp = context.reserveWindowClient(Url.parse(ORIGIN + "/app/page"));
        assertThat(text(context.handleFetch(navigation(ORIGIN + "/app/page"), null, inApp))).isEqualTo("app");
        context.clientExecutionReady(inApp, Url.parse(ORIGIN + "/app/page"));
        // A subresource goes to the client's controller, whatever its URL.
        assertThat(fetchText(inApp, ORIGIN + "/other")).isEqualTo("app");
        assertThat(context.handleFetch(subresource(ORIGIN + "/x"), setup, null))
                .isInstanceOf(FetchEventResult.Fallback.class);
        FetchRequest skip = subresource(ORIGIN + "/x");
        skip.setServiceWorkersMode(FetchRequest.ServiceWorkersMode.NONE);
        assertThat(context.handleFetch(skip, inApp, null)).isInstanceOf(FetchEventResult.Fallback.class);
        assertThat(root.active().state()).isEqualTo(ServiceWorkerState.ACTIVATED);
        assertThat(app.active()).isNotSameAs(root.active());

        // A worker with no fetch listener is skipped without being started.
        context.stopWorker(noFetch.active());
        await(() -> !noFetch.active().isRunning());
        // Its start to install was observed (observers hear of it on their own thread).
        await(() -> startsOf("nofetch") >= 1);
        int before = startsOf("nofetch");
        ServiceWorkerClient inStatic = context.reserveWindowClient(Url.parse(ORIGIN + "/static/a"));
        assertThat(context.handleFetch(navigation(ORIGIN + "/static/a"), null, inStatic))
                .isInstanceOf(FetchEventResult.Fallback.class);
        Thread.sleep(50);
        assertThat(startsOf("nofetch")).isEqualTo(before);
        assertThat(inStatic.activeServiceWorker()).isSameAs(noFetch.active());
    }

    @Test
    void anErrorResponseFromTheWorkerIsANetworkError() throws Exception {
        context();
        serve(ORIGIN + "/sw.js", "error", new Script.ErrorResponse());
        ServiceWorkerClient setup = navigate(ORIGIN + "/");
        registerActivated(setup, "/sw.js");
        ServiceWorkerClient page = context.reserveWindowClient(Url.parse(ORIGIN + "/p"));
        assertThat(context.handleFetch(navigation(ORIGIN + "/p"), null, page))
                .isInstanceOfSatisfying(FetchEventResult.NetworkError.class,
                        e -> assertThat(e.reason()).contains("Response.error()"));
    }

    @Test
    void idleWorkersStopWithoutChangingStateAndLoseTheirGlobals() throws Exception {
        // Long enough that a busy machine does not stop the worker between two fetches of the test.
        context(Duration.ofSeconds(1), Duration.ofMinutes(5));
        serve(ORIGIN + "/sw.js", "counter", new Script.Counter());
        ServiceWorkerClient setup = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = registerActivated(setup, "/sw.js");
        ServiceWorkerClient page = context.reserveWindowClient(Url.parse(ORIGIN + "/p"));
        assertThat(text(context.handleFetch(navigation(ORIGIN + "/p"), null, page))).isEqualTo("1");
        context.clientExecutionReady(page, Url.parse(ORIGIN + "/p"));
        assertThat(fetchText(page, ORIGIN + "/x")).isEqualTo("2");
        ServiceWorkerVersion active = registration.active();
        await(() -> !active.isRunning());
        assertThat(active.state()).isEqualTo(ServiceWorkerState.ACTIVATED);
        assertThat(fetchText(page, ORIGIN + "/x")).isEqualTo("1");
        await(() -> startsOf("counter") >= 2);
    }

    @Test
    void anEventRunningPastTheLimitStopsTheWorkerAndTheClientGetsANetworkError() throws Exception {
        context(Duration.ofSeconds(30), Duration.ofMillis(400));
        serve(ORIGIN + "/sw.js", "hang", new Script.HangFetch());
        ServiceWorkerClient setup = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = registerActivated(setup, "/sw.js");
        ServiceWorkerClient page = context.reserveWindowClient(Url.parse(ORIGIN + "/p"));
        assertThat(context.handleFetch(navigation(ORIGIN + "/p"), null, page))
                .isInstanceOf(FetchEventResult.NetworkError.class);
        assertThat(registration.active().state()).isEqualTo(ServiceWorkerState.ACTIVATED);
        await(() -> !registration.active().isRunning());
    }

    @Test
    void claimControlsClientsThatLoadedBeforeTheWorker() throws Exception {
        context();
        serve(ORIGIN + "/sw.js", "claimer", new Script.ClaimRespond("claimed"));
        ServiceWorkerClient page = navigate(ORIGIN + "/");
        ServiceWorkerClient elsewhere = navigate("https://other.test/");
        ServiceWorkerRegistration registration = register(page, "/sw.js");
        await(() -> log.contains("claimer activated"));
        assertThat(log).contains("controllerchange /");
        assertThat(context.controller(page)).isSameAs(registration.active());
        assertThat(context.controller(elsewhere)).isNull();
        assertThat(fetchText(page, ORIGIN + "/x")).isEqualTo("claimed");
    }

    @Test
    void unregisterTakesEffectWhenTheLastControlledClientGoes() throws Exception {
        context();
        serve(ORIGIN + "/sw.js", "v1", new Script.Respond("one"));
        ServiceWorkerClient first = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = registerActivated(first, "/sw.js");
        ServiceWorkerClient page = navigate(ORIGIN + "/p");
        context.closeClient(first);

        assertThat(context.unregister(registration, page).get(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(context.getRegistration(page, Url.parse(ORIGIN + "/"))).isEmpty();
        assertThat(store.rows).isEmpty();
        assertThat(fetchText(page, ORIGIN + "/x")).isEqualTo("one");
        assertThat(registration.isCleared()).isFalse();
        assertThat(context.unregister(registration, page).get(WAIT.toSeconds(), TimeUnit.SECONDS)).isFalse();

        context.closeClient(page);
        await(registration::isCleared);
        await(() -> log.contains("v1 redundant"));
    }

    @Test
    void importedScriptsAreComparedByteForByteOnUpdate() throws Exception {
        assertImportComparedOnUpdate(WorkerType.CLASSIC, "/sw.js", new Script.Importing(ORIGIN + "/lib.js"),
                ORIGIN + "/lib.js", "self.libraryVersion = 1;", "self.libraryVersion = 2;");
    }

    @Test
    void aModuleWorkersStaticImportsAreComparedOnUpdate() throws Exception {
        assertImportComparedOnUpdate(WorkerType.MODULE, "/sw.mjs", new Script.ModuleImporting(ORIGIN + "/lib.mjs"),
                ORIGIN + "/lib.mjs", "export const version = 1;", "export const version = 2;");
    }

    /**
     * A worker importing {@code libraryUrl}: an update check with nothing changed keeps the worker;
     * one after the import changed (the main script the same) installs and activates a new one.
     */
    private void assertImportComparedOnUpdate(WorkerType type, String scriptPath, Script script, String libraryUrl,
            String before, String after) throws Exception {
        context();
        network.script(libraryUrl, before);
        serve(ORIGIN + scriptPath, "main", script);
        ServiceWorkerClient page = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = context.register(page, scriptPath, null, type, UpdateViaCache.IMPORTS)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        await(() -> activated(registration));
        assertThat(registration.active().type()).isEqualTo(type);
        assertThat(registration.active().scripts().get(libraryUrl)).isPresent();
        String first = registration.active().id();

        context.update(registration, page).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        context.whenJobsDone().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(registration.active().id()).isEqualTo(first);
        assertThat(registration.waiting()).isNull();

        network.script(libraryUrl, after);
        context.update(registration, page).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        await(() -> activated(registration) && !registration.active().id().equals(first));
        assertThat(registration.active().scripts().get(libraryUrl).orElseThrow().text()).isEqualTo(after);
    }

    @Test
    void navigationsSoftUpdateAndOtherRequestsOnlyWhenTheLastCheckIsADayOld() throws Exception {
        context();
        serve(ORIGIN + "/sw.js", "v1", new Script.Respond("one"));
        ServiceWorkerClient first = navigate(ORIGIN + "/");
        registerActivated(first, "/sw.js");
        long checks = network.requestsFor(ORIGIN + "/sw.js");

        ServiceWorkerClient page = navigate(ORIGIN + "/p");
        context.whenJobsDone().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(network.requestsFor(ORIGIN + "/sw.js")).isEqualTo(checks + 1);

        context.handleFetch(subresource(ORIGIN + "/x"), page, null);
        context.whenJobsDone().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(network.requestsFor(ORIGIN + "/sw.js")).isEqualTo(checks + 1);

        clock.advance(Duration.ofHours(25));
        context.handleFetch(subresource(ORIGIN + "/x"), page, null);
        context.whenJobsDone().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(network.requestsFor(ORIGIN + "/sw.js")).isEqualTo(checks + 2);
        assertThat(network.requests.get(network.requests.size() - 1).headers()).containsEntry("Cache-Control", "max-age=0");
    }

    @Test
    void updateViaCacheDecidesWhichScriptFetchesBypassTheHttpCache() throws Exception {
        context();
        network.script(ORIGIN + "/lib.js", "self.libraryVersion = 1;");
        serve(ORIGIN + "/sw.js", "main", new Script.Importing(ORIGIN + "/lib.js"));
        ServiceWorkerClient page = navigate(ORIGIN + "/");
        for (UpdateViaCache mode : UpdateViaCache.values()) {
            ServiceWorkerRegistration registration = context.register(page, "/sw.js", null, WorkerType.CLASSIC, mode)
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            await(() -> activated(registration) && registration.updateViaCache() == mode);
            context.whenJobsDone().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            network.requests.clear();
            context.update(registration, page).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            boolean mainBypasses = network.requests.stream().filter(r -> r.url().equals(ORIGIN + "/sw.js"))
                    .allMatch(r -> "max-age=0".equals(r.headers().get("Cache-Control")));
            boolean importBypasses = network.requests.stream().filter(r -> r.url().equals(ORIGIN + "/lib.js"))
                    .allMatch(r -> "max-age=0".equals(r.headers().get("Cache-Control")));
            assertThat(network.requestsFor(ORIGIN + "/lib.js")).as("imports are checked too").isEqualTo(1);
            assertThat(mainBypasses).as("main script bypasses the cache with " + mode).isEqualTo(mode != UpdateViaCache.ALL);
            assertThat(importBypasses).as("imports bypass the cache with " + mode).isEqualTo(mode == UpdateViaCache.NONE);
            assertThat(registration.info().updateViaCache()).isEqualTo(mode.jsName());
        }
    }

    @Test
    void aRestartedContextRestoresRegistrationsAndServesWithoutTheNetwork() throws Exception {
        context();
        serve(ORIGIN + "/sw.js", "v1", new Script.Respond("one"));
        ServiceWorkerClient first = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = registerActivated(first, "/sw.js");
        ServiceWorkerClient page = navigate(ORIGIN + "/p");
        serve(ORIGIN + "/sw.js", "v2", new Script.Respond("two"));
        context.update(registration, page).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        await(() -> registration.waiting() != null);
        context.close();

        network.offline = true;
        context();
        ServiceWorkerRegistration restored = context.registrations().get(0);
        assertThat(restored.scope().href()).isEqualTo(ORIGIN + "/");
        assertThat(restored.active().state()).isEqualTo(ServiceWorkerState.ACTIVATED);
        assertThat(label(restored.active())).isEqualTo("v1");
        assertThat(restored.waiting().state()).isEqualTo(ServiceWorkerState.INSTALLED);
        assertThat(label(restored.waiting())).isEqualTo("v2");
        assertThat(restored.active().isRunning()).isFalse();

        // As in Chromium, a navigation activates the waiting worker that no client holds back; the
        // worker runs from the stored script bytes, offline.
        ServiceWorkerClient later = context.reserveWindowClient(Url.parse(ORIGIN + "/later"));
        assertThat(text(context.handleFetch(navigation(ORIGIN + "/later"), null, later))).isEqualTo("two");
        context.clientExecutionReady(later, Url.parse(ORIGIN + "/later"));
        await(() -> activated(restored) && restored.waiting() == null);
        assertThat(label(restored.active())).isEqualTo("v2");
        assertThat(context.controller(later)).isSameAs(restored.active());
        assertThat(fetchText(later, ORIGIN + "/x")).isEqualTo("two");
    }

    @Test
    void diagnosisNamesThePendingInstallPromiseAndWhereItWasMade() throws Exception {
        context();
        serve(ORIGIN + "/sw.js", "stuck", new Script.StuckInstall());
        ServiceWorkerClient page = navigate(ORIGIN + "/");
        ServiceWorkerRegistration registration = register(page, "/sw.js");
        await(() -> registration.installing() != null
                && !context.diagnose(registration).join().installingPending().isEmpty());
        LifecycleDiagnosis why = context.diagnose(registration).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(why.installingPending()).hasSize(1);
        assertThat(why.explain()).contains("is installing", "waitUntil() promise of its 'install' event",
                ORIGIN + "/sw.js:2:");
    }

    // ------------------------------------------------------------------------------------------

    private static String text(FetchEventResult result) throws Exception {
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

    private static Throwable failure(CompletableFuture<?> future) throws InterruptedException {
        try {
            future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no result in " + WAIT);
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
