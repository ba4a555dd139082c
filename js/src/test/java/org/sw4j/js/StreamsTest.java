package org.sw4j.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ReadableStream with a default controller (Streams Standard §4), and the interface surface. */
class StreamsTest {
    @TempDir
    Path dir;

    private List<String> run(String body) {
        return StreamScripts.run(dir, body);
    }

    @Test
    void interfacesLookLikeWebIdlInterfaces() {
        assertThat(run("""
                const names = ['ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader',
                  'ReadableStreamDefaultController', 'ReadableByteStreamController', 'ReadableStreamBYOBRequest',
                  'WritableStream', 'WritableStreamDefaultWriter', 'WritableStreamDefaultController', 'TransformStream',
                  'TransformStreamDefaultController', 'ByteLengthQueuingStrategy', 'CountQueuingStrategy',
                  'TextEncoderStream', 'TextDecoderStream', 'CompressionStream', 'DecompressionStream'];
                for (const name of names) {
                  const cls = globalThis[name];
                  const tag = Object.prototype.toString.call(cls.prototype);
                  const global = Object.getOwnPropertyDescriptor(globalThis, name);
                  console.log(name, cls.length, tag, global.enumerable, global.writable);
                }
                for (const name of ['ReadableStreamDefaultController', 'ReadableByteStreamController', 'ReadableStreamBYOBRequest',
                  'WritableStreamDefaultController', 'TransformStreamDefaultController']) {
                  console.log(name, attempt(() => new globalThis[name]()));
                }
                console.log(Object.keys(ReadableStream.prototype).join());
                console.log(Object.keys(WritableStream.prototype).join(), Object.keys(TransformStream.prototype).join());
                console.log(ReadableStream.prototype[Symbol.asyncIterator] === ReadableStream.prototype.values);
                console.log(attempt(() => ReadableStream.prototype.getReader.call({})),
                  attempt(() => Object.getOwnPropertyDescriptor(ReadableStream.prototype, 'locked').get.call(new WritableStream())));
                console.log(await settled(ReadableStream.prototype.cancel.call({})));
                console.log(await settled(ReadableStreamDefaultReader.prototype.read.call(new ReadableStream())));
                const iterator = new ReadableStream().values();
                const proto = Object.getPrototypeOf(iterator);
                console.log(Object.prototype.toString.call(iterator), Object.keys(proto).join(),
                  Object.getPrototypeOf(proto) === Object.getPrototypeOf(Object.getPrototypeOf((async function* () {})())).__proto__,
                  'constructor' in proto && proto.constructor !== Object);
                """)).containsExactly(
                "ReadableStream 0 [object ReadableStream] false true",
                "ReadableStreamDefaultReader 1 [object ReadableStreamDefaultReader] false true",
                "ReadableStreamBYOBReader 1 [object ReadableStreamBYOBReader] false true",
                "ReadableStreamDefaultController 0 [object ReadableStreamDefaultController] false true",
                "ReadableByteStreamController 0 [object ReadableByteStreamController] false true",
                "ReadableStreamBYOBRequest 0 [object ReadableStreamBYOBRequest] false true",
                "WritableStream 0 [object WritableStream] false true",
                "WritableStreamDefaultWriter 1 [object WritableStreamDefaultWriter] false true",
                "WritableStreamDefaultController 0 [object WritableStreamDefaultController] false true",
                "TransformStream 0 [object TransformStream] false true",
                "TransformStreamDefaultController 0 [object TransformStreamDefaultController] false true",
                "ByteLengthQueuingStrategy 1 [object ByteLengthQueuingStrategy] false true",
                "CountQueuingStrategy 1 [object CountQueuingStrategy] false true",
                "TextEncoderStream 0 [object TextEncoderStream] false true",
                "TextDecoderStream 0 [object TextDecoderStream] false true",
                "CompressionStream 1 [object CompressionStream] false true",
                "DecompressionStream 1 [object DecompressionStream] false true",
                "ReadableStreamDefaultController TypeError",
                "ReadableByteStreamController TypeError",
                "ReadableStreamBYOBRequest TypeError",
                "WritableStreamDefaultController TypeError",
                "TransformStreamDefaultController TypeError",
                "locked,cancel,getReader,pipeThrough,pipeTo,tee,values",
                "locked,abort,close,getWriter readable,writable",
                "true",
                "TypeError TypeError",
                "rejected TypeError",
                "rejected TypeError",
                "[object ReadableStream AsyncIterator] next,return true false",
                "done");
    }

    @Test
    void constructorArgumentsAreConvertedAsTheSpecSays() {
        assertThat(run("""
                console.log(attempt(() => new ReadableStream(null)), attempt(() => new ReadableStream(1)),
                  attempt(() => new ReadableStream({ type: 'nope' })), attempt(() => new ReadableStream({ start: 1 })),
                  attempt(() => new ReadableStream({}, { highWaterMark: -1 })), attempt(() => new ReadableStream({}, { highWaterMark: NaN })),
                  attempt(() => new ReadableStream({}, { size: 1 })),
                  attempt(() => new ReadableStream({ type: 'bytes' }, { size() { return 1; } })),
                  attempt(() => new ReadableStream({ type: 'bytes', autoAllocateChunkSize: 0 })),
                  attempt(() => new ReadableStream({ start() { throw error1; } })));
                // The strategy is converted (as an argument) before the source dictionary (in the constructor's steps).
                const order = [];
                const source = { get start() { order.push('start'); }, get type() { order.push('type'); } };
                new ReadableStream(source, { get highWaterMark() { order.push('highWaterMark'); return 1; } });
                console.log(order.join());
                let controller;
                const stream = new ReadableStream({ start(c) { controller = c; } }, { highWaterMark: 3 });
                console.log(controller instanceof ReadableStreamDefaultController, controller.desiredSize, stream.locked);
                """)).containsExactly(
                "TypeError TypeError TypeError TypeError RangeError RangeError TypeError RangeError TypeError error1",
                "highWaterMark,start,type",
                "true 3 false",
                "done");
    }

    @Test
    void chunksQueueBySizeAndDesiredSizeReflectsTheHighWaterMark() {
        assertThat(run("""
                let controller;
                const stream = new ReadableStream({ start(c) { controller = c; } },
                  { highWaterMark: 10, size: (chunk) => chunk.length });
                controller.enqueue('abc');
                console.log(controller.desiredSize);
                controller.enqueue('defghijk');
                console.log(controller.desiredSize);
                const reader = stream.getReader();
                console.log(JSON.stringify(await reader.read()), controller.desiredSize);
                console.log(attempt(() => controller.enqueue({ length: -1 })), stream.locked);
                console.log(await settled(reader.read()), await settled(reader.closed), controller.desiredSize);
                const strategy = new ByteLengthQueuingStrategy({ highWaterMark: 16 });
                const count = new CountQueuingStrategy({ highWaterMark: 2 });
                console.log(strategy.highWaterMark, strategy.size(new Uint8Array(5)), count.highWaterMark, count.size('x'),
                  strategy.size === new ByteLengthQueuingStrategy({ highWaterMark: 1 }).size, attempt(() => new strategy.size()),
                  attempt(() => new CountQueuingStrategy({})), attempt(() => new CountQueuingStrategy()));
                let bytes;
                new ReadableStream({ start(c) { bytes = c; } }, strategy);
                bytes.enqueue(new Uint8Array(10));
                console.log(bytes.desiredSize);
                """)).containsExactly(
                "7",
                "-1",
                "{\"value\":\"abc\",\"done\":false} 2",
                "RangeError true",
                "rejected RangeError rejected RangeError null",
                "16 5 2 1 true TypeError TypeError TypeError",
                "6",
                "done");
    }

    @Test
    void pullIsCalledOnlyWhileTheQueueIsBelowTheHighWaterMarkOrReadsWait() {
        assertThat(run("""
                const events = [];
                let pulls = 0;
                const stream = new ReadableStream({
                  start() { events.push('start'); },
                  pull(c) { pulls++; events.push(`pull ${pulls} desiredSize ${c.desiredSize}`); if (pulls <= 3) c.enqueue(pulls); },
                }, { highWaterMark: 2 });
                events.push('constructed');
                await tick();
                console.log(events.join(' | '));
                events.length = 0;
                const reader = stream.getReader();
                console.log(JSON.stringify(await reader.read()));
                await tick();
                console.log(events.join(' | '));
                events.length = 0;
                console.log(JSON.stringify(await reader.read()), JSON.stringify(await reader.read()));
                await tick();
                console.log(events.join(' | '));
                // A pull that returns a pending promise is not called again until it settles.
                let resolvePull;
                let slowPulls = 0;
                const slow = new ReadableStream({ pull() { slowPulls++; return new Promise((r) => { resolvePull = r; }); } }, { highWaterMark: 0 });
                const slowReader = slow.getReader();
                await tick(); // started: from now on a read calls pull
                slowReader.read();
                slowReader.read();
                await tick();
                console.log('slow pulls', slowPulls);
                resolvePull();
                await tick();
                console.log('slow pulls', slowPulls);
                const failing = new ReadableStream({ pull() { throw error1; } });
                console.log(await settled(failing.getReader().closed));
                """)).containsExactly(
                "start | constructed | pull 1 desiredSize 2 | pull 2 desiredSize 1",
                "{\"value\":1,\"done\":false}",
                "pull 3 desiredSize 1",
                "{\"value\":2,\"done\":false} {\"value\":3,\"done\":false}",
                "pull 4 desiredSize 1 | pull 5 desiredSize 2",
                "slow pulls 1",
                "slow pulls 2",
                "rejected error1",
                "done");
    }

    @Test
    void closeErrorAndCancelReachReadersAndTheSource() {
        assertThat(run("""
                let controller;
                const stream = new ReadableStream({ start(c) { controller = c; } });
                controller.enqueue('a');
                controller.close();
                console.log(attempt(() => controller.enqueue('b')), attempt(() => controller.close()));
                const reader = stream.getReader();
                console.log(JSON.stringify(await reader.read()), JSON.stringify(await reader.read()), await settled(reader.closed));

                const errored = new ReadableStream({ start(c) { c.enqueue('lost'); c.error(error1); } });
                const errReader = errored.getReader();
                console.log(await settled(errReader.read()), await settled(errReader.closed), await settled(errReader.cancel()));

                const cancels = [];
                const canceled = new ReadableStream({
                  start(c) { c.enqueue('queued'); },
                  cancel(reason) { cancels.push(why(reason)); return new Promise((r) => setTimeout(() => r('ignored'), 1)); },
                });
                const canceledReader = canceled.getReader();
                const pendingClosed = settled(canceledReader.closed);
                console.log(await settled(canceledReader.cancel(error2)), cancels.join(), await pendingClosed);
                console.log(JSON.stringify(await canceledReader.read()));
                const rejecting = new ReadableStream({ cancel() { throw error2; } });
                console.log(await settled(rejecting.cancel()), await settled(rejecting.getReader().closed));
                const waiting = new ReadableStream();
                const waitingReader = waiting.getReader();
                const pendingRead = settled(waitingReader.read());
                waiting.locked && waitingReader.cancel('bye');
                console.log(await pendingRead);
                """)).containsExactly(
                "TypeError TypeError",
                "{\"value\":\"a\",\"done\":false} {\"done\":true} fulfilled undefined",
                "rejected error1 rejected error1 rejected error1",
                "fulfilled undefined error2 fulfilled undefined",
                "{\"done\":true}",
                "rejected error2 fulfilled undefined",
                "fulfilled {\"done\":true}",
                "done");
    }

    @Test
    void releasingAReaderUnlocksTheStreamAndRejectsItsPendingReads() {
        assertThat(run("""
                const stream = new ReadableStream();
                const reader = stream.getReader();
                console.log(stream.locked, attempt(() => stream.getReader()), attempt(() => new ReadableStreamDefaultReader(stream)));
                const pending = settled(reader.read());
                const closed = settled(reader.closed);
                reader.releaseLock();
                reader.releaseLock();
                console.log(stream.locked, await pending, await closed);
                console.log(await settled(reader.read()), await settled(reader.cancel()));
                const second = stream.getReader();
                console.log(second !== reader, await settled(stream.cancel()));
                second.releaseLock();
                console.log(await settled(second.closed), await settled(stream.cancel()), attempt(() => stream.getReader({ mode: 'other' })));
                """)).containsExactly(
                "true TypeError TypeError",
                "false rejected TypeError rejected TypeError",
                "rejected TypeError rejected TypeError",
                "true rejected TypeError",
                "rejected TypeError fulfilled undefined TypeError",
                "done");
    }

    @Test
    void asyncIterationReadsToTheEndAndCancelsOnBreakUnlessPrevented() {
        assertThat(run("""
                const make = (log) => new ReadableStream({
                  start(c) { ['a', 'b', 'c'].forEach((x) => c.enqueue(x)); c.close(); },
                  cancel(reason) { log.push(`cancel ${reason}`); },
                });
                console.log((await collect(make([]))).join(), 'locked after the end:');
                const log = [];
                const stream = make(log);
                for await (const chunk of stream) {
                  log.push(chunk);
                  if (chunk === 'b') break;
                }
                console.log(log.join(), stream.locked);
                const kept = make(log.splice(0));
                for await (const chunk of kept.values({ preventCancel: true })) {
                  if (chunk === 'a') break;
                }
                console.log(kept.locked, JSON.stringify(await kept.getReader().read()));
                const iterator = make(log)[Symbol.asyncIterator]();
                console.log(JSON.stringify(await iterator.next()), JSON.stringify(await iterator.return('why')),
                  JSON.stringify(await iterator.next()), log.join());
                // An error discards queued chunks: the iterator sees the error, then the end.
                const failing = new ReadableStream({ start(c) { c.enqueue(1); c.error(error1); } });
                const failingIterator = failing.values();
                console.log(await settled(failingIterator.next()), await settled(failingIterator.next()),
                  JSON.stringify(await failingIterator.next()));
                // next() calls queue behind each other.
                const slow = new ReadableStream({ async pull(c) { await tick(); c.enqueue('x'); } }, { highWaterMark: 0 });
                const slowIterator = slow.values();
                const results = await Promise.all([slowIterator.next(), slowIterator.next(), slowIterator.return('r')]);
                console.log(JSON.stringify(results));
                console.log(attempt(() => make([]).values(), 'twice'), attempt(() => { const s = make([]); s.values(); s.values(); }));
                """)).containsExactly(
                "a,b,c locked after the end:",
                "a,b,cancel undefined false",
                "false {\"value\":\"b\",\"done\":false}",
                "{\"value\":\"a\",\"done\":false} {\"value\":\"why\",\"done\":true} {\"done\":true} cancel why",
                "rejected error1 fulfilled {\"done\":true} {\"done\":true}",
                "[{\"value\":\"x\",\"done\":false},{\"value\":\"x\",\"done\":false},{\"value\":\"r\",\"done\":true}]",
                "ok TypeError",
                "done");
    }

    @Test
    void fromTakesSyncAndAsyncIterables() {
        assertThat(run("""
                console.log((await collect(ReadableStream.from([1, 2, 3]))).join());
                console.log((await collect(ReadableStream.from('hé'))).join('|'));
                console.log((await collect(ReadableStream.from([Promise.resolve('awaited'), 'plain']))).join());
                async function* generate() { yield 'x'; await tick(); yield 'y'; }
                console.log((await collect(ReadableStream.from(generate()))).join());
                const log = [];
                const iterable = {
                  [Symbol.asyncIterator]() {
                    let i = 0;
                    return {
                      next() { log.push('next'); return Promise.resolve({ value: i++, done: false }); },
                      return(reason) { log.push(`return ${reason}`); return Promise.resolve({ done: true }); },
                    };
                  },
                };
                const stream = ReadableStream.from(iterable);
                await tick();
                console.log(log.join(), 'nothing pulled before a read: highWaterMark 0');
                const reader = stream.getReader();
                console.log(JSON.stringify(await reader.read()), JSON.stringify(await reader.read()));
                await reader.cancel('stop');
                console.log(log.join());
                console.log(attempt(() => ReadableStream.from(1)), attempt(() => ReadableStream.from({ [Symbol.asyncIterator]: 1 })),
                  attempt(() => ReadableStream.from()));
                const bad = ReadableStream.from({ [Symbol.asyncIterator]() { return { next() { return 1; } }; } });
                console.log(await settled(bad.getReader().read()));
                const throwing = ReadableStream.from((function* () { yield 1; throw error1; })());
                const throwingReader = throwing.getReader();
                console.log(await settled(throwingReader.read()), await settled(throwingReader.read()));
                console.log(ReadableStream.from([]) instanceof ReadableStream);
                """)).containsExactly(
                "1,2,3",
                "h|é",
                "awaited,plain",
                "x,y",
                " nothing pulled before a read: highWaterMark 0",
                "{\"value\":0,\"done\":false} {\"value\":1,\"done\":false}",
                "next,next,return stop",
                "TypeError TypeError TypeError",
                "rejected TypeError",
                "fulfilled {\"value\":1,\"done\":false} rejected error1",
                "true",
                "done");
    }

    @Test
    void teeGivesBothBranchesEveryChunkAndCancelsOnlyWhenBothCancel() {
        assertThat(run("""
                const log = [];
                const stream = new ReadableStream({
                  start(c) { c.enqueue('a'); c.enqueue('b'); c.close(); },
                  cancel(reason) { log.push(`source canceled with ${JSON.stringify(reason)}`); },
                });
                const [left, right] = stream.tee();
                console.log(stream.locked, left instanceof ReadableStream, right !== left);
                console.log((await collect(left)).join(), (await collect(right)).join());

                const endless = new ReadableStream({
                  pull(c) { c.enqueue(log.length); },
                  cancel(reason) { log.push(`source canceled with ${JSON.stringify(reason)}`); },
                });
                const [one, two] = endless.tee();
                // A branch's cancel() settles only once both branches are canceled.
                let oneCanceled = 'pending';
                one.cancel('r1').then(() => { oneCanceled = 'fulfilled'; });
                await tick();
                console.log(oneCanceled);
                console.log(log.join(), 'not yet');
                const twoReader = two.getReader();
                console.log(JSON.stringify(await twoReader.read()));
                const bothCanceled = twoReader.cancel('r2');
                console.log(await settled(bothCanceled), log.join(), oneCanceled);

                const failing = new ReadableStream({ start(c) { c.enqueue('x'); setTimeout(() => c.error(error1), 1); } });
                const [f1, f2] = failing.tee();
                const f1Reader = f1.getReader();
                console.log(JSON.stringify(await f1Reader.read()), await settled(f1Reader.read()), await settled(f2.getReader().closed));
                // Objects are shared, not cloned, by the public tee().
                const object = { n: 1 };
                const [s1, s2] = new ReadableStream({ start(c) { c.enqueue(object); c.close(); } }).tee();
                console.log((await collect(s1))[0] === (await collect(s2))[0]);
                """)).containsExactly(
                "true true true",
                "a,b a,b",
                "pending",
                " not yet",
                "{\"value\":0,\"done\":false}",
                "fulfilled undefined source canceled with [\"r1\",\"r2\"] fulfilled",
                "{\"value\":\"x\",\"done\":false} rejected error1 rejected error1",
                "true",
                "done");
    }
}
