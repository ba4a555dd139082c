package org.sw4j.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pipeTo and pipeThrough (Streams Standard ReadableStreamPipeTo): propagation and the prevent* options. */
class StreamsPipeTest {
    @TempDir
    Path dir;

    private List<String> run(String body) {
        return StreamScripts.run(dir, body);
    }

    /** Recording streams: `rs(events, source)` and `ws(events, sink, strategy)` log what happens to them. */
    private static final String RECORDING = """
            const events = [];
            const rs = (source = {}) => new ReadableStream({
              ...source,
              cancel(reason) { events.push(`cancel ${why(reason)}`); return source.cancel?.(reason); },
            });
            const ws = (sink = {}, strategy) => new WritableStream({
              ...sink,
              write(chunk, c) { events.push(`write ${chunk}`); return sink.write?.(chunk, c); },
              close() { events.push('close'); return sink.close?.(); },
              abort(reason) { events.push(`abort ${why(reason)}`); return sink.abort?.(reason); },
            }, strategy);
            """;

    @Test
    void pipeToCopiesEveryChunkThenClosesTheDestination() {
        assertThat(run(RECORDING + """
                const source = rs({ start(c) { c.enqueue('a'); c.enqueue('b'); c.close(); } });
                const dest = ws();
                const piped = source.pipeTo(dest);
                console.log(source.locked, dest.locked);
                console.log(await settled(piped), events.join(), source.locked, dest.locked);
                events.length = 0;
                const kept = ws();
                await rs({ start(c) { c.enqueue('x'); c.close(); } }).pipeTo(kept, { preventClose: true });
                console.log(events.join(), kept.locked);
                const writer = kept.getWriter();
                await writer.write('more');
                console.log(events.join());
                console.log(await settled(ReadableStream.prototype.pipeTo.call(new ReadableStream(), {})),
                  await settled(new ReadableStream().pipeTo(new WritableStream(), { signal: 1 })));
                const locked = new ReadableStream();
                locked.getReader();
                const lockedDest = new WritableStream();
                lockedDest.getWriter();
                console.log(await settled(locked.pipeTo(new WritableStream())), await settled(new ReadableStream().pipeTo(lockedDest)));
                """)).containsExactly(
                "true true",
                "fulfilled undefined write a,write b,close false false",
                "write x false",
                "write x,write more",
                "rejected TypeError rejected TypeError",
                "rejected TypeError rejected TypeError",
                "done");
    }

    @Test
    void errorsPropagateForwardUnlessPreventAbort() {
        assertThat(run(RECORDING + """
                let controller;
                const source = rs({ start(c) { controller = c; } });
                const piped = settled(source.pipeTo(ws()));
                controller.enqueue('a');
                await tick();
                controller.error(error1);
                console.log(await piped, events.join());
                events.length = 0;
                const kept = ws();
                console.log(await settled(rs({ start(c) { c.error(error1); } }).pipeTo(kept, { preventAbort: true })),
                  events.join(), 'none', kept.locked);
                // A failing abort becomes pipeTo's error.
                console.log(await settled(rs({ start(c) { c.error(error1); } }).pipeTo(ws({ abort() { throw error2; } }))));
                """)).containsExactly(
                "rejected error1 write a,abort error1",
                "rejected error1  none false",
                "rejected error2",
                "done");
    }

    @Test
    void errorsPropagateBackwardUnlessPreventCancel() {
        assertThat(run(RECORDING + """
                const source = rs({ pull(c) { c.enqueue('chunk'); } });
                console.log(await settled(source.pipeTo(ws({ write() { throw error1; } }))), events.join());
                events.length = 0;
                const kept = rs({ start(c) { c.enqueue('k'); } });
                console.log(await settled(kept.pipeTo(ws({ start(c) { c.error(error2); } }), { preventCancel: true })),
                  events.join(), 'none', kept.locked);
                console.log(JSON.stringify(await kept.getReader().read()));
                """)).containsExactly(
                "rejected error1 write chunk,cancel error1",
                "rejected error2  none false",
                "{\"value\":\"k\",\"done\":false}",
                "done");
    }

    @Test
    void aClosedDestinationCancelsTheSourceUnlessPreventCancel() {
        assertThat(run(RECORDING + """
                const closedDest = ws();
                const closer = closedDest.getWriter();
                await closer.close();
                closer.releaseLock();
                events.length = 0;
                const source = rs();
                console.log(await settled(source.pipeTo(closedDest)), events.join());
                events.length = 0;
                const closing = ws();
                const writer = closing.getWriter();
                writer.close();
                writer.releaseLock();
                const kept = rs();
                console.log(await settled(kept.pipeTo(closing, { preventCancel: true })), events.join(), kept.locked);
                """)).containsExactly(
                "rejected TypeError cancel TypeError",
                "rejected TypeError close false",
                "done");
    }

    @Test
    void pipeToRespectsTheDestinationsBackpressure() {
        assertThat(run(RECORDING + """
                let pulls = 0;
                const finishers = [];
                const source = rs({ pull(c) { pulls++; c.enqueue(pulls); } });
                const dest = ws({ write() { return new Promise((resolve) => finishers.push(resolve)); } }, { highWaterMark: 2 });
                source.pipeTo(dest);
                await tick();
                await tick();
                console.log(events.join(), 'pulls', pulls);
                finishers.shift()();
                await tick();
                await tick();
                console.log(events.join(), 'pulls', pulls);
                """)).containsExactly(
                // 1 is being written (it stays in the destination's queue until its write finishes) and 2
                // waits behind it: desiredSize 0, so reading stops; the source has pulled 3 ahead to its
                // own high-water mark. Once 1 is written, one more chunk moves.
                "write 1 pulls 3",
                "write 1,write 2 pulls 4",
                "done");
    }

    @Test
    void anAbortSignalShutsThePipeDown() {
        assertThat(run(RECORDING + """
                const controller = new AbortController();
                const source = rs({ start(c) { c.enqueue('a'); } });
                const piped = settled(source.pipeTo(ws(), { signal: controller.signal }));
                await tick();
                controller.abort(error1);
                console.log(await piped, events.join());
                events.length = 0;
                const quiet = new AbortController();
                const q = settled(rs().pipeTo(ws(), { signal: quiet.signal, preventAbort: true, preventCancel: true }));
                quiet.abort();
                console.log(await q, events.join(), 'nothing');
                const already = settled(rs().pipeTo(ws(), { signal: AbortSignal.abort() }));
                console.log(await already, events.join());
                """)).containsExactly(
                "rejected error1 write a,abort error1,cancel error1",
                "rejected AbortError  nothing",
                "rejected AbortError abort AbortError,cancel AbortError",
                "done");
    }

    @Test
    void pipeThroughReturnsTheTransformsReadableSide() {
        assertThat(run("""
                const upper = new TransformStream({ transform(chunk, c) { c.enqueue(chunk.toUpperCase()); } });
                const source = ReadableStream.from(['a', 'b']);
                const result = source.pipeThrough(upper);
                console.log(result === upper.readable, source.locked, upper.writable.locked);
                console.log((await collect(result)).join());
                const pair = { readable: new ReadableStream(), writable: new WritableStream() };
                console.log(attempt(() => new ReadableStream().pipeThrough({ readable: 1, writable: pair.writable })),
                  attempt(() => new ReadableStream().pipeThrough({ readable: pair.readable, writable: {} })),
                  attempt(() => new ReadableStream().pipeThrough()));
                pair.writable.getWriter();
                console.log(attempt(() => new ReadableStream().pipeThrough(pair)));
                """)).containsExactly(
                "true true true",
                "A,B",
                "TypeError TypeError TypeError",
                "TypeError",
                "done");
    }
}
