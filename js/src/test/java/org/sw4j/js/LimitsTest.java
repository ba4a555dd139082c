package org.sw4j.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.core.spi.WorkerTerminatedException;
import org.sw4j.core.version.EmbeddedWorker;
import org.sw4j.core.version.WorkerType;

/** Runaway scripts are cut off; their worker starts afresh on the next event; others go on. */
class LimitsTest {
    @TempDir
    Path dir;

    private static final WorkerLimits TIGHT = new WorkerLimits(Duration.ofSeconds(2), 64L << 20);

    @Test
    void anInfiniteLoopInAnEventIsCutOffAndTheWorkerRestartsOnTheNextEvent() throws Exception {
        try (var w = new WorkerFixture(dir, TIGHT)) {
            w.file("sw.js", """
                    let events = 0;
                    self.addEventListener('spin', () => { events++; while (true) {} });
                    self.addEventListener('count', () => { events++; console.log('events seen by this instance:', events); });
                    """);
            EmbeddedWorker worker = new EmbeddedWorker(w.host(), () -> w.startParameters("sw.js", WorkerType.CLASSIC));
            assertThat(worker.dispatchExtendableEvent("count").get(20, TimeUnit.SECONDS).succeeded()).isTrue();
            var spin = worker.dispatchExtendableEvent("spin");
            assertThatThrownBy(() -> spin.get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(WorkerTerminatedException.class)
                    .hasMessageContaining("'spin' event ran for longer than 2000 ms");
            assertThat(w.terminations()).singleElement().asString().contains("sw.js");
            // The next event starts a new instance: its global state starts over.
            assertThat(worker.dispatchExtendableEvent("count").get(20, TimeUnit.SECONDS).succeeded()).isTrue();
            w.assertOutput("events seen by this instance: 1", "events seen by this instance: 1");
        }
    }

    @Test
    void anInfiniteLoopDuringEvaluationIsCutOff() throws Exception {
        try (var w = new WorkerFixture(dir, TIGHT)) {
            w.file("sw.js", "for (;;) {}");
            var worker = w.start("sw.js", WorkerType.CLASSIC);
            var failure = worker.evaluated().handle((v, e) -> e).get(20, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOf(WorkerTerminatedException.class)
                    .hasMessageContaining("script evaluation ran for longer than 2000 ms");
            worker.terminated().get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTaskThatHoardsPastTheHeapLimitIsCutOffWhileOtherWorkersGoOn() throws Exception {
        try (var w = new WorkerFixture(dir, new WorkerLimits(Duration.ofSeconds(30), 64L << 20))) {
            w.file("hog.js", """
                    self.addEventListener('hog', () => {
                      const hoard = [];
                      while (true) hoard.push(new Array(100000).fill(hoard.length));
                    });
                    """);
            w.file("calm.js", "self.addEventListener('ping', () => console.log('pong'));");
            var calm = w.start("calm.js", WorkerType.CLASSIC);
            var hog = w.start("hog.js", WorkerType.CLASSIC);
            WorkerFixture.awaitIdle(hog);
            var hogging = hog.dispatchExtendableEvent("hog");
            assertThat(WorkerFixture.dispatch(calm, "ping").succeeded()).isTrue();
            assertThatThrownBy(() -> hogging.get(20, TimeUnit.SECONDS))
                    .cause().isInstanceOf(WorkerTerminatedException.class)
                    .hasMessageContaining("grew the heap by more than 64 MiB");
            assertThat(WorkerFixture.dispatch(calm, "ping").succeeded()).isTrue();
            w.assertOutput("pong", "pong");
        }
    }

    @Test
    void aTaskMakingLotsOfGarbageIsNotCutOff() {
        try (var w = new WorkerFixture(dir, new WorkerLimits(Duration.ofSeconds(30), 64L << 20))) {
            w.run("""
                    let kept = 0;
                    for (let i = 0; i < 3000; i++) { kept += new Array(10000).fill(i).length; }
                    console.log('made', kept * 8 / (1 << 20) | 0, 'MiB of garbage');
                    """);
            w.assertOutput("made 228 MiB of garbage");
            assertThat(w.terminations()).isEmpty();
        }
    }

    @Test
    void deepRecursionIsARangeErrorNotACrash() {
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    function down(n) { return down(n + 1) + 1; }
                    try { down(0); } catch (e) { console.log(e.constructor.name); }
                    """);
            w.assertOutput("RangeError");
        }
    }

    @Test
    void closingTheHostTerminatesItsWorkers() throws Exception {
        var w = new WorkerFixture(dir);
        var worker = w.run("self.addEventListener('install', (e) => e.waitUntil(new Promise(() => {})));");
        var install = worker.dispatchExtendableEvent("install");
        w.close();
        assertThatThrownBy(() -> install.get(20, TimeUnit.SECONDS)).cause().isInstanceOf(WorkerTerminatedException.class);
        worker.terminated().get(20, TimeUnit.SECONDS);
        assertThat(worker.isRunning()).isFalse();
    }

    @Test
    void stoppingAWorkerFailsItsPendingEvents() throws Exception {
        try (var w = new WorkerFixture(dir)) {
            var worker = w.run("self.addEventListener('install', (e) => e.waitUntil(new Promise(() => {})));");
            var install = worker.dispatchExtendableEvent("install");
            Thread.sleep(50);
            assertThat(install).isNotDone();
            worker.terminate();
            assertThatThrownBy(() -> install.get(20, TimeUnit.SECONDS)).cause().isInstanceOf(WorkerTerminatedException.class);
            assertThat(worker.isRunning()).isFalse();
        }
    }
}
