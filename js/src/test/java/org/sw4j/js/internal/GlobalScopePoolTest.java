package org.sw4j.js.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.Test;
import org.sw4j.core.spi.Fetcher;
import org.sw4j.js.ConsoleSink;

/**
 * Taking a scope never blocks: the engine starts workers while holding its lock, which requests
 * need too, so a worker that comes while the pool's scope is still being prepared is handed to the
 * preparing thread instead of waiting for it.
 */
class GlobalScopePoolTest {
    @Test
    void aWorkerTakenWhileTheScopeIsPreparedRunsOnThePreparingThreadWithoutBlockingTheCaller() throws Exception {
        try (Engine engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build()) {
            GlobalScopePool pool = new GlobalScopePool(() -> engine, ConsoleSink.standard(), "test", Fetcher.NONE, null, 1);
            try {
                // The pool began preparing its scope as it was made; a cold first scope takes far
                // longer than this call (sw4j's bootstrap is parsed for the first time).
                long calledAt = System.nanoTime();
                CompletableFuture<String> ran = new CompletableFuture<>();
                CompletableFuture<Long> preparedAt = new CompletableFuture<>();
                Thread thread = pool.start(scope -> {
                    try {
                        GlobalScope prepared = scope.get();
                        preparedAt.complete(System.nanoTime());
                        ran.complete(Thread.currentThread().getName());
                        prepared.close();
                    } catch (RuntimeException e) {
                        ran.completeExceptionally(e);
                    }
                });
                long returnedAt = System.nanoTime();
                assertThat(ran.get(60, TimeUnit.SECONDS)).isEqualTo(thread.getName());
                // The worker got its scope when it was ready; the caller had its answer long before.
                assertThat(returnedAt - calledAt).as("start() returned before the scope was ready")
                        .isLessThan((preparedAt.get() - calledAt) / 2);
            } finally {
                pool.close();
            }
        }
    }
}
