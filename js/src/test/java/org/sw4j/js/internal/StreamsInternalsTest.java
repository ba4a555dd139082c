package org.sw4j.js.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.js.WorkerFixture;

/** The hooks streams.js exports on {@code internals.streams} for the fetch and blob bindings. */
class StreamsInternalsTest {
    @TempDir
    Path dir;

    /** Runs {@code body} as an async function of {@code streams} (internals.streams) after the worker script. */
    private List<String> run(String workerScript, String body) {
        try (var w = new WorkerFixture(dir)) {
            var worker = (WorkerInstance) w.run(workerScript);
            worker.post("streams test", () -> worker.scope().context().eval("js", """
                    (streams) => {
                      const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
                      const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
                      const settled = (p) => p.then((v) => `fulfilled ${v}`, (e) => `rejected ${e instanceof Error ? e.message || e.constructor.name : e}`);
                      (async () => {
                    """ + body + """
                      })().then(() => console.log('done'), (e) => console.log('FAILED', e && e.stack || e));
                    }
                    """).execute(worker.scope().internals().getMember("streams")));
            WorkerFixture.awaitIdle(worker);
            assertThat(w.uncaught()).isEmpty();
            return w.output();
        }
    }

    @Test
    void aByteStreamFedChunkByChunkPullsOnlyWhenItWantsMore() {
        assertThat(run("", """
                const chunks = [[1, 2], [3], [4, 5, 6]];
                const pulls = [];
                const stream = streams.createByteStream({
                  highWaterMark: 2,
                  pull(controller) {
                    pulls.push(controller.desiredSize);
                    const next = chunks.shift();
                    if (next === undefined) controller.close();
                    else controller.enqueue(new Uint8Array(next));
                  },
                });
                await tick();
                console.log(streams.isReadableStream(stream), streams.isReadableStream({}), pulls.join(), streams.isDisturbed(stream));
                const all = streams.readAllBytes(stream);
                console.log(streams.isLocked(stream), streams.isDisturbed(stream));
                console.log(hex(await all), pulls.length, streams.isClosed(stream), streams.isLocked(stream));
                try { streams.readAllBytes(stream); } catch (e) { console.log('second read:', e.constructor.name); }
                const slow = streams.createByteStream({ async pull(c) { await tick(); c.enqueue(new Uint8Array([7])); c.close(); } });
                console.log(hex(await streams.readAllBytes(slow)));
                """)).containsExactly(
                // The first pull fills the high-water mark (2 bytes); reading all bytes takes 3 more
                // pulls (the last one closes) and leaves the stream locked, as a consumed body is.
                "true false 2 false",
                "true true",
                "01 02 03 04 05 06 4 true true",
                "second read: TypeError",
                "07",
                "done");
    }

    @Test
    void fromBytesCopiesAndTeeSplitsForResponseClone() {
        assertThat(run("", """
                const bytes = new Uint8Array([1, 2, 3]);
                const stream = streams.fromBytes(bytes);
                bytes[0] = 9;
                const [a, b] = streams.tee(stream);
                console.log(bytes.buffer.detached, streams.isLocked(stream), streams.isDisturbed(stream));
                console.log(hex(await streams.readAllBytes(a)), hex(await streams.readAllBytes(b)));
                console.log(hex(await streams.readAllBytes(streams.fromBytes(new Uint8Array(0)))), 'empty');
                const [x, y] = streams.tee(new ReadableStream({ start(c) { c.enqueue({ n: 1 }); c.close(); } }), true);
                const rx = streams.acquireReader(x);
                const ry = streams.acquireReader(y);
                const cx = (await streams.readChunk(rx)).value;
                const cy = (await streams.readChunk(ry)).value;
                console.log(cx.n, cy.n, cx !== cy, 'cloned for the second branch');
                """)).containsExactly(
                // Nothing is read from the original until a branch pulls.
                "false true false",
                "01 02 03 01 02 03",
                " empty",
                "1 1 true cloned for the second branch",
                "done");
    }

    @Test
    void internalReadsIgnoreWhatScriptsPatched() {
        assertThat(run("""
                globalThis.stream = new ReadableStream({ start(c) { c.enqueue('a'); c.enqueue('b'); c.close(); } });
                ReadableStream.prototype.getReader = () => { throw new Error('patched getReader'); };
                ReadableStreamDefaultReader.prototype.read = () => { throw new Error('patched read'); };
                ReadableStreamDefaultController.prototype.enqueue = () => { throw new Error('patched enqueue'); };
                ReadableByteStreamController.prototype.enqueue = () => { throw new Error('patched enqueue'); };
                Uint8Array.prototype.set = () => { throw new Error('patched set'); };
                // The array iterator breaks console.log too, so it is replaced only around the internal calls.
                const iterator = Array.prototype[Symbol.iterator];
                globalThis.patchIterator = () => { Array.prototype[Symbol.iterator] = function* () { throw new Error('patched iterator'); }; };
                globalThis.restoreIterator = () => { Array.prototype[Symbol.iterator] = iterator; };
                """, """
                const stream = globalThis.stream;
                const input = new Uint8Array([5, 6]);
                patchIterator();
                const reader = streams.acquireReader(stream);
                const first = await streams.readChunk(reader);
                const second = await streams.readChunk(reader);
                const end = await streams.readChunk(reader);
                streams.releaseReader(reader);
                const locked = streams.isLocked(stream);
                const byteStream = streams.fromBytes(input);
                const branches = streams.tee(byteStream);
                const teed = await streams.readAllBytes(branches[0]);
                restoreIterator();
                console.log(first.value, first.done, second.value, end.done);
                console.log(locked);
                console.log(hex(teed));
                """)).containsExactly(
                "a false b true",
                "false",
                "05 06",
                "done");
    }

    @Test
    void cancelErrorAndStoredErrorReachTheSource() {
        assertThat(run("", """
                const log = [];
                const stream = streams.createByteStream({ pull() {}, cancel(reason) { log.push(`cancel ${reason}`); } });
                console.log(await settled(streams.cancel(stream, 'gone')), log.join(), streams.isClosed(stream));
                const failing = streams.createByteStream({ pull() { throw new Error('network down'); } });
                console.log(await settled(streams.readAllBytes(failing)), streams.isErrored(failing), streams.storedError(failing).message);
                const errored = streams.createByteStream();
                const pending = settled(streams.readAllBytes(errored));
                streams.errorStream(errored, new Error('aborted'));
                console.log(await pending);
                const strings = new ReadableStream({ start(c) { c.enqueue('text'); } });
                console.log(await settled(streams.readAllBytes(strings)), streams.isErrored(strings) || streams.isClosed(strings));
                // A BYOB reader on an internal byte stream: the source sees the view to fill.
                const byob = streams.createByteStream({
                  pull(c) {
                    const view = c.byobRequestView();
                    log.push(`view ${view.byteLength}`);
                    c.enqueue(new Uint8Array([1, 2]));
                    c.close();
                  },
                });
                const result = await byob.getReader({ mode: 'byob' }).read(new Uint8Array(8));
                console.log(hex(result.value), log.join());
                const custom = streams.createStream({ start(c) { c.enqueue('s'); c.close(); } });
                const r = streams.acquireReader(custom);
                console.log((await streams.readChunk(r)).value, (await streams.readChunk(r)).done);
                const chunks = [];
                await streams.pipeTo(streams.fromBytes(new Uint8Array([3])), new WritableStream({ write(c) { chunks.push(hex(c)); } }));
                console.log(chunks.join());
                """)).containsExactly(
                "fulfilled undefined cancel gone true",
                "rejected network down true network down",
                "rejected aborted",
                "rejected The body stream produced a chunk that is not a Uint8Array. true",
                "01 02 cancel gone,view 8",
                "s true",
                "03",
                "done");
    }
}
