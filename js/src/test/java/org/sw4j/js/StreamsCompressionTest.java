package org.sw4j.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Compression Standard's CompressionStream and DecompressionStream. */
class StreamsCompressionTest {
    private static final String HELPERS = """
            const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
            const toBase64 = (bytes) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
            const concat = (chunks) => {
              const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
              let offset = 0;
              for (const c of chunks) { out.set(c, offset); offset += c.length; }
              return out;
            };
            const through = async (transform, ...chunks) => {
              const writer = transform.writable.getWriter();
              const done = Promise.all([...chunks.map((c) => writer.write(c)), writer.close()]);
              const [output] = await Promise.all([collect(transform.readable), done]);
              return concat(output);
            };
            const text = 'The quick brown fox jumps over the lazy dog. '.repeat(200);
            const textBytes = new TextEncoder().encode(text);
            """;

    @TempDir
    Path dir;

    private List<String> run(String body) {
        return StreamScripts.run(dir, HELPERS + body);
    }

    @Test
    void eachFormatRoundTripsInChunksOfAnySize() {
        assertThat(run("""
                for (const format of ['gzip', 'deflate', 'deflate-raw']) {
                  const compressed = await through(new CompressionStream(format), textBytes.subarray(0, 1000), textBytes.subarray(1000).buffer.slice(1000));
                  const bytewise = Array.from(compressed, (b) => new Uint8Array([b]));
                  const restored = await through(new DecompressionStream(format), ...bytewise);
                  console.log(format, compressed.length < textBytes.length / 10, new TextDecoder().decode(restored) === text);
                }
                const gzip = await through(new CompressionStream('gzip'), new Uint8Array(0));
                console.log(hex(gzip.subarray(0, 4)), gzip.length, (await through(new DecompressionStream('gzip'), gzip)).length);
                const zlib = await through(new CompressionStream('deflate'), new TextEncoder().encode('x'));
                console.log(hex(zlib.subarray(0, 1)));
                console.log(attempt(() => new CompressionStream('brotli')), attempt(() => new DecompressionStream('GZIP')),
                  attempt(() => new CompressionStream()), new CompressionStream('deflate-raw').readable instanceof ReadableStream);
                const notBytes = new CompressionStream('gzip');
                const notBytesRead = settled(notBytes.readable.getReader().read());
                console.log(await settled(notBytes.writable.getWriter().write('text')), await notBytesRead);
                """)).containsExactly(
                "gzip true true",
                "deflate true true",
                "deflate-raw true true",
                "1f 8b 08 00 20 0",
                "78",
                "TypeError TypeError TypeError true",
                "rejected TypeError rejected TypeError",
                "done");
    }

    @Test
    void decompressesWhatJavasGzipAndDeflaterStreamsWrote() throws IOException {
        byte[] text = "Java wrote this. ".repeat(100).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(gzip)) {
            out.write(text);
        }
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        try (var out = new DeflaterOutputStream(zlib)) {
            out.write(text);
        }
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (var out = new DeflaterOutputStream(raw, new Deflater(Deflater.BEST_COMPRESSION, true))) {
            out.write(text);
        }
        var base64 = Base64.getEncoder();
        List<String> output = run("""
                const inputs = { gzip: '%s', deflate: '%s', 'deflate-raw': '%s' };
                for (const [format, data] of Object.entries(inputs)) {
                  const restored = new TextDecoder().decode(await through(new DecompressionStream(format), fromBase64(data)));
                  console.log(format, restored.length, restored.slice(0, 17));
                }
                console.log(toBase64(await through(new CompressionStream('gzip'), new TextEncoder().encode('from JavaScript'))));
                """.formatted(base64.encodeToString(gzip.toByteArray()), base64.encodeToString(zlib.toByteArray()),
                base64.encodeToString(raw.toByteArray())));
        assertThat(output).hasSize(5);
        assertThat(output.subList(0, 3)).containsExactly(
                "gzip 1700 Java wrote this. ", "deflate 1700 Java wrote this. ", "deflate-raw 1700 Java wrote this. ");
        // And Java reads what JavaScript compressed.
        byte[] fromJs = Base64.getDecoder().decode(output.get(3));
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(fromJs))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("from JavaScript");
        }
        assertThat(output.get(4)).isEqualTo("done");
    }

    @Test
    void corruptTruncatedAndTrailingDataAreTypeErrors() {
        assertThat(run("""
                const gzip = await through(new CompressionStream('gzip'), textBytes);
                const attemptDecompress = (format, ...chunks) => settled(through(new DecompressionStream(format), ...chunks).then((b) => b.length));
                console.log('intact', await attemptDecompress('gzip', gzip));
                console.log('truncated', await attemptDecompress('gzip', gzip.subarray(0, gzip.length - 3)));
                console.log('trailing', await attemptDecompress('gzip', gzip, new Uint8Array([0])));
                const badCrc = gzip.slice();
                badCrc[badCrc.length - 8] ^= 1;
                console.log('bad crc', await attemptDecompress('gzip', badCrc));
                console.log('not gzip', await attemptDecompress('gzip', new Uint8Array([1, 2, 3, 4])));
                console.log('garbage deflate', await attemptDecompress('deflate', new Uint8Array([0x78, 0x9c, 0xff, 0xff, 0xff])));
                console.log('empty', await attemptDecompress('deflate-raw'));
                const raw = await through(new CompressionStream('deflate-raw'), textBytes);
                console.log('raw trailing', await attemptDecompress('deflate-raw', concat([raw, new Uint8Array([1, 2])])));
                const stream = new DecompressionStream('deflate');
                const writer = stream.writable.getWriter();
                const written = settled(writer.write(new Uint8Array([1, 2, 3, 4])));
                console.log(await settled(stream.readable.getReader().read()), await written);
                """)).containsExactly(
                "intact fulfilled 9000",
                "truncated rejected TypeError",
                "trailing rejected TypeError",
                "bad crc rejected TypeError",
                "not gzip rejected TypeError",
                "garbage deflate rejected TypeError",
                "empty rejected TypeError",
                "raw trailing rejected TypeError",
                "rejected TypeError rejected TypeError",
                "done");
    }
}
