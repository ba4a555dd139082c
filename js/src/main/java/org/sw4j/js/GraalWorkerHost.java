package org.sw4j.js;

import java.util.Objects;
import org.graalvm.polyglot.Engine;
import org.sw4j.core.spi.RunningWorker;
import org.sw4j.core.spi.WorkerHost;
import org.sw4j.core.spi.WorkerStart;
import org.sw4j.js.internal.Watchdog;
import org.sw4j.js.internal.WorkerInstance;

/**
 * Runs service workers on GraalJS: one context per running worker, all sharing one
 * {@link Engine} so that parsed sources (sw4j's own bootstrap and workers' scripts) and compiled
 * code are reused across workers.
 */
public final class GraalWorkerHost implements WorkerHost, AutoCloseable {
    private final Engine engine;
    private final WorkerLimits limits;
    private final ConsoleSink console;
    private final String userAgent;
    private final Watchdog watchdog;

    private GraalWorkerHost(Builder builder) {
        this.engine = Engine.newBuilder("js").build();
        this.limits = builder.limits;
        this.console = builder.console;
        this.userAgent = builder.userAgent;
        this.watchdog = new Watchdog(limits);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public RunningWorker start(WorkerStart start) {
        return WorkerInstance.start(engine, start, console, userAgent, watchdog);
    }

    /** The Truffle runtime's name: "Interpreted" when GraalJS runs without its JIT compiler. */
    public String runtimeName() {
        return engine.getImplementationName();
    }

    public WorkerLimits limits() {
        return limits;
    }

    @Override
    public void close() {
        watchdog.close();
        engine.close(true);
    }

    /** Builds a {@link GraalWorkerHost}. */
    public static final class Builder {
        private WorkerLimits limits = WorkerLimits.DEFAULT;
        private ConsoleSink console = ConsoleSink.standard();
        private String userAgent = "Mozilla/5.0 (sw4j) sw4j/0.1";

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

        public GraalWorkerHost build() {
            return new GraalWorkerHost(this);
        }
    }
}
