package org.sw4j.core.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.sw4j.core.spi.ExtendableEventResult;
import org.sw4j.core.spi.ExtendableMessageEventInit;
import org.sw4j.core.spi.FetchEventDispatch;
import org.sw4j.core.spi.FetchEventInit;
import org.sw4j.core.spi.FetchEventResult;
import org.sw4j.core.spi.PendingExtension;
import org.sw4j.core.spi.RegistrationInfo;
import org.sw4j.core.spi.ResourceRequest;
import org.sw4j.core.spi.ResourceResponse;
import org.sw4j.core.spi.RunningWorker;
import org.sw4j.core.spi.ScriptEvaluationException;
import org.sw4j.core.spi.ScriptFailure;
import org.sw4j.core.spi.WorkerHost;
import org.sw4j.core.spi.WorkerStart;
import org.sw4j.core.spi.WorkerTerminatedException;
import org.sw4j.core.version.ScriptResource;

/**
 * A worker host with no JavaScript engine: a "script" is a name (its text, trimmed) that the test
 * defined with Java behaviour. Lets the whole lifecycle be tested in core.
 */
final class FakeWorkerHost implements WorkerHost {
    private final Map<String, FakeScript> scripts = new ConcurrentHashMap<>();
    final List<FakeWorker> started = Collections.synchronizedList(new ArrayList<>());
    /** How long the message events of workers started from now on last (null: they settle at once). */
    volatile CompletableFuture<ExtendableEventResult> messageLifetime;

    /** What a fake script does. */
    record FakeScript(Set<String> listens, boolean throwsOnEvaluation, List<String> imports,
            Function<FakeWorker, CompletableFuture<ExtendableEventResult>> install,
            Function<FakeWorker, CompletableFuture<ExtendableEventResult>> activate,
            BiFunction<FakeWorker, FetchEventInit, FetchEventDispatch> fetch) {
    }

    static FakeScript script(String... listens) {
        return new FakeScript(Set.of(listens), false, List.of(), w -> done(), w -> done(),
                (w, init) -> new FetchEventDispatch(CompletableFuture.completedFuture(new FetchEventResult.Fallback()),
                        CompletableFuture.completedFuture(ExtendableEventResult.SETTLED)));
    }

    static CompletableFuture<ExtendableEventResult> done() {
        return CompletableFuture.completedFuture(ExtendableEventResult.SETTLED);
    }

    static CompletableFuture<ExtendableEventResult> rejected(String message) {
        return CompletableFuture.completedFuture(new ExtendableEventResult(
                java.util.Optional.of(new ScriptFailure("Error", message, message))));
    }

    void define(String name, FakeScript script) {
        scripts.put(name, script);
    }

    long startsOf(String name) {
        synchronized (started) {
            return started.stream().filter(w -> w.name.equals(name)).count();
        }
    }

    @Override
    public RunningWorker start(WorkerStart start) {
        // A fake script's first line is its name; the rest (comments) is ignored.
        String name = start.scripts().get(start.scriptUrl()).orElseThrow().text().strip().lines().findFirst().orElse("");
        FakeWorker worker = new FakeWorker(name, start, scripts.get(name));
        worker.messageLifetime = messageLifetime;
        started.add(worker);
        return worker;
    }

    /** One running fake worker. */
    static final class FakeWorker implements RunningWorker {
        final String name;
        final WorkerStart start;
        final FakeScript script;
        final CompletableFuture<Void> evaluated = new CompletableFuture<>();
        final CompletableFuture<Void> terminated = new CompletableFuture<>();
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final List<RegistrationInfo> registrationUpdates = Collections.synchronizedList(new ArrayList<>());
        final List<PendingExtension> pending = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger fetches = new AtomicInteger();
        final List<ExtendableMessageEventInit> messages = Collections.synchronizedList(new ArrayList<>());
        volatile CompletableFuture<ExtendableEventResult> messageLifetime;
        /** Global state: lost when the worker stops. */
        final Map<String, Object> globals = new ConcurrentHashMap<>();
        private final List<CompletableFuture<?>> open = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean running = true;

        FakeWorker(String name, WorkerStart start, FakeScript script) {
            this.name = name;
            this.start = start;
            this.script = script;
            if (script == null) {
                evaluated.completeExceptionally(new ScriptEvaluationException(
                        new ScriptFailure("SyntaxError", "not a fake script: " + name, name)));
            } else if (script.throwsOnEvaluation()) {
                evaluated.completeExceptionally(new ScriptEvaluationException(
                        new ScriptFailure("Error", "thrown at evaluation", "")));
            } else {
                try {
                    for (String url : script.imports()) {
                        if (!start.scripts().contains(url)) {
                            ResourceResponse response = start.fetcher().fetch(ResourceRequest.get(url, Map.of()));
                            start.scripts().put(new ScriptResource(url, response.url(),
                                    response.header("content-type").orElse(null), response.body()));
                        }
                    }
                    evaluated.complete(null);
                } catch (IOException e) {
                    evaluated.completeExceptionally(new ScriptEvaluationException(
                            new ScriptFailure("NetworkError", e.getMessage(), "")));
                }
            }
        }

        @Override
        public CompletableFuture<Void> evaluated() {
            return evaluated;
        }

        @Override
        public CompletableFuture<ExtendableEventResult> dispatchExtendableEvent(String type) {
            events.add(type);
            CompletableFuture<ExtendableEventResult> result = switch (type) {
                case "install" -> script.install().apply(this);
                case "activate" -> script.activate().apply(this);
                default -> done();
            };
            return track(result);
        }

        @Override
        public FetchEventDispatch dispatchFetchEvent(FetchEventInit init) {
            events.add("fetch " + init.request().url().href());
            fetches.incrementAndGet();
            FetchEventDispatch dispatch = script.fetch().apply(this, init);
            return new FetchEventDispatch(track(dispatch.response()), track(dispatch.finished()));
        }

        @Override
        public CompletableFuture<ExtendableEventResult> dispatchMessageEvent(ExtendableMessageEventInit init) {
            events.add("message");
            messages.add(init);
            CompletableFuture<ExtendableEventResult> lifetime = messageLifetime;
            return track(lifetime != null ? lifetime : done());
        }

        private <T> CompletableFuture<T> track(CompletableFuture<T> future) {
            if (!running) {
                return CompletableFuture.failedFuture(new WorkerTerminatedException("stopped"));
            }
            CompletableFuture<T> copy = new CompletableFuture<>();
            future.whenComplete((value, failure) -> {
                if (failure != null) {
                    copy.completeExceptionally(failure);
                } else {
                    copy.complete(value);
                }
            });
            open.add(copy);
            return copy;
        }

        @Override
        public Set<String> eventTypesToHandle() {
            return script == null ? Set.of() : script.listens();
        }

        @Override
        public void registrationChanged(RegistrationInfo registration, boolean updateFound) {
            registrationUpdates.add(registration);
            if (updateFound) {
                events.add("updatefound");
            }
        }

        @Override
        public CompletableFuture<java.util.List<PendingExtension>> pendingExtensions() {
            return CompletableFuture.completedFuture(List.copyOf(pending));
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
            return running;
        }

        @Override
        public void terminate() {
            if (!running) {
                return;
            }
            running = false;
            globals.clear();
            WorkerTerminatedException stopped = new WorkerTerminatedException("the worker was terminated");
            synchronized (open) {
                open.forEach(f -> f.completeExceptionally(stopped));
            }
            evaluated.completeExceptionally(stopped);
            start.observer().terminated(null);
            terminated.complete(null);
        }
    }
}
