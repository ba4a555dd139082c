package org.sw4j.js;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.sw4j.core.spi.Fetcher;
import org.sw4j.core.spi.cache.CacheStore;
import org.graalvm.polyglot.Engine;
import org.sw4j.core.spi.RunningWorker;
import org.sw4j.core.spi.WorkerHost;
import org.sw4j.core.spi.WorkerStart;
import org.sw4j.js.internal.GlobalScopePool;
import org.sw4j.js.internal.Watchdog;
import org.sw4j.js.internal.WorkerInstance;

/**
 * Runs service workers on GraalJS: one context per running worker, all sharing one
 * {@link Engine} so that parsed sources (sw4j's own bootstrap and workers' scripts) and compiled
 * code are reused across workers. The engine starts on a thread of its own (a couple of hundred
 * milliseconds at a process's start), so that building a host does not wait for it; the first
 * worker does.
 */
public final class GraalWorkerHost implements WorkerHost, AutoCloseable {
    private final CompletableFuture<Engine> engine;
    private final WorkerLimits limits;
    private final Watchdog watchdog;
    private final GlobalScopePool scopes;

    private GraalWorkerHost(Builder builder) {
        this.engine = newEngine();
        this.limits = builder.limits;
        this.watchdog = new Watchdog(limits);
        this.scopes = new GlobalScopePool(this::engine, builder.console, builder.userAgent, builder.fetcher,
                builder.cacheStore, builder.preparedScopes);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static CompletableFuture<Engine> newEngine() {
        CompletableFuture<Engine> engine = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("sw4j-js-engine").start(() -> {
            try {
                engine.complete(Engine.newBuilder("js").build());
            } catch (RuntimeException | Error e) {
                engine.completeExceptionally(e);
            }
        });
        return engine;
    }

    @Override
    public RunningWorker start(WorkerStart start) {
        return WorkerInstance.start(scopes, start, watchdog);
    }

    /** The Truffle runtime's name: "Interpreted" when GraalJS runs without its JIT compiler. */
    public String runtimeName() {
        return engine().getImplementationName();
    }

    /** The engine, once started; what stopped it from starting is thrown. */
    private Engine engine() {
        try {
            return engine.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    public WorkerLimits limits() {
        return limits;
    }

    @Override
    public void close() {
        // Workers first (their threads end), then scopes in preparation, then the engine.
        watchdog.terminateAll();
        watchdog.close();
        scopes.close();
        // An engine still starting is closed once started.
        Engine started = engine.handle((done, failed) -> done).join();
        if (started != null) {
            started.close(true);
        }
    }

    /** Builds a {@link GraalWorkerHost}. */
    public static final class Builder {
        private WorkerLimits limits = WorkerLimits.DEFAULT;
        private ConsoleSink console = ConsoleSink.standard();
        private String userAgent = "Mozilla/5.0 (sw4j) sw4j/0.1";
        private int preparedScopes = 1;
        private Fetcher fetcher = Fetcher.NONE;
        private CacheStore cacheStore;

        private Builder() {
        }

        public Builder limits(WorkerLimits limits) {
            this.limits = Objects.requireNonNull(limits);
            return this;
        }

        public Builder console(ConsoleSink console) {
            this.console = Objects.requireNonNull(console);
            return this;
        }

        /** The value of {@code navigator.userAgent}. */
        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent);
            return this;
        }

        /**
         * How many global scopes to keep prepared for workers yet to start (default 1): each is a
         * context with sw4j's bootstrap already run, so a worker starts by evaluating its script.
         * 0 prepares every scope when its worker starts.
         */
        public Builder preparedScopes(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("preparedScopes must not be negative");
            }
            this.preparedScopes = count;
            return this;
        }

        /**
         * How the workers' {@code fetch()} reaches the network (e.g. {@code org.sw4j.network.HttpFetcher});
         * default: none, and every fetch fails with a TypeError saying so.
         */
        public Builder fetcher(Fetcher fetcher) {
            this.fetcher = Objects.requireNonNull(fetcher);
            return this;
        }

        /**
         * Where the workers' Cache Storage ({@code caches}) and {@code navigator.storage} keep their
         * data, partitioned by the worker's origin (e.g. {@code org.sw4j.storage.SqliteCacheStore});
         * the host does not close it. Default: none, and every {@code caches} operation rejects with
         * an InvalidStateError saying so.
         */
        public Builder cacheStore(CacheStore cacheStore) {
            this.cacheStore = Objects.requireNonNull(cacheStore);
            return this;
        }

        public GraalWorkerHost build() {
            return new GraalWorkerHost(this);
        }
    }
}
