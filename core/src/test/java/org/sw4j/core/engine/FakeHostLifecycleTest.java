package org.sw4j.core.engine;

import static org.sw4j.core.engine.FakeWorkerHost.done;
import static org.sw4j.core.engine.FakeWorkerHost.rejected;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.sw4j.core.spi.ExtendableEventResult;
import org.sw4j.core.spi.FetchEventDispatch;
import org.sw4j.core.spi.FetchEventResult;
import org.sw4j.core.spi.PendingExtension;
import org.sw4j.core.spi.WorkerHost;
import org.sw4j.webapi.fetch.Body;
import org.sw4j.webapi.fetch.FetchResponse;

/** The lifecycle contract on a fake worker host: the core's engine with no JavaScript engine at all. */
class FakeHostLifecycleTest extends LifecycleContract {
    private final FakeWorkerHost host = new FakeWorkerHost();
    private final AtomicInteger names = new AtomicInteger();

    @Override
    protected WorkerHost newHost() {
        return host;
    }

    @Override
    protected String source(Script script) {
        String name = "fake-" + names.incrementAndGet();
        host.define(name, fake(script));
        return name;
    }

    private static FakeWorkerHost.FakeScript fake(Script script) {
        Set<String> all = Set.of("install", "activate", "fetch");
        return switch (script) {
            case Script.Respond r -> new FakeWorkerHost.FakeScript(all, false, List.of(), w -> done(), w -> done(),
                    (w, init) -> answer(r.text()));
            case Script.SkipWaitingRespond r -> new FakeWorkerHost.FakeScript(all, false, List.of(),
                    w -> w.start.services().skipWaiting().thenApply(x -> ExtendableEventResult.SETTLED), w -> done(),
                    (w, init) -> answer(r.text()));
            case Script.ClaimRespond r -> new FakeWorkerHost.FakeScript(all, false, List.of(), w -> done(),
                    w -> w.start.services().claimClients().thenApply(x -> ExtendableEventResult.SETTLED),
                    (w, init) -> answer(r.text()));
            case Script.FailInstall f -> new FakeWorkerHost.FakeScript(Set.of("install"), false, List.of(),
                    w -> rejected("no space"), w -> done(), (w, init) -> answer(""));
            case Script.Counter c -> new FakeWorkerHost.FakeScript(Set.of("fetch"), false, List.of(), w -> done(),
                    w -> done(), (w, init) -> {
                        int count = (Integer) w.globals.merge("count", 1, (x, y) -> (Integer) x + (Integer) y);
                        return answer(Integer.toString(count));
                    });
            case Script.HangFetch h -> new FakeWorkerHost.FakeScript(Set.of("fetch"), false, List.of(), w -> done(),
                    w -> done(), (w, init) -> new FetchEventDispatch(new CompletableFuture<>(), new CompletableFuture<>()));
            case Script.NoFetch n -> new FakeWorkerHost.FakeScript(Set.of("install"), false, List.of(), w -> done(),
                    w -> done(), (w, init) -> answer(""));
            case Script.Broken b -> new FakeWorkerHost.FakeScript(Set.of(), true, List.of(), w -> done(), w -> done(),
                    (w, init) -> answer(""));
            case Script.LingeringFetch l -> new FakeWorkerHost.FakeScript(all, false, List.of(), w -> done(),
                    w -> done(), (w, init) -> new FetchEventDispatch(answer(l.text()).response(),
                            CompletableFuture.supplyAsync(() -> ExtendableEventResult.SETTLED,
                                    CompletableFuture.delayedExecutor(l.millis(), TimeUnit.MILLISECONDS))));
            case Script.StuckInstall s -> new FakeWorkerHost.FakeScript(Set.of("install"), false, List.of(), w -> {
                w.pending.add(new PendingExtension("install", "waitUntil", w.start.scriptUrl() + ":2:9", 0));
                return new CompletableFuture<>();
            }, w -> done(), (w, init) -> answer(""));
            case Script.Importing i -> new FakeWorkerHost.FakeScript(Set.of("install", "activate"), false,
                    List.of(i.libraryUrl()), w -> done(), w -> done(), (w, init) -> answer(""));
            case Script.ModuleImporting m -> new FakeWorkerHost.FakeScript(Set.of("install", "activate"), false,
                    List.of(m.moduleUrl()), w -> done(), w -> done(), (w, init) -> answer(""));
            case Script.ErrorResponse e -> new FakeWorkerHost.FakeScript(Set.of("fetch"), false, List.of(),
                    w -> done(), w -> done(), (w, init) -> new FetchEventDispatch(CompletableFuture.completedFuture(
                            new FetchEventResult.Responded(FetchResponse.networkError())),
                            CompletableFuture.completedFuture(ExtendableEventResult.SETTLED)));
        };
    }

    private static FetchEventDispatch answer(String text) {
        FetchResponse response = new FetchResponse();
        response.setStatus(200);
        response.setBody(Body.of(text.getBytes()));
        return new FetchEventDispatch(CompletableFuture.completedFuture(new FetchEventResult.Responded(response)),
                CompletableFuture.completedFuture(ExtendableEventResult.SETTLED));
    }
}
