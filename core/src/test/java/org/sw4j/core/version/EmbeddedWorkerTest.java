package org.sw4j.core.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.sw4j.core.spi.ExtendableEventResult;
import org.sw4j.core.spi.RunningWorker;
import org.sw4j.core.spi.ScriptEvaluationException;
import org.sw4j.core.spi.ScriptFailure;
import org.sw4j.core.spi.WorkerHost;
import org.sw4j.core.spi.WorkerObserver;
import org.sw4j.core.spi.WorkerStart;

/** Running state apart from lifecycle state, tested with a fake worker host and no JavaScript. */
class EmbeddedWorkerTest {
    /** A worker host that records starts and answers every event at once. */
    static final class FakeHost implements WorkerHost {
        final List<FakeWorker> started = new ArrayList<>();
        boolean failEvaluation;

        @Override
        public RunningWorker start(WorkerStart start) {
            FakeWorker worker = new FakeWorker(failEvaluation);
            started.add(worker);
            return worker;
        }
    }

    static final class FakeWorker implements RunningWorker {
        final List<String> events = new ArrayList<>();
        final CompletableFuture<Void> evaluated = new CompletableFuture<>();
        final CompletableFuture<Void> terminated = new CompletableFuture<>();

        FakeWorker(boolean failEvaluation) {
            if (failEvaluation) {
                evaluated.completeExceptionally(new ScriptEvaluationException(new ScriptFailure("Error", "bad script", "")));
            } else {
                evaluated.complete(null);
            }
        }

        @Override
        public CompletableFuture<Void> evaluated() {
            return evaluated;
        }

        @Override
        public CompletableFuture<ExtendableEventResult> dispatchExtendableEvent(String type) {
            events.add(type);
            return CompletableFuture.completedFuture(ExtendableEventResult.SETTLED);
        }

        @Override
        public CompletableFuture<ExtendableEventResult> dispatchMessageEvent(
                org.sw4j.core.spi.ExtendableMessageEventInit init) {
            events.add("message");
            return CompletableFuture.completedFuture(ExtendableEventResult.SETTLED);
        }

        @Override
        public org.sw4j.core.spi.FetchEventDispatch dispatchFetchEvent(org.sw4j.core.spi.FetchEventInit init) {
            events.add("fetch");
            return new org.sw4j.core.spi.FetchEventDispatch(
                    CompletableFuture.completedFuture(new org.sw4j.core.spi.FetchEventResult.Fallback()),
                    CompletableFuture.completedFuture(ExtendableEventResult.SETTLED));
        }

        @Override
        public java.util.Set<String> eventTypesToHandle() {
            return java.util.Set.of();
        }

        @Override
        public void registrationChanged(org.sw4j.core.spi.RegistrationInfo registration, boolean updateFound) {
        }

        @Override
        public CompletableFuture<List<org.sw4j.core.spi.PendingExtension>> pendingExtensions() {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<Void> idle() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> terminated() {
            return terminated;
        }

        @Override
        public boolean isRunning() {
            return !terminated.isDone();
        }

        @Override
        public void terminate() {
            terminated.complete(null);
        }
    }

    private final FakeHost host = new FakeHost();
    private final AtomicReference<ServiceWorkerState> state = new AtomicReference<>(ServiceWorkerState.ACTIVATED);
    private final ScriptResourceMap scripts = new ScriptResourceMap();
    private final EmbeddedWorker worker = new EmbeddedWorker(host, () -> new WorkerStart("https://example.com/sw.js",
            WorkerType.CLASSIC, scripts, state::get, request -> { throw new java.io.IOException("offline"); }, WorkerObserver.NONE));

    EmbeddedWorkerTest() {
        scripts.put(new ScriptResource("https://example.com/sw.js", "https://example.com/sw.js", "text/javascript", new byte[0]));
    }

    @Test
    void startsOnDemandAndReusesTheRunningInstance() {
        assertThat(worker.isRunning()).isFalse();
        assertThat(worker.dispatchExtendableEvent("install").join().succeeded()).isTrue();
        worker.dispatchExtendableEvent("activate").join();
        assertThat(host.started).hasSize(1);
        assertThat(host.started.get(0).events).containsExactly("install", "activate");
        assertThat(worker.isRunning()).isTrue();
    }

    @Test
    void stoppingNeverChangesLifecycleStateAndTheNextEventStartsAFreshInstance() {
        worker.dispatchExtendableEvent("sync").join();
        worker.stop();
        assertThat(worker.isRunning()).isFalse();
        assertThat(state.get()).isEqualTo(ServiceWorkerState.ACTIVATED);
        worker.dispatchExtendableEvent("sync").join();
        assertThat(host.started).hasSize(2);
        assertThat(host.started.get(0).isRunning()).isFalse();
        assertThat(host.started.get(1).events).containsExactly("sync");
    }

    @Test
    void anInstanceThatStoppedByItselfIsReplaced() {
        worker.dispatchExtendableEvent("sync").join();
        host.started.get(0).terminate();
        assertThat(worker.current()).isNull();
        worker.dispatchExtendableEvent("sync").join();
        assertThat(host.started).hasSize(2);
    }

    @Test
    void aScriptThatFailsToEvaluateGetsNoEvents() {
        host.failEvaluation = true;
        var result = worker.dispatchExtendableEvent("install");
        assertThat(result).isCompletedExceptionally();
        assertThat(result.exceptionNow()).isInstanceOf(ScriptEvaluationException.class).hasMessage("Error: bad script");
        assertThat(host.started.get(0).events).isEmpty();
    }

    @Test
    void theScriptResourceMapKeepsInsertionOrder() {
        scripts.put(new ScriptResource("https://example.com/b.js", "https://example.com/b.js", null, new byte[0]));
        scripts.put(new ScriptResource("https://example.com/a.js", "https://example.com/a.js", null, new byte[0]));
        assertThat(scripts.all()).extracting(ScriptResource::url)
                .containsExactly("https://example.com/sw.js", "https://example.com/b.js", "https://example.com/a.js");
    }
}
