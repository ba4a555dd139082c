package org.sw4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sw4j.core.engine.FakeWorkerHost.FakeScript;
import org.sw4j.core.engine.FakeWorkerHost.FakeWorker;
import org.sw4j.core.spi.ExtendableEventResult;
import org.sw4j.core.spi.FetchCall;
import org.sw4j.core.spi.FetchEnvironment;
import org.sw4j.core.spi.FetchEventDispatch;
import org.sw4j.core.spi.FetchEventInit;
import org.sw4j.core.spi.FetchEventResult;
import org.sw4j.core.spi.FetchOutcome;
import org.sw4j.core.spi.Fetcher;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.core.version.WorkerType;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.fetch.Body;
import org.sw4j.webapi.fetch.BodySource;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.FetchResponse;
import org.sw4j.webapi.fetch.RequestDestination;
import org.sw4j.webapi.fetch.RequestMode;
import org.sw4j.webapi.url.Url;

/**
 * Handle Fetch's navigation preload on the fake host: who gets the preload's one response (the
 * worker, or the navigation when the worker falls back), and that nobody's is cancelled.
 */
class NavigationPreloadEngineTest {
    private static final String ORIGIN = "https://example.com";
    private final FakeWorkerHost host = new FakeWorkerHost();
    private final FakeNetwork scripts = new FakeNetwork();
    private final PreloadNetwork network = new PreloadNetwork();
    private final List<String> installAnswers = Collections.synchronizedList(new ArrayList<>());
    private ServiceWorkerContext context;

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    /** An activated worker whose activate enables navigation preload; its fetch events do {@code fetch}. */
    private void activated(BiFunction<FakeWorker, FetchEventInit, FetchEventDispatch> fetch) throws Exception {
        FakeScript base = FakeWorkerHost.script("install", "activate", "fetch");
        host.define("preloading", new FakeScript(base.listens(), false, List.of(),
                w -> w.start.services().setNavigationPreloadEnabled(true).handle((ok, failure) -> {
                    installAnswers.add(failure == null ? "enabled" : ((WebError) failure).jsName());
                    return ExtendableEventResult.SETTLED;
                }),
                w -> w.start.services().setNavigationPreloadEnabled(true).thenApply(ok -> ExtendableEventResult.SETTLED),
                fetch));
        scripts.script(ORIGIN + "/sw.js", "preloading");
        context = ServiceWorkerContext.builder(host).scriptFetcher(scripts).network(network, "test agent").build();
        ServiceWorkerClient page = context.reserveWindowClient(Url.parse(ORIGIN + "/"));
        context.clientExecutionReady(page, Url.parse(ORIGIN + "/"));
        ServiceWorkerRegistration registration = context.register(page, ORIGIN + "/sw.js", null, WorkerType.CLASSIC,
                UpdateViaCache.IMPORTS).get();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (registration.active() == null || registration.active().state() != ServiceWorkerState.ACTIVATED) {
            assertThat(System.nanoTime()).as("activated in time").isLessThan(deadline);
            Thread.sleep(5);
        }
        assertThat(registration.navigationPreloadEnabled()).isTrue();
    }

    private FetchEventResult navigate(String path) {
        FetchRequest request = new FetchRequest(Url.parse(ORIGIN + path));
        request.setMode(RequestMode.NAVIGATE);
        request.setDestination(RequestDestination.DOCUMENT);
        ServiceWorkerClient reserved = context.reserveWindowClient(request.url());
        return context.handleFetch(request, null, reserved);
    }

    private static FetchEventDispatch answer(CompletableFuture<FetchEventResult> response) {
        return new FetchEventDispatch(response, response.thenApply(r -> ExtendableEventResult.SETTLED));
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void theInstallingWorkerCannotEnableAndTheActiveOneCan() throws Exception {
        activated((w, init) -> answer(CompletableFuture.completedFuture(new FetchEventResult.Fallback())));
        assertThat(installAnswers).containsExactly("InvalidStateError");
    }

    @Test
    void aWorkerThatFallsBackLeavesThePreloadToTheNavigation() throws Exception {
        activated((w, init) -> answer(CompletableFuture.completedFuture(new FetchEventResult.Fallback())));

        FetchEventResult result = navigate("/page");

        assertThat(result).isInstanceOfSatisfying(FetchEventResult.Fallback.class,
                fallback -> assertThat(fallback.navigationPreload()).containsSame(network.calls.getFirst()));
        PreloadCall call = network.calls.getFirst();
        assertThat(call.request.headerList().get("Service-Worker-Navigation-Preload")).isEqualTo("true");
        assertThat(call.request.serviceWorkersMode()).isEqualTo(FetchRequest.ServiceWorkersMode.NONE);
        Thread.sleep(100);
        assertThat(call.aborted).isFalse();
        assertThat(network.calls).hasSize(1);
    }

    @Test
    void aWorkerThatRespondsWithThePreloadUsesItsBody() throws Exception {
        activated((w, init) -> answer(init.preloadResponse().thenApply(FetchEventResult.Responded::new)));

        FetchEventResult result = navigate("/page");

        assertThat(result).isInstanceOf(FetchEventResult.Responded.class);
        Thread.sleep(100);
        PreloadCall call = network.calls.getFirst();
        assertThat(call.aborted).isFalse();
        byte[] body = ((FetchEventResult.Responded) result).response().body().stream().readAllBytes();
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("preloaded /page");
    }

    @Test
    void aPreloadNobodyUsedIsCancelledWhenTheEventEnds() throws Exception {
        CompletableFuture<ExtendableEventResult> finished = new CompletableFuture<>();
        activated((w, init) -> {
            FetchResponse own = new FetchResponse();
            own.setBody(Body.of("the worker's".getBytes(StandardCharsets.UTF_8)));
            return new FetchEventDispatch(CompletableFuture.completedFuture(new FetchEventResult.Responded(own)),
                    finished);
        });

        assertThat(navigate("/page")).isInstanceOf(FetchEventResult.Responded.class);
        PreloadCall call = network.calls.getFirst();
        Thread.sleep(50);
        assertThat(call.aborted).as("not before the event ends").isFalse();
        finished.complete(ExtendableEventResult.SETTLED);
        await(() -> call.aborted && call.body.closed);
    }

    @Test
    void aWorkerThatReadThePreloadAndFellBackMakesTheNavigationFetchAgain() throws Exception {
        activated((w, init) -> {
            try {
                init.preloadResponse().join().body().stream().read();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return answer(CompletableFuture.completedFuture(new FetchEventResult.Fallback()));
        });

        assertThat(navigate("/page")).isEqualTo(new FetchEventResult.Fallback());
    }

    @Test
    void withoutPreloadTheEventHasNone() throws Exception {
        List<Boolean> hadPreload = Collections.synchronizedList(new ArrayList<>());
        activated((w, init) -> {
            hadPreload.add(init.preloadResponse() != null);
            if (init.request().url().pathname().equals("/off")) {
                w.start.services().setNavigationPreloadEnabled(false).join();
            }
            return answer(CompletableFuture.completedFuture(new FetchEventResult.Fallback()));
        });

        navigate("/off");
        navigate("/after");

        assertThat(hadPreload).containsExactly(true, false);
        assertThat(network.calls).extracting(c -> c.request.url().pathname()).containsExactly("/off");
    }

    /** A network whose fetches answer at once with "preloaded PATH", recording each call. */
    private static final class PreloadNetwork implements Fetcher {
        final List<PreloadCall> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public FetchCall fetch(FetchRequest request, FetchEnvironment environment) {
            PreloadCall call = new PreloadCall(request);
            calls.add(call);
            return call;
        }

        @Override
        public boolean isOnline() {
            return true;
        }

        @Override
        public Subscription addOnlineListener(OnlineListener listener) {
            return () -> { };
        }
    }

    private static final class PreloadCall implements FetchCall {
        final FetchRequest request;
        final RecordingBody body;
        final FetchResponse response = new FetchResponse();
        volatile boolean aborted;

        PreloadCall(FetchRequest request) {
            this.request = request;
            this.body = new RecordingBody(("preloaded " + request.url().pathname()).getBytes(StandardCharsets.UTF_8));
            response.setUrlList(List.of(request.url()));
            response.setBody(new Body(body, -1, false));
        }

        @Override
        public FetchOutcome awaitResponse() {
            return aborted ? FetchOutcome.aborted() : FetchOutcome.of(response);
        }

        @Override
        public void whenResponse(java.util.function.Consumer<FetchOutcome> callback) {
            callback.accept(awaitResponse());
        }

        @Override
        public void abort() {
            aborted = true;
        }

        @Override
        public boolean isAborted() {
            return aborted;
        }
    }

    private static final class RecordingBody implements BodySource {
        private byte[] bytes;
        volatile boolean closed;

        RecordingBody(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long length() {
            return -1;
        }

        @Override
        public synchronized ByteBuffer read() {
            byte[] chunk = bytes;
            bytes = null;
            return chunk == null ? null : ByteBuffer.wrap(chunk);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
