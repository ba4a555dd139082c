package org.sw4j.bench;

import java.util.concurrent.TimeUnit;
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
import org.sw4j.core.spi.ExtendableEventResult;
import org.sw4j.core.spi.RunningWorker;
import org.sw4j.js.GraalWorkerHost;

/**
 * No-op event dispatch: a running, idle worker whose script added one listener that does nothing
 * for the event type {@code noop}; the time from {@code dispatchExtendableEvent("noop")} on the
 * benchmark thread until its future completes. That is a round trip: the task is queued and the
 * worker's event-loop thread woken, JavaScript creates and dispatches a trusted
 * {@code ExtendableEvent} and waits for its (no) lifetime promises, and the result is handed back
 * to the waiting benchmark thread.
 *
 * <p>{@link HandoffBaselineBenchmark} measures the thread hand-off alone, without JavaScript.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class EventDispatchBenchmark {
    private GraalWorkerHost host;
    private RunningWorker worker;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        host = BenchWorkers.newHost();
        worker = BenchWorkers.start(host, "http://localhost/noop.js",
                BenchWorkers.utf8("self.addEventListener('noop', () => {});\n"));
        BenchWorkers.awaitEvaluated(worker);
        worker.idle().get(60, TimeUnit.SECONDS);
        ExtendableEventResult result = worker.dispatchExtendableEvent("noop").get(60, TimeUnit.SECONDS);
        if (!result.succeeded()) {
            throw new IllegalStateException("the noop event failed: " + result.rejection());
        }
    }

    @Benchmark
    public ExtendableEventResult dispatchNoop() throws Exception {
        return worker.dispatchExtendableEvent("noop").get();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        BenchWorkers.stop(worker);
        host.close();
    }
}
