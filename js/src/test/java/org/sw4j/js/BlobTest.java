package org.sw4j.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blob and File (File API), after WPT's {@code FileAPI/blob/*.any.js} and {@code FileAPI/file/*.any.js}. */
class BlobTest {
    /**
     * Script helpers: `hex(bytes)`, `attempt(fn)` (an exception's constructor name), and `show(blob)`,
     * which prints a blob's size, type and bytes once its bytes() promise settles, in call order.
     */
    private static final String HELPERS = """
            const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
            const attempt = (fn) => { try { return fn(); } catch (e) { return `${e.constructor.name}`; } };
            let printing = Promise.resolve();
            const show = (label, blob) => {
              printing = printing.then(() => blob.bytes()).then((bytes) =>
                console.log(`${label}: ${blob.size} '${blob.type}' [${hex(bytes)}]`));
            };
            """;

    @TempDir
    Path dir;

    private List<String> output(String script) {
        return WorkerFixture.outputOf(dir, HELPERS + script);
    }

    @Test
    void partsOfEveryKind() {
        assertThat(output("""
                const buffer = new Uint8Array([1, 2, 3, 4, 5, 6]).buffer;
                show('string', new Blob(['aé']));
                show('lone surrogate', new Blob(['\\ud800']));
                show('ArrayBuffer', new Blob([buffer]));
                show('Uint8Array view', new Blob([new Uint8Array(buffer, 2, 3)]));
                show('Int16Array', new Blob([new Int16Array([0x0102])]));
                show('DataView', new Blob([new DataView(buffer, 4)]));
                show('Blob', new Blob([new Blob(['x']), new File(['y'], 'f')]));
                show('other values', new Blob([12, null, undefined, { toString: () => 'o' }]));
                show('mixed', new Blob(['a', buffer, new Blob(['b']), new Uint8Array([0xff])]));
                show('empty', new Blob());
                show('empty sequence', new Blob([], {}));
                show('from a Set', new Blob(new Set(['s'])));
                const detached = new ArrayBuffer(4);
                detached.transfer();
                show('detached', new Blob([detached]));
                // Bytes are copied: changing the source afterwards does not change the blob.
                const source = new Uint8Array([7, 7]);
                const copied = new Blob([source]);
                source[0] = 0;
                show('copied', copied);
                console.log([
                  () => new Blob(null),
                  () => new Blob('abc'),
                  () => new Blob({ length: 1, 0: 'a' }),
                  () => new Blob(new Date()),
                  () => new Blob([], 'type'),
                  () => new Blob([], { endings: 'windows' }),
                  () => new Blob([new ArrayBuffer(1, { maxByteLength: 2 })]),
                  () => Blob([]),
                ].map(attempt).join());
                """)).containsExactly(
                "TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError",
                "string: 3 '' [61 C3 A9]",
                "lone surrogate: 3 '' [EF BF BD]",
                "ArrayBuffer: 6 '' [01 02 03 04 05 06]",
                "Uint8Array view: 3 '' [03 04 05]",
                "Int16Array: 2 '' [02 01]",
                "DataView: 2 '' [05 06]",
                "Blob: 2 '' [78 79]",
                "other values: 16 '' [31 32 6E 75 6C 6C 75 6E 64 65 66 69 6E 65 64 6F]",
                "mixed: 9 '' [61 01 02 03 04 05 06 62 FF]",
                "empty: 0 '' []",
                "empty sequence: 0 '' []",
                "from a Set: 1 '' [73]",
                "detached: 0 '' []",
                "copied: 2 '' [07 07]");
    }

    @Test
    void optionsAreReadInOrderAndLineEndingsConverted() {
        assertThat(output("""
                const read = [];
                const options = new Proxy({ type: 'text/plain', endings: 'native' }, {
                  get(target, key) {
                    read.push(String(key));
                    return target[key];
                  },
                });
                new Blob([], options);
                new File([], 'name', options);
                // Without a dictionary nothing is read, not even what Object.prototype offers.
                Object.prototype.type = 'inherited';
                const plain = new Blob([]);
                delete Object.prototype.type;
                console.log(read.join(), JSON.stringify(plain.type));
                show('native', new Blob(['a\\r\\nb\\rc\\nd\\n\\re'], { endings: 'native' }));
                show('transparent', new Blob(['a\\r\\nb\\r'], { endings: 'transparent' }));
                show('default', new Blob(['\\r\\n']));
                show('native leaves other parts', new Blob([new Uint8Array([13, 10])], { endings: 'native' }));
                """)).containsExactly(
                "endings,type,endings,type,lastModified \"\"",
                "native: 10 '' [61 0A 62 0A 63 0A 64 0A 0A 65]",
                "transparent: 5 '' [61 0D 0A 62 0D]",
                "default: 2 '' [0D 0A]",
                "native leaves other parts: 2 '' [0D 0A]");
    }

    @Test
    void typeIsLowerCasedOrEmptiedWhenNotPrintableAscii() {
        assertThat(output("""
                for (const type of ['TEXT/HTML', 'text/plain;charset=UTF-8', 'a\\u00e9', 'a\\u0019b', 'a\\u007fb', ' x ', '', 'İ']) {
                  console.log(JSON.stringify(new Blob([], { type }).type), JSON.stringify(new Blob(['x']).slice(0, 1, type).type));
                }
                console.log(JSON.stringify(new Blob([], { type: 12 }).type), JSON.stringify(new Blob(['x'], { type: 'a/b' }).slice().type));
                """)).containsExactly(
                "\"text/html\" \"text/html\"",
                "\"text/plain;charset=utf-8\" \"text/plain;charset=utf-8\"",
                "\"\" \"\"",
                "\"\" \"\"",
                "\"\" \"\"",
                "\" x \" \" x \"",
                "\"\" \"\"",
                "\"\" \"\"",
                "\"12\" \"\"");
    }

    @Test
    void sliceTakesNegativeClampedAndRoundedIndexes() {
        assertThat(output("""
                const blob = new Blob(['abcdefghij']);
                const cases = [[], [0], [3], [-3], [-3, -1], [2, 5], [5, 2], [0, 100], [-100], [-100, 2], [100],
                  [3.5], [2.5], [-1.5], [NaN, NaN], [Infinity], [-Infinity, Infinity], ['2', '4'], [undefined, 3], [2, undefined]];
                const results = [];
                for (const args of cases) {
                  results.push(blob.slice(...args));
                }
                Promise.all(results.map((slice) => slice.text())).then((texts) =>
                  console.log(texts.map((text, i) => `${JSON.stringify(cases[i])}=${text}`).join(' ')));
                const nested = blob.slice(2, 8).slice(1, -1).slice(-2);
                nested.text().then((text) => console.log(nested.size, text));
                const file = new File(['abc'], 'f.txt', { type: 'text/plain' });
                // NaN is 0; JSON prints NaN and the infinities as null.
                console.log(file.slice(1) instanceof File, file.slice(1) instanceof Blob, file.slice(1).type);
                console.log(attempt(() => blob.slice(Symbol())), attempt(() => blob.slice(1n)));
                """)).containsExactly(
                "false true ",
                "TypeError TypeError",
                "2 fg",
                "[]=abcdefghij [0]=abcdefghij [3]=defghij [-3]=hij [-3,-1]=hi [2,5]=cde [5,2]= [0,100]=abcdefghij "
                        + "[-100]=abcdefghij [-100,2]=ab [100]= [3.5]=efghij [2.5]=cdefghij [-1.5]=ij [null,null]= "
                        + "[null]= [null,null]=abcdefghij [\"2\",\"4\"]=cd [null,3]=abc [2,null]=cdefghij");
    }

    @Test
    void readersCopyAndDecode() {
        assertThat(output("""
                const invalid = new Blob([new Uint8Array([0x61, 0xff, 0x62, 0xc3])]);
                const bom = new Blob([new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xef, 0xbb, 0xbf])]);
                (async () => {
                  console.log(JSON.stringify(await invalid.text()), JSON.stringify(await bom.text()));
                  const first = await invalid.arrayBuffer();
                  new Uint8Array(first)[0] = 0;
                  const second = await invalid.bytes();
                  console.log(first instanceof ArrayBuffer, second instanceof Uint8Array, hex(second), second.buffer !== first);
                  second[1] = 0;
                  console.log(hex(await invalid.bytes()));
                  const promise = Blob.prototype.text.call({});
                  console.log(promise instanceof Promise, await promise.then(() => 'resolved', (e) => e.constructor.name));
                  console.log(await Blob.prototype.arrayBuffer.call(new URLSearchParams()).catch((e) => e.constructor.name));
                  console.log(attempt(() => Blob.prototype.stream.call({})), attempt(() => Blob.prototype.slice.call({})));
                })();
                """)).containsExactly(
                "\"a\uFFFDb\uFFFD\" \"a\uFEFF\"",
                "true true 61 FF 62 C3 true",
                "61 FF 62 C3",
                "true TypeError",
                "TypeError",
                "TypeError TypeError");
    }

    @Test
    void fileHasANameAndALastModifiedTime() {
        assertThat(output("""
                const before = Date.now();
                const file = new File(['content'], 'name\\ud800.txt', { type: 'Text/Plain' });
                const after = Date.now();
                console.log(file.name, file.size, file.type, file.lastModified >= before && file.lastModified <= after);
                console.log(file instanceof File, file instanceof Blob, Object.getPrototypeOf(File) === Blob,
                  Object.prototype.toString.call(file), File.length, Blob.length);
                for (const lastModified of [42, -5, 1.9, -1.9, NaN, '17', new Date(2000), 2 ** 64 + 4096, null]) {
                  console.log(new File([], 'x', { lastModified }).lastModified);
                }
                console.log(Object.keys(File.prototype).join(), Object.keys(Blob.prototype).join());
                console.log([
                  () => new File([]),
                  () => new File('x', 'name'),
                  () => File([], 'name'),
                  () => Object.getOwnPropertyDescriptor(File.prototype, 'name').get.call(new Blob()),
                  () => Object.getOwnPropertyDescriptor(Blob.prototype, 'size').get.call({}),
                ].map(attempt).join());
                show('file', new File([new Blob(['a']), 'b'], 'n', { endings: 'native' }));
                """)).containsExactly(
                "name\uFFFD.txt 7 text/plain true",
                "true true true [object File] 2 0",
                "42",
                "-5",
                "1",
                "-1",
                "0",
                "17",
                "2000",
                "4096",
                "0",
                "name,lastModified size,type,slice,stream,text,arrayBuffer,bytes",
                "TypeError,TypeError,TypeError,TypeError,TypeError",
                "file: 2 '' [61 62]");
    }

    @Test
    void structuredCloneCopiesBlobsAndFiles() {
        assertThat(output("""
                const blob = new Blob(['blob bytes'], { type: 'text/plain' });
                const file = new File(['file bytes'], 'f.txt', { type: 'a/b', lastModified: 1234 });
                const [blobCopy, fileCopy, again] = structuredClone([blob, file, blob]);
                console.log(blobCopy !== blob, blobCopy === again, blobCopy instanceof Blob, blobCopy instanceof File,
                  blobCopy.type, blobCopy.size);
                console.log(fileCopy instanceof File, fileCopy.name, fileCopy.lastModified, fileCopy.type, fileCopy.size);
                show('blob copy', blobCopy);
                show('file copy', fileCopy.slice(0, 4));
                """)).containsExactly(
                "true true true false text/plain 10",
                "true f.txt 1234 a/b 10",
                "blob copy: 10 'text/plain' [62 6C 6F 62 20 62 79 74 65 73]",
                "file copy: 4 '' [66 69 6C 65]");
    }

    /** Runs only once the global ReadableStream exists (it arrives with the streams work). */
    @Test
    void streamReadsTheBytesInChunks() {
        List<String> output = output("""
                if (typeof ReadableStream !== 'function') {
                  console.log('no ReadableStream');
                } else {
                  (async () => {
                    const bytes = new Uint8Array(200000).map((_, i) => i % 251);
                    const blob = new Blob([bytes]);
                    const reader = blob.stream().getReader();
                    let total = 0;
                    let chunks = 0;
                    let same = true;
                    for (;;) {
                      const { value, done } = await reader.read();
                      if (done) {
                        break;
                      }
                      for (let i = 0; i < value.length; i++) {
                        same &&= value[i] === (total + i) % 251;
                      }
                      total += value.length;
                      chunks++;
                    }
                    console.log(total, chunks > 1, same);
                    const byob = blob.slice(0, 10).stream().getReader({ mode: 'byob' });
                    const { value } = await byob.read(new Uint8Array(4));
                    console.log(hex(value));
                    const empty = await new Blob().stream().getReader().read();
                    console.log(empty.done);
                    const typed = await new Blob(['ab', 'c'], { type: 'x/y' }).stream().getReader().read();
                    console.log(typed.value instanceof Uint8Array, new TextDecoder().decode(typed.value));
                  })();
                }
                """);
        Assumptions.assumeFalse(output.equals(List.of("no ReadableStream")), "the global ReadableStream does not exist yet");
        assertThat(output).containsExactly("200000 true true", "00 01 02 03", "true", "true abc");
    }
}
