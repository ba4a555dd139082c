package org.sw4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.sw4j.core.spi.OriginFetcher;
import org.sw4j.core.spi.RunningWorker;
import org.sw4j.core.spi.WorkerObserver;
import org.sw4j.core.spi.WorkerStart;
import org.sw4j.core.version.ScriptResource;
import org.sw4j.core.version.ScriptResourceMap;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.core.version.WorkerType;
import org.sw4j.js.ConsoleSink;
import org.sw4j.js.GraalWorkerHost;

/** What the benchmarks share: a JIT-checked host and a one-call way to start a worker. */
final class BenchWorkers {
    /** The benchmarks import nothing: any fetch is a failure. */
    static final OriginFetcher NO_NETWORK = request -> {
        throw new IOException("the benchmarks have no network (asked for " + request.url() + ")");
    };

    /** Console output (the benchmark scripts print nothing unless something is wrong) goes to stderr. */
    private static final ConsoleSink CONSOLE = (url, level, text) -> System.err.println("[" + url + "] " + text);

    private BenchWorkers() {
    }

    /**
     * A host on a new engine. Fails unless GraalJS has its optimizing runtime: benchmarks of the
     * interpreter-only ("fallback") runtime measure nothing sw4j users see.
     */
    static GraalWorkerHost newHost() {
        GraalWorkerHost host = GraalWorkerHost.builder().console(CONSOLE).build();
        String runtime = host.runtimeName();
        if ("Interpreted".equals(runtime) && !Boolean.getBoolean("sw4j.bench.allowInterpreter")) {
            host.close();
            throw new IllegalStateException("GraalJS runs without its JIT compiler (Truffle runtime '" + runtime
                    + "'); start the JVM as bench/run-worker-bench.sh does (JVMCI, Graal compiler on the upgrade"
                    + " module path, polyglot on the module path)");
        }
        System.err.println("sw4j bench: Truffle runtime: " + runtime);
        return host;
    }

    /** Starts a classic worker running {@code script} as {@code url}; returns at once. */
    static RunningWorker start(GraalWorkerHost host, String url, byte[] script) {
        ScriptResourceMap scripts = new ScriptResourceMap();
        scripts.put(new ScriptResource(url, url, "text/javascript", script));
        return host.start(new WorkerStart(url, WorkerType.CLASSIC, scripts, () -> ServiceWorkerState.ACTIVATED,
                NO_NETWORK, WorkerObserver.NONE));
    }

    /** Waits until the worker's script was evaluated, rethrowing a failed evaluation. */
    static void awaitEvaluated(RunningWorker worker) throws Exception {
        worker.evaluated().get(60, TimeUnit.SECONDS);
    }

    /**
     * Waits until the worker is idle (its evaluation task has finished), terminates it, and waits
     * until its thread is done and its context closed. Terminating an idle worker closes its
     * context on its own thread; terminating one that is still inside a task would cancel that task
     * from another thread, which is a different (and rarer) path.
     */
    static void stop(RunningWorker worker) throws Exception {
        if (worker != null) {
            worker.idle().get(60, TimeUnit.SECONDS);
            worker.terminate();
            worker.terminated().get(60, TimeUnit.SECONDS);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
