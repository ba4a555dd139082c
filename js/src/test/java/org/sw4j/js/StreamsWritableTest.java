package org.sw4j.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WritableStream, its writer and controller (Streams Standard §5). */
class StreamsWritableTest {
    @TempDir
    Path dir;

    private List<String> run(String body) {
        return StreamScripts.run(dir, body);
    }

    /** A sink whose writes finish when the test says so; `log` records what the sink saw. */
    private static final String CONTROLLED_SINK = """
            const log = [];
            const finishers = [];
            const sink = {
              start(c) { log.push('start'); },
              write(chunk, c) { log.push(`write ${chunk}`); return new Promise((resolve, reject) => finishers.push({ resolve, reject })); },
              close() { log.push('close'); },
              abort(reason) { log.push(`abort ${why(reason)}`); },
            };
            """;

    @Test
    void writesAreQueuedOneAtATimeAndReadySignalsBackpressure() {
        assertThat(run(CONTROLLED_SINK + """
                const stream = new WritableStream(sink, { highWaterMark: 2 });
                const writer = stream.getWriter();
                console.log(stream.locked, writer.desiredSize, attempt(() => stream.getWriter()));
                await writer.ready;
                const w1 = writer.write('a');
                const w2 = writer.write('b');
                let readyState = 'pending';
                const ready = writer.ready;
                ready.then(() => { readyState = 'fulfilled'; });
                console.log(writer.desiredSize);
                await tick();
                console.log(log.join(), readyState);
                finishers[0].resolve();
                await w1;
                await tick(); // ready is resolved in the same step as w1, its reaction runs after ours
                console.log(log.join(), writer.desiredSize, readyState, writer.ready === ready);
                finishers[1].resolve();
                await w2;
                const closed = writer.close();
                console.log(await settled(writer.write('late')), await settled(writer.close()));
                console.log(await settled(closed), await settled(writer.closed), log.join(), writer.desiredSize);
                """)).containsExactly(
                "true 2 TypeError",
                "0",
                "start,write a pending",
                "start,write a,write b 1 fulfilled true",
                "rejected TypeError rejected TypeError",
                "fulfilled undefined fulfilled undefined start,write a,write b,close 0",
                "done");
    }

    @Test
    void sizeStrategiesCountChunks() {
        assertThat(run("""
                const stream = new WritableStream({ write() { return new Promise(() => {}); } },
                  new ByteLengthQueuingStrategy({ highWaterMark: 10 }));
                const writer = stream.getWriter();
                writer.write(new Uint8Array(4));
                writer.write(new Uint8Array(3));
                console.log(writer.desiredSize);
                const failing = new WritableStream({}, { size() { throw error1; } });
                const failingWriter = failing.getWriter();
                console.log(await settled(failingWriter.write('x')), await settled(failingWriter.closed), failingWriter.desiredSize);
                console.log(attempt(() => new WritableStream({ type: 'bytes' })), attempt(() => new WritableStream({ write: 1 })),
                  attempt(() => new WritableStream({}, { highWaterMark: -1 })));
                """)).containsExactly(
                "3",
                "rejected error1 rejected error1 null",
                "RangeError TypeError RangeError",
                "done");
    }

    @Test
    void aFailedWriteErrorsTheStreamAndRejectsQueuedWrites() {
        assertThat(run(CONTROLLED_SINK + """
                const stream = new WritableStream(sink);
                const writer = stream.getWriter();
                const w1 = settled(writer.write('a'));
                const w2 = settled(writer.write('b'));
                await tick();
                finishers[0].reject(error1);
                console.log(await w1, await w2, await settled(writer.closed), await settled(writer.ready), writer.desiredSize);
                console.log(log.join(), await settled(stream.abort()), await settled(writer.abort()), await settled(writer.write('c')));
                """)).containsExactly(
                "rejected error1 rejected error1 rejected error1 rejected error1 null",
                "start,write a rejected TypeError fulfilled undefined rejected error1",
                "done");
    }

    @Test
    void abortWaitsForTheWriteInFlightThenCallsTheSinksAbortAndSignalsTheController() {
        assertThat(run(CONTROLLED_SINK + """
                let controller;
                sink.start = (c) => { controller = c; };
                const stream = new WritableStream(sink);
                const writer = stream.getWriter();
                const signal = controller.signal;
                console.log(signal instanceof AbortSignal, signal.aborted);
                signal.addEventListener('abort', () => log.push(`signal ${why(signal.reason)}`));
                const w1 = settled(writer.write('a'));
                const w2 = settled(writer.write('b'));
                await tick();
                const aborted = settled(writer.abort(error2));
                const abortedAgain = writer.abort(error1);
                console.log(signal.aborted, await settled(writer.ready), log.join());
                finishers[0].resolve();
                console.log(await w1, await w2, await aborted, await settled(abortedAgain), await settled(writer.closed));
                console.log(log.join());
                const closed = new WritableStream();
                const closedWriter = closed.getWriter();
                await closedWriter.close();
                closedWriter.releaseLock();
                console.log(await settled(closed.abort()));
                console.log(await settled(new WritableStream({ abort() { throw error1; } }).abort()));
                """)).containsExactly(
                "true false",
                "true rejected error2 write a,signal error2",
                "fulfilled undefined rejected error2 fulfilled undefined fulfilled undefined rejected error2",
                "write a,signal error2,abort error2",
                "fulfilled undefined",
                "rejected error1",
                "done");
    }

    @Test
    void closeAfterQueuedWritesAndAbortDuringCloseFollowTheSpecOrder() {
        assertThat(run(CONTROLLED_SINK + """
                let closeFinish;
                sink.close = () => { log.push('close'); return new Promise((resolve) => { closeFinish = resolve; }); };
                const stream = new WritableStream(sink);
                const writer = stream.getWriter();
                writer.write('a');
                const closed = settled(writer.close());
                await tick();
                console.log(log.join(), 'close waits for the write');
                finishers[0].resolve();
                await tick();
                console.log(log.join());
                // An abort while the close is in flight: the close wins, and abort resolves.
                const aborted = settled(writer.abort(error1));
                closeFinish();
                console.log(await closed, await aborted, await settled(writer.closed), log.join());
                // The controller's error() errors a writable stream; later ones are ignored.
                let controller;
                const errored = new WritableStream({ start(c) { controller = c; } });
                controller.error(error1);
                controller.error(error2);
                console.log(await settled(errored.getWriter().closed), attempt(() => WritableStreamDefaultController.prototype.error.call({})));
                // A rejected start errors the stream.
                const failedStart = new WritableStream({ start() { return Promise.reject(error2); } });
                console.log(await settled(failedStart.getWriter().write('x')));
                """)).containsExactly(
                "start,write a close waits for the write",
                "start,write a,close",
                "fulfilled undefined fulfilled undefined fulfilled undefined start,write a,close",
                "rejected error1 TypeError",
                "rejected error2",
                "done");
    }

    @Test
    void releasingTheWriterRejectsItsPromisesAndUnlocks() {
        assertThat(run("""
                const stream = new WritableStream({ write() { return new Promise(() => {}); } }, { highWaterMark: 1 });
                const writer = stream.getWriter();
                writer.write('x');
                const ready = settled(writer.ready);
                const closed = settled(writer.closed);
                writer.releaseLock();
                console.log(stream.locked, await ready, await closed, attempt(() => writer.desiredSize));
                console.log(await settled(writer.write('y')), await settled(writer.close()), await settled(writer.abort()));
                const second = new WritableStreamDefaultWriter(stream);
                console.log(second.desiredSize, attempt(() => new WritableStreamDefaultWriter({})));
                """)).containsExactly(
                "false rejected TypeError rejected TypeError TypeError",
                "rejected TypeError rejected TypeError rejected TypeError",
                "0 TypeError",
                "done");
    }
}
