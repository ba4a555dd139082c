package org.sw4j.js.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.js.WorkerFixture;

/** Host operations run off the worker's thread and come back as tasks. */
class HostOperationTest {
    @TempDir
    Path dir;

    @Test
    void aPendingHostOperationKeepsTheWorkerBusyAndCompletesOnItsThread() throws Exception {
        try (var w = new WorkerFixture(dir)) {
            var worker = (WorkerInstance) w.run("");
            CountDownLatch release = new CountDownLatch(1);
            List<String> seen = new CopyOnWriteArrayList<>();
            worker.post("start", () -> worker.runHostOperation("slow I/O", () -> {
                seen.add("work on " + (Thread.currentThread() == worker.thread() ? "worker thread" : "another thread"));
                release.await();
                return "result";
            }, (result, failure) -> seen.add("completion with " + result + " on "
                    + (Thread.currentThread() == worker.thread() ? "worker thread" : "another thread"))));
            var idle = worker.idle();
            Thread.sleep(100);
            assertThat(idle).as("a host operation is pending").isNotDone();
            release.countDown();
            idle.get(10, TimeUnit.SECONDS);
            assertThat(seen).containsExactly("work on another thread", "completion with result on worker thread");
        }
    }

    @Test
    void aFailedOperationReportsItsFailure() throws Exception {
        try (var w = new WorkerFixture(dir)) {
            var worker = (WorkerInstance) w.run("");
            List<String> seen = new CopyOnWriteArrayList<>();
            worker.post("start", () -> worker.runHostOperation("failing I/O", () -> {
                throw new java.io.IOException("disk gone");
            }, (result, failure) -> seen.add(result + " " + failure.getMessage())));
            WorkerFixture.awaitIdle(worker);
            assertThat(seen).containsExactly("null disk gone");
        }
    }
}
