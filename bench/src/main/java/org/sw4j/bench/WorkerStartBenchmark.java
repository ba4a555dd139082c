package org.sw4j.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sw4j.core.spi.RunningWorker;
import org.sw4j.js.GraalWorkerHost;

/**
 * Warm worker start: in a JVM whose host (and shared GraalJS engine) has already started many
 * workers, the time from {@code host.start(...)} to the worker's {@code evaluated()} completing.
 * That covers starting the worker's thread, creating a GraalJS context on the shared engine,
 * running sw4j's bootstrap scripts, and evaluating the main script.
 *
 * <ul>
 *   <li>{@link #start100k}: the ~100 KB script {@link ScriptGenerator} made, the same text every
 *       time, which is what restarting a stopped worker does (sw4j runs it from the worker's script
 *       resource map); the engine's source cache gives it the parse of the first start. <b>The
 *       figure with the goal.</b></li>
 *   <li>{@link #start100kUncached}: the same script with a unique first line each time, so GraalJS
 *       parses it again: what a first start of a new script version costs.</li>
 *   <li>{@link #startEmpty}: an empty script: the floor (thread, context, bootstrap).</li>
 * </ul>
 *
 * <p>Each started worker is terminated (and its context closed) outside the measured time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 15, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class WorkerStartBenchmark {
    static final String URL = "http://localhost/sw.js";

    private final AtomicLong unique = new AtomicLong();
    private GraalWorkerHost host;
    private byte[] script;
    private String scriptText;
    private byte[] empty;
    private RunningWorker worker;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        host = BenchWorkers.newHost();
        script = ScriptGenerator.generate().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        scriptText = new String(script, java.nio.charset.StandardCharsets.UTF_8);
        empty = BenchWorkers.utf8("");
        // Fail early (not with a benchmark of error paths) if the script does not evaluate.
        RunningWorker check = BenchWorkers.start(host, URL, script);
        try {
            BenchWorkers.awaitEvaluated(check);
        } finally {
            BenchWorkers.stop(check);
        }
    }

    /**
     * The long warm-up is needed: on a stock JDK the Graal compiler itself runs as Java bytecode
     * (jargraal) and needs a minute or more on 2 CPUs before its Truffle compilations of the
     * bootstrap and the script are done; before that the figure measures the warm-up.
     */
    @Benchmark
    @Warmup(iterations = 15, time = 5)
    public RunningWorker start100k() throws Exception {
        worker = BenchWorkers.start(host, URL, script);
        BenchWorkers.awaitEvaluated(worker);
        return worker;
    }

    @Benchmark
    @Warmup(iterations = 4, time = 3)
    @Measurement(iterations = 3, time = 3)
    public RunningWorker start100kUncached() throws Exception {
        byte[] fresh = BenchWorkers.utf8("// start " + unique.incrementAndGet() + "\n" + scriptText);
        worker = BenchWorkers.start(host, URL, fresh);
        BenchWorkers.awaitEvaluated(worker);
        return worker;
    }

    /** Warmed up as long as {@link #start100k}, for the same reason. */
    @Benchmark
    @Warmup(iterations = 15, time = 5)
    public RunningWorker startEmpty() throws Exception {
        worker = BenchWorkers.start(host, URL, empty);
        BenchWorkers.awaitEvaluated(worker);
        return worker;
    }

    @TearDown(Level.Invocation)
    public void stopWorker() throws Exception {
        BenchWorkers.stop(worker);
        worker = null;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        host.close();
    }
}
