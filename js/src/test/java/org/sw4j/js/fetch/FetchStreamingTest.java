package org.sw4j.js.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Content;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.core.version.WorkerType;
import org.sw4j.js.WorkerFixture;
import org.sw4j.js.WorkerLimits;
import org.sw4j.network.HttpFetcher;
import org.sw4j.network.NetworkClient;
import org.sw4j.network.TestOrigin;

/**
 * A response body streams through fetch() and a TransformStream without being held whole: the
 * heap in use after collections grows by less than half the body's size. (32 MiB keeps this
 * interpreted test short; bench/run-fetch-bench.sh streams 1 GiB with the JIT on and prints the
 * peak heap.)
 */
class FetchStreamingTest {
    private static final long BODY = 32L * 1024 * 1024;
    private static final long HEAP_BOUND = 16L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void aLargeBodyPipedThroughATransformStreamIsNeverHeldWhole() throws Exception {
        try (TestOrigin origin = new TestOrigin();
                NetworkClient client = NetworkClient.create();
                WorkerFixture fixture = new WorkerFixture(dir, WorkerLimits.DEFAULT,
                        HttpFetcher.builder(client).build(), origin.origin())) {
            origin.route("/big", (request, response) -> {
                response.setStatus(200);
                response.getHeaders().put("Content-Length", BODY);
                byte[] chunk = new byte[64 * 1024];
                try (OutputStream out = Content.Sink.asOutputStream(response)) {
                    for (long sent = 0; sent < BODY; sent += chunk.length) {
                        out.write(chunk);
                    }
                }
            });
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            System.gc();
            long baseline = memory.getHeapMemoryUsage().getUsed();
            AtomicLong peak = new AtomicLong(baseline);
            AtomicBoolean done = new AtomicBoolean();
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!done.get()) {
                    System.gc();
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            try {
                fixture.file("sw.js", """
                        (async () => {
                          const response = await fetch('/big');
                          let transformed = 0, read = 0, chunks = 0;
                          const counted = response.body.pipeThrough(new TransformStream({
                            transform(chunk, controller) { transformed += chunk.byteLength; controller.enqueue(chunk); },
                          }));
                          const reader = counted.getReader();
                          for (;;) {
                            const { done, value } = await reader.read();
                            if (done) break;
                            read += value.byteLength; chunks++;
                          }
                          console.log(transformed, read, chunks > 100);
                        })().catch((e) => console.log('FAILED', e.stack));
                        """);
                var worker = fixture.start("sw.js", WorkerType.CLASSIC);
                worker.evaluated().get(20, TimeUnit.SECONDS);
                worker.idle().get(150, TimeUnit.SECONDS);
            } finally {
                done.set(true);
                sampler.join();
            }
            assertThat(fixture.uncaught()).isEmpty();
            assertThat(fixture.output()).containsExactly(BODY + " " + BODY + " true");
            assertThat(peak.get() - baseline).as("heap growth while streaming %d MiB", BODY >> 20)
                    .isLessThan(HEAP_BOUND);
        }
    }
}
