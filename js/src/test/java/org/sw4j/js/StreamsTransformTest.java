package org.sw4j.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TransformStream (Streams Standard §6) and the Encoding Standard's TextEncoderStream/TextDecoderStream. */
class StreamsTransformTest {
    @TempDir
    Path dir;

    private List<String> run(String body) {
        return StreamScripts.run(dir, body);
    }

    @Test
    void transformAndFlushRunInOrderAndTheIdentityTransformPassesChunksThrough() {
        assertThat(run("""
                const log = [];
                const doubler = new TransformStream({
                  start(c) { log.push(`start ${c.constructor.name} ${c.desiredSize}`); },
                  transform(chunk, c) { log.push(`transform ${chunk}`); c.enqueue(chunk); c.enqueue(chunk); },
                  flush(c) { log.push('flush'); c.enqueue('end'); },
                });
                const writer = doubler.writable.getWriter();
                writer.write('a');
                writer.write('b');
                writer.close();
                console.log((await collect(doubler.readable)).join(), log.join());
                const identity = new TransformStream();
                const identityWriter = identity.writable.getWriter();
                identityWriter.write(1);
                identityWriter.close();
                console.log((await collect(identity.readable)).join());
                console.log(attempt(() => new TransformStream({ readableType: 'bytes' })),
                  attempt(() => new TransformStream({ writableType: 'bytes' })), attempt(() => new TransformStream({ flush: 1 })),
                  attempt(() => new TransformStream({ start() { throw error1; } })));
                """)).containsExactly(
                "a,a,b,b,end start TransformStreamDefaultController 0,transform a,transform b,flush",
                "1",
                "RangeError RangeError TypeError error1",
                "done");
    }

    @Test
    void writesWaitForTheReadableSideToWantMore() {
        assertThat(run("""
                const log = [];
                const stream = new TransformStream({ transform(chunk, c) { log.push(`transform ${chunk}`); c.enqueue(chunk); } },
                  undefined, { highWaterMark: 1 });
                const writer = stream.writable.getWriter();
                writer.write('a');
                writer.write('b');
                writer.write('c');
                await tick();
                console.log(log.join(), writer.desiredSize);
                const reader = stream.readable.getReader();
                console.log(JSON.stringify(await reader.read()));
                await tick();
                console.log(log.join(), writer.desiredSize);
                """)).containsExactly(
                "transform a -1",
                "{\"value\":\"a\",\"done\":false}",
                "transform a,transform b 0",
                "done");
    }

    @Test
    void errorsTerminateAndCancelReachBothSides() {
        assertThat(run("""
                // Writes wait until the readable side wants a chunk, so each case reads first.
                const failing = new TransformStream({ transform() { throw error1; } });
                const failingRead = settled(failing.readable.getReader().read());
                const failingWriter = failing.writable.getWriter();
                console.log(await settled(failingWriter.write('x')), await failingRead, await settled(failingWriter.closed));
                let controller;
                const terminated = new TransformStream({ start(c) { controller = c; } });
                controller.enqueue('last');
                controller.terminate();
                console.log((await collect(terminated.readable)).join(), await settled(terminated.writable.getWriter().write('y')));
                const log = [];
                const canceled = new TransformStream({ cancel(reason) { log.push(`cancel ${why(reason)}`); } });
                const canceledWriter = canceled.writable.getWriter();
                console.log(await settled(canceled.readable.cancel(error2)), await settled(canceledWriter.closed), log.join());
                const aborted = new TransformStream({ cancel(reason) { log.push(`cancel on abort ${why(reason)}`); } });
                const abortedReader = aborted.readable.getReader();
                console.log(await settled(aborted.writable.abort(error1)), await settled(abortedReader.closed), log.join());
                const erroring = new TransformStream({ start(c) { c.error(error2); } });
                console.log(await settled(erroring.readable.getReader().read()), attempt(() => controller.enqueue('after')));
                const flushFails = new TransformStream({ flush() { throw error1; } });
                console.log(await settled(flushFails.writable.close()), await settled(flushFails.readable.getReader().closed));
                """)).containsExactly(
                "rejected error1 rejected error1 rejected error1",
                "last rejected TypeError",
                "fulfilled undefined rejected error2 cancel error2",
                "fulfilled undefined rejected error1 cancel error2,cancel on abort error1",
                "rejected error2 TypeError",
                "rejected error1 rejected error1",
                "done");
    }

    @Test
    void textEncoderStreamEncodesUtf8AndJoinsSurrogatePairsSplitAcrossChunks() {
        assertThat(run("""
                const stream = new TextEncoderStream();
                console.log(stream.encoding, stream.readable instanceof ReadableStream, stream.writable instanceof WritableStream);
                const writer = stream.writable.getWriter();
                for (const chunk of ['aé', '\\ud83d', '\\ude00', '', 12, '\\ud83d']) writer.write(chunk);
                writer.close();
                const chunks = await collect(stream.readable);
                console.log(chunks.map((c) => `${c.constructor.name}[${hex(c)}]`).join(' '));
                const lone = new TextEncoderStream();
                const loneWriter = lone.writable.getWriter();
                loneWriter.write('\\ud800x');
                loneWriter.close();
                console.log((await collect(lone.readable)).map(hex).join(' | '));
                // Writes wait until the readable side wants a chunk (backpressure), so read first.
                const symbolStream = new TextEncoderStream();
                const symbolRead = settled(symbolStream.readable.getReader().read());
                console.log(await settled(symbolStream.writable.getWriter().write(Symbol())), await symbolRead);
                """)).containsExactly(
                "utf-8 true true",
                "Uint8Array[61 c3 a9] Uint8Array[f0 9f 98 80] Uint8Array[31 32] Uint8Array[ef bf bd]",
                "ef bf bd 78",
                "rejected TypeError rejected TypeError",
                "done");
    }

    @Test
    void textDecoderStreamDecodesCodePointsSplitAcrossChunks() {
        assertThat(run("""
                const decode = async (label, options, ...chunks) => {
                  const stream = new TextDecoderStream(label, options);
                  const writer = stream.writable.getWriter();
                  // Failures reach the readable side; the writer's promises are not what this checks.
                  chunks.forEach((chunk) => writer.write(chunk).catch(() => {}));
                  writer.close().catch(() => {});
                  return (await collect(stream.readable)).join('|');
                };
                const euro = [0xe2, 0x82, 0xac];
                console.log(await decode('utf-8', {}, new Uint8Array([0x61, euro[0]]), new Uint8Array([euro[1]]), new Uint8Array([euro[2], 0x62])));
                console.log(await decode('utf-8', {}, new Uint8Array([0xef, 0xbb]), new Uint8Array([0xbf, 0x41])));
                const codePoints = (s) => Array.from(s, (c) => c.codePointAt(0).toString(16)).join(' ');
                console.log(codePoints(await decode('utf-8', { ignoreBOM: true }, new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))));
                console.log(JSON.stringify(await decode('utf-8', {}, new Uint8Array([0x41, 0xf0, 0x9f]))));
                console.log(await decode('utf-16le', {}, new Uint8Array([0x3d, 0xd8, 0x00]), new Uint8Array([0xde, 0x41]), new Uint8Array([0x00]).buffer));
                const stream = new TextDecoderStream('UTF-16BE', { fatal: true });
                console.log(stream.encoding, stream.fatal, stream.ignoreBOM);
                console.log(await settled(decode('utf-8', { fatal: true }, new Uint8Array([0xff]))),
                  await settled(decode('utf-8', { fatal: true }, new Uint8Array([0xe2, 0x82]))),
                  await settled(decode('utf-8', {}, 'not bytes')));
                console.log(attempt(() => new TextDecoderStream('latin-9000')));
                """)).containsExactly(
                "a|€b",
                "A",
                "feff 41",
                "\"A|\uFFFD\"",
                "😀|A",
                "utf-16be true false",
                "rejected TypeError rejected TypeError rejected TypeError",
                "RangeError",
                "done");
    }
}
