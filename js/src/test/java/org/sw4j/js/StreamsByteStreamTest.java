package org.sw4j.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readable byte streams: ReadableByteStreamController, BYOB readers and requests, byte tee. */
class StreamsByteStreamTest {
    @TempDir
    Path dir;

    private List<String> run(String body) {
        return StreamScripts.run(dir, body);
    }

    @Test
    void defaultReadsOfAByteStreamGetTheEnqueuedBytesAndTheBuffersAreTransferred() {
        assertThat(run("""
                let controller;
                const stream = new ReadableStream({ type: 'bytes', start(c) { controller = c; } }, { highWaterMark: 8 });
                console.log(controller instanceof ReadableByteStreamController, controller.desiredSize, controller.byobRequest);
                const chunk = new Uint8Array([1, 2, 3]);
                controller.enqueue(chunk);
                console.log(chunk.byteLength, chunk.buffer.detached, controller.desiredSize);
                console.log(attempt(() => controller.enqueue(new Uint8Array(0))), attempt(() => controller.enqueue([1])),
                  attempt(() => controller.enqueue(chunk)));
                const reader = stream.getReader();
                const { value } = await reader.read();
                console.log(value.constructor.name, hex(value));
                controller.enqueue(new Uint16Array([0x0102]));
                controller.close();
                console.log(attempt(() => controller.close()), attempt(() => controller.enqueue(new Uint8Array(1))));
                const last = await reader.read();
                console.log(last.value.constructor.name, last.value.length, JSON.stringify(await reader.read()));
                console.log(attempt(() => new ReadableStreamBYOBReader(new ReadableStream())));
                """)).containsExactly(
                "true 8 null",
                "0 true 5",
                "TypeError TypeError TypeError",
                "Uint8Array 01 02 03",
                "TypeError TypeError",
                "Uint8Array 2 {\"done\":true}",
                "TypeError",
                "done");
    }

    @Test
    void byobReadsFillTheCallersViewFromTheQueueAndPartially() {
        assertThat(run("""
                let controller;
                const stream = new ReadableStream({ type: 'bytes', start(c) { controller = c; } });
                controller.enqueue(new Uint8Array([1, 2, 3, 4, 5]));
                const reader = stream.getReader({ mode: 'byob' });
                console.log(reader instanceof ReadableStreamBYOBReader);
                const view = new Uint8Array(3);
                const first = await reader.read(view);
                console.log(hex(first.value), first.done, view.byteLength, first.value.buffer.byteLength);
                // A read bigger than what is queued gets what there is.
                const second = await reader.read(new Uint8Array(10));
                console.log(hex(second.value), second.value.byteOffset, second.value.buffer.byteLength);
                // A read into a view at an offset keeps the offset.
                controller.enqueue(new Uint8Array([9, 8]));
                const big = new Uint8Array(new ArrayBuffer(8), 4, 4);
                const third = await reader.read(big);
                console.log(hex(third.value), third.value.byteOffset);
                // Multi-byte views are filled in whole elements; an odd byte waits for the next one.
                controller.enqueue(new Uint8Array([1, 0, 2]));
                const words = await reader.read(new Uint16Array(4));
                console.log(words.value.constructor.name, Array.from(words.value).join());
                controller.enqueue(new Uint8Array([0]));
                const word = await reader.read(new Uint16Array(1));
                console.log(Array.from(word.value).join());
                const dataView = await (async () => { controller.enqueue(new Uint8Array([7, 7])); return reader.read(new DataView(new ArrayBuffer(4))); })();
                console.log(dataView.value.constructor.name, dataView.value.byteLength);
                console.log(await settled(reader.read(new Uint8Array(0))), await settled(reader.read(new ArrayBuffer(1))),
                  await settled(reader.read(new Uint8Array(1), { min: 0 })), await settled(reader.read(new Uint8Array(1), { min: 2 })),
                  await settled(reader.read(new Uint16Array(2), { min: 3 })));
                controller.close();
                const closed = await reader.read(new Uint8Array(4));
                console.log(closed.done, closed.value.constructor.name, closed.value.byteLength, closed.value.buffer.byteLength);
                """)).containsExactly(
                "true",
                "01 02 03 false 0 3",
                "04 05 0 10",
                "09 08 4",
                "Uint16Array 1",
                "2",
                "DataView 2",
                "rejected TypeError rejected TypeError rejected TypeError rejected RangeError rejected RangeError",
                "true Uint8Array 0 4",
                "done");
    }

    @Test
    void readWithMinWaitsUntilAtLeastMinElementsArrive() {
        assertThat(run("""
                let controller;
                const stream = new ReadableStream({ type: 'bytes', start(c) { controller = c; } });
                const reader = stream.getReader({ mode: 'byob' });
                let result = 'pending';
                const read = reader.read(new Uint8Array(6), { min: 4 }).then((r) => { result = r; });
                controller.enqueue(new Uint8Array([1, 2]));
                await tick();
                console.log(result, controller.byobRequest.view.byteOffset, controller.byobRequest.view.byteLength);
                controller.enqueue(new Uint8Array([3, 4, 5]));
                await read;
                console.log(hex(result.value), result.done);
                // Closing with fewer than min bytes delivers what there is, with done.
                const short = reader.read(new Uint8Array(4), { min: 3 });
                controller.enqueue(new Uint8Array([6]));
                controller.close();
                controller.byobRequest.respond(0);
                const shortResult = await short;
                console.log(hex(shortResult.value), shortResult.done);
                // min counts elements, not bytes.
                let c2;
                const words = new ReadableStream({ type: 'bytes', start(c) { c2 = c; } }).getReader({ mode: 'byob' });
                c2.enqueue(new Uint8Array([1, 0, 2]));
                let wordsResult = 'pending';
                const wordsRead = words.read(new Uint16Array(3), { min: 2 }).then((r) => { wordsResult = r; });
                await tick();
                console.log(wordsResult);
                c2.enqueue(new Uint8Array([0]));
                await wordsRead;
                console.log(Array.from(wordsResult.value).join());
                // Closing with a partial element pending errors the stream.
                let c3;
                const partial = new ReadableStream({ type: 'bytes', start(c) { c3 = c; } }).getReader({ mode: 'byob' });
                const partialRead = settled(partial.read(new Uint16Array(1)));
                c3.enqueue(new Uint8Array([1]));
                console.log(attempt(() => c3.close()), await partialRead);
                """)).containsExactly(
                "pending 2 4",
                "01 02 03 04 05 false",
                "06 true",
                "pending",
                "1,2",
                "TypeError rejected TypeError",
                "done");
    }

    @Test
    void theSourceAnswersByobRequestsWithRespondAndRespondWithNewView() {
        assertThat(run("""
                const events = [];
                const stream = new ReadableStream({
                  type: 'bytes',
                  pull(c) {
                    const request = c.byobRequest;
                    events.push(`pull ${request.view.constructor.name} ${request.view.byteOffset}+${request.view.byteLength}`);
                    if (events.length === 1) {
                      request.view[0] = 0xaa;
                      request.view[1] = 0xbb;
                      request.respond(2);
                      events.push(`after respond ${c.byobRequest}`);
                    } else {
                      const view = new Uint8Array(request.view.buffer, request.view.byteOffset, 1);
                      view[0] = 0xcc;
                      request.respondWithNewView(view);
                      events.push(`respondWithNewView ${attempt(() => request.respond(1))} ${request.view}`);
                    }
                  },
                });
                const reader = stream.getReader({ mode: 'byob' });
                const first = await reader.read(new Uint8Array(4));
                const second = await reader.read(new Uint8Array(new ArrayBuffer(5), 1, 3));
                console.log(events.join(' | '));
                console.log(hex(first.value), hex(second.value), second.value.byteOffset, second.value.buffer.byteLength);

                const checks = [];
                const strict = new ReadableStream({
                  type: 'bytes',
                  pull(c) {
                    const request = c.byobRequest;
                    checks.push(attempt(() => request.respond(0)), attempt(() => request.respond(5)),
                      attempt(() => request.respondWithNewView(new Uint8Array(2))),
                      attempt(() => request.respondWithNewView(new Uint8Array(request.view.buffer, 1, 1))),
                      attempt(() => request.respondWithNewView(new Uint8Array(0))));
                    c.error(error1);
                  },
                });
                console.log(await settled(strict.getReader({ mode: 'byob' }).read(new Uint8Array(4))), checks.join());
                """)).containsExactly(
                "pull Uint8Array 0+4 | after respond null | pull Uint8Array 1+3 | respondWithNewView TypeError null",
                "aa bb cc 1 5",
                "rejected error1 TypeError,RangeError,RangeError,RangeError,TypeError",
                "done");
    }

    @Test
    void enqueueWhileAByobRequestIsPendingFillsTheRequestAndInvalidatesIt() {
        assertThat(run("""
                let controller;
                const stream = new ReadableStream({ type: 'bytes', start(c) { controller = c; } });
                const reader = stream.getReader({ mode: 'byob' });
                const read = reader.read(new Uint8Array(4));
                const request = controller.byobRequest;
                console.log(request.view.byteLength, controller.byobRequest === request);
                controller.enqueue(new Uint8Array([5, 6, 7, 8, 9, 10]));
                console.log(request.view, attempt(() => request.respond(1)), controller.byobRequest);
                const { value } = await read;
                console.log(hex(value));
                // The two bytes that did not fit wait in the queue for the next read.
                console.log(hex((await reader.read(new Uint8Array(8))).value));
                // Releasing the reader while a BYOB read is pending: bytes that arrive go to the queue.
                const pending = settled(reader.read(new Uint8Array(4)));
                reader.releaseLock();
                console.log(await pending, controller.byobRequest !== null);
                controller.byobRequest.view[0] = 42;
                controller.byobRequest.respond(1);
                const defaultReader = stream.getReader();
                console.log(hex((await defaultReader.read()).value));
                """)).containsExactly(
                "4 true",
                "null TypeError null",
                "05 06 07 08",
                "09 0a",
                "rejected TypeError true",
                "2a",
                "done");
    }

    @Test
    void autoAllocateChunkSizeGivesDefaultReadsAByobRequest() {
        assertThat(run("""
                const seen = [];
                const stream = new ReadableStream({
                  type: 'bytes',
                  autoAllocateChunkSize: 16,
                  pull(c) {
                    const view = c.byobRequest.view;
                    seen.push(view.byteLength);
                    view.set([1, 2, 3]);
                    c.byobRequest.respond(3);
                    if (seen.length === 2) c.close();
                  },
                });
                const reader = stream.getReader();
                const a = await reader.read();
                const b = await reader.read();
                console.log(seen.join(), hex(a.value), a.value.buffer.byteLength, hex(b.value), JSON.stringify(await reader.read()));
                """)).containsExactly(
                "16,16 01 02 03 16 01 02 03 {\"done\":true}",
                "done");
    }

    @Test
    void cancelClearsPendingByobReadsAndCallsTheSource() {
        assertThat(run("""
                const log = [];
                const stream = new ReadableStream({ type: 'bytes', cancel(reason) { log.push(`cancel ${reason}`); } });
                const reader = stream.getReader({ mode: 'byob' });
                const read = reader.read(new Uint8Array(2));
                console.log(await settled(reader.cancel('why')), log.join());
                const result = await read;
                console.log(result.done, result.value);
                console.log(await settled(reader.read(new Uint8Array(2)).then((r) => r.value.byteLength)));
                """)).containsExactly(
                "fulfilled undefined cancel why",
                "true undefined",
                "fulfilled 0",
                "done");
    }

    @Test
    void byteTeeCopiesChunksForTheSecondBranchAndSupportsByobReadsOnEitherBranch() {
        assertThat(run("""
                let controller;
                const log = [];
                const stream = new ReadableStream({
                  type: 'bytes',
                  start(c) { controller = c; },
                  cancel(reason) { log.push(JSON.stringify(reason)); },
                });
                const [a, b] = stream.tee();
                const aReader = a.getReader();
                const bReader = b.getReader({ mode: 'byob' });
                controller.enqueue(new Uint8Array([1, 2, 3]));
                const fromA = await aReader.read();
                const fromB = await bReader.read(new Uint8Array(2));
                console.log(hex(fromA.value), hex(fromB.value), fromA.value.buffer !== fromB.value.buffer);
                console.log(hex((await bReader.read(new Uint8Array(8))).value));
                const bRead = bReader.read(new Uint8Array(4));
                await tick();
                controller.enqueue(new Uint8Array([4]));
                console.log(hex((await bRead).value), hex((await aReader.read()).value));
                const aCancel = aReader.cancel('ra');
                const bCancel = bReader.cancel('rb');
                await Promise.all([aCancel, bCancel]);
                console.log(log.join());
                const [c1, c2] = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(new Uint8Array([9])); c.close(); } }).tee();
                console.log(hex((await collect(c1))[0]), hex((await collect(c2))[0]));
                const [e1, e2] = new ReadableStream({ type: 'bytes', start(c) { c.error(error1); } }).tee();
                console.log(await settled(e1.getReader().read()), await settled(e2.getReader({ mode: 'byob' }).read(new Uint8Array(1))));
                """)).containsExactly(
                "01 02 03 01 02 true",
                "03",
                "04 04",
                "[\"ra\",\"rb\"]",
                "09 09",
                "rejected error1 rejected error1",
                "done");
    }
}
