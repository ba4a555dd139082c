package org.sw4j.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TextEncoder, TextDecoder (Encoding Standard) and atob/btoa (HTML's forgiving-base64). */
class EncodingTest {
    /** Script helpers: `bytes(...)` makes a Uint8Array, `hex(x)` prints bytes or a string's code points. */
    private static final String HELPERS = """
            const bytes = (...values) => new Uint8Array(values);
            const hex = (value) => typeof value === 'string'
              ? Array.from(value, (c) => c.codePointAt(0).toString(16).toUpperCase().padStart(2, '0')).join(' ')
              : Array.from(value, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
            const attempt = (fn) => { try { return fn(); } catch (e) { return `${e.constructor.name}: ${e.name}`; } };
            """;

    @TempDir
    Path dir;

    /** Runs a worker script (after the helpers) and returns its console output; it must not throw. */
    private List<String> output(String script) {
        return WorkerFixture.outputOf(dir, HELPERS + script);
    }

    @Test
    void encodeProducesUtf8WithLoneSurrogatesReplaced() {
        assertThat(output("""
                const encoder = new TextEncoder();
                console.log(encoder.encoding);
                for (const text of ['abc', 'é', '€', '😀', '\\ud800', 'a\\udc00b', '\\ud83d\\ude00\\ud83d']) {
                  console.log(hex(encoder.encode(text)));
                }
                const encoded = encoder.encode('aé');
                console.log(encoded instanceof Uint8Array, encoded.length, encoded.buffer.byteLength);
                console.log(encoder.encode().length, encoder.encode(undefined).length, hex(encoder.encode(null)), hex(encoder.encode(12)));
                """)).containsExactly(
                "utf-8",
                "61 62 63",
                "C3 A9",
                "E2 82 AC",
                "F0 9F 98 80",
                "EF BF BD",
                "61 EF BF BD 62",
                "F0 9F 98 80 EF BF BD",
                "true 3 3",
                "0 0 6E 75 6C 6C 31 32");
    }

    @Test
    void encodeIntoNeverWritesAPartialSequence() {
        assertThat(output("""
                const encoder = new TextEncoder();
                for (const size of [0, 1, 3, 4, 5]) {
                  const destination = new Uint8Array(size);
                  const { read, written } = encoder.encodeInto('😀a', destination);
                  console.log(size, read, written, hex(destination));
                }
                const destination = new Uint8Array(4);
                console.log(JSON.stringify(encoder.encodeInto('aé€', destination)), hex(destination));
                const lone = new Uint8Array(3);
                console.log(JSON.stringify(encoder.encodeInto('\\udc00', lone)), hex(lone));
                const buffer = new Uint8Array(6);
                console.log(JSON.stringify(encoder.encodeInto('xyz', buffer.subarray(2, 4))), hex(buffer));
                console.log(attempt(() => encoder.encodeInto('x', new Uint16Array(4))));
                console.log(attempt(() => encoder.encodeInto('x')));
                console.log(Object.keys(encoder.encodeInto('', new Uint8Array(0))).join());
                """)).containsExactly(
                "0 0 0 ",
                "1 0 0 00",
                "3 0 0 00 00 00",
                "4 2 4 F0 9F 98 80",
                "5 3 5 F0 9F 98 80 61",
                "{\"read\":2,\"written\":3} 61 C3 A9 00",
                "{\"read\":1,\"written\":3} EF BF BD",
                "{\"read\":2,\"written\":2} 00 00 78 79 00 00",
                "TypeError: TypeError",
                "TypeError: TypeError",
                "read,written");
    }

    @Test
    void decoderAcceptsEveryLabelOfItsEncodingsAndRejectsOthers() {
        assertThat(output("""
                const labels = ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8',
                  ' UTF-8\\n', '\\tUtF8 ', 'unicodefffe', 'utf-16be', 'csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode',
                  'unicodefeff', 'utf-16', 'UTF-16LE'];
                console.log(labels.map((label) => new TextDecoder(label).encoding).join());
                console.log(new TextDecoder().encoding, new TextDecoder(undefined).encoding);
                for (const label of ['latin1', 'windows-1252', 'shift_jis', 'replacement', 'utf-32', 'utf 8', '', null]) {
                  console.log(attempt(() => new TextDecoder(label)));
                }
                """)).containsExactly(
                "utf-8,utf-8,utf-8,utf-8,utf-8,utf-8,utf-8,utf-8,utf-16be,utf-16be,"
                        + "utf-16le,utf-16le,utf-16le,utf-16le,utf-16le,utf-16le,utf-16le",
                "utf-8 utf-8",
                "RangeError: RangeError",
                "RangeError: RangeError",
                "RangeError: RangeError",
                "RangeError: RangeError",
                "RangeError: RangeError",
                "RangeError: RangeError",
                "RangeError: RangeError",
                "RangeError: RangeError");
    }

    @Test
    void utf8DecoderReplacesMaximalSubparts() {
        // The Encoding Standard's UTF-8 decoder: one U+FFFD per maximal subpart of an ill-formed
        // sequence; a byte that cannot continue a sequence starts the next one.
        assertThat(output("""
                const decoder = new TextDecoder();
                const cases = [
                  [0x61, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80],
                  [0xF0, 0x90, 0x80, 0x41],
                  [0xED, 0xA0, 0x80],
                  [0xC0, 0x80],
                  [0xC1, 0xBF],
                  [0xE0, 0x80, 0x80],
                  [0xE0, 0xA0],
                  [0xF4, 0x90, 0x80, 0x80],
                  [0xF5, 0x41],
                  [0x80, 0xBF],
                  [0xE2, 0x82],
                  [0xC3, 0x41],
                  [0xFF, 0xFE, 0xFD],
                ];
                for (const input of cases) {
                  console.log(hex(decoder.decode(new Uint8Array(input))));
                }
                """)).containsExactly(
                "61 E9 20AC 1F600",
                "FFFD 41",
                "FFFD FFFD FFFD",
                "FFFD FFFD",
                "FFFD FFFD",
                "FFFD FFFD FFFD",
                "FFFD",
                "FFFD FFFD FFFD FFFD",
                "FFFD 41",
                "FFFD FFFD",
                "FFFD",
                "FFFD 41",
                "FFFD FFFD FFFD");
    }

    @Test
    void streamingKeepsPartialSequencesAcrossEveryByteBoundary() {
        assertThat(output("""
                const text = 'aé€😀z\\u{10FFFF}';
                const encoded = new TextEncoder().encode(text);
                const failures = [];
                for (const encoding of ['utf-8', 'utf-16le', 'utf-16be']) {
                  const input = encoding === 'utf-8' ? encoded : new Uint8Array(Array.from(text, (c) => {
                    const units = c.length === 2 ? [c.charCodeAt(0), c.charCodeAt(1)] : [c.charCodeAt(0)];
                    return units.flatMap((u) => encoding === 'utf-16le' ? [u & 0xFF, u >> 8] : [u >> 8, u & 0xFF]);
                  }).flat());
                  // Every split point, then every pair of split points.
                  for (let i = 0; i <= input.length; i++) {
                    for (let j = i; j <= input.length; j++) {
                      const decoder = new TextDecoder(encoding);
                      const result = decoder.decode(input.subarray(0, i), { stream: true })
                        + decoder.decode(input.subarray(i, j), { stream: true })
                        + decoder.decode(input.subarray(j));
                      if (result !== text) failures.push(`${encoding} ${i}/${j}: ${hex(result)}`);
                    }
                  }
                  const byByte = new TextDecoder(encoding);
                  let result = '';
                  for (let i = 0; i < input.length; i++) result += byByte.decode(input.subarray(i, i + 1), { stream: true });
                  if (result + byByte.decode() !== text) failures.push(`${encoding} byte by byte`);
                }
                console.log(encoded.length, failures.length === 0 ? 'all splits decode' : failures.join('; '));
                const decoder = new TextDecoder();
                console.log(hex(decoder.decode(bytes(0xE2, 0x82), { stream: true })), '|', hex(decoder.decode()));
                console.log(hex(decoder.decode(bytes(0xE2), { stream: true })), '|', hex(decoder.decode(bytes(0x41))));
                console.log(hex(decoder.decode(bytes(0xF0, 0x9F), { stream: true }) + decoder.decode(bytes(0x41), { stream: true })));
                console.log(hex(decoder.decode(bytes(0xC3), { stream: true })), '|', hex(decoder.decode(bytes(0xA9))));
                """)).containsExactly(
                "15 all splits decode",
                " | FFFD",
                " | FFFD 41",
                "FFFD 41",
                " | E9");
    }

    @Test
    void fatalDecodersThrowTypeErrors() {
        assertThat(output("""
                const fatal = new TextDecoder('utf-8', { fatal: true });
                console.log(fatal.fatal, new TextDecoder().fatal, fatal.decode(bytes(0xC3, 0xA9)));
                console.log(attempt(() => fatal.decode(bytes(0xC3, 0x41))));
                console.log(attempt(() => fatal.decode(bytes(0xFF))));
                console.log(hex(fatal.decode(bytes(0xE2, 0x82), { stream: true })), attempt(() => fatal.decode()));
                console.log(fatal.decode(bytes(0x6F, 0x6B)));
                const fatal16 = new TextDecoder('utf-16le', { fatal: true });
                console.log(attempt(() => fatal16.decode(bytes(0x00, 0xDC))), attempt(() => fatal16.decode(bytes(0x41))));
                console.log(attempt(() => new TextDecoder('utf-8', { fatal: 1 }).fatal), attempt(() => new TextDecoder('utf-8', 5)));
                """)).containsExactly(
                "true false é",
                "TypeError: TypeError",
                "TypeError: TypeError",
                " TypeError: TypeError",
                "ok",
                "TypeError: TypeError TypeError: TypeError",
                "true TypeError: TypeError");
    }

    @Test
    void byteOrderMarksAreDroppedOnlyAtTheStartUnlessIgnored() {
        assertThat(output("""
                const bom = [0xEF, 0xBB, 0xBF];
                console.log(hex(new TextDecoder().decode(bytes(...bom, 0x41, ...bom))));
                console.log(hex(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes(...bom, 0x41))));
                console.log(new TextDecoder().ignoreBOM, new TextDecoder('utf-8', { ignoreBOM: true }).ignoreBOM);
                const streaming = new TextDecoder();
                console.log(hex(streaming.decode(bytes(0xEF, 0xBB), { stream: true })
                  + streaming.decode(bytes(0xBF), { stream: true }) + streaming.decode(bytes(...bom, 0x42))));
                const reused = new TextDecoder();
                console.log(hex(reused.decode(bytes(...bom, 0x41))), '|', hex(reused.decode(bytes(...bom, 0x42))));
                const empty = new TextDecoder();
                console.log(hex(empty.decode(new Uint8Array(0), { stream: true }) + empty.decode(bytes(...bom))));
                console.log(hex(new TextDecoder('utf-16le').decode(bytes(0xFF, 0xFE, 0x41, 0x00))));
                console.log(hex(new TextDecoder('utf-16be').decode(bytes(0xFE, 0xFF, 0x00, 0x41))));
                console.log(hex(new TextDecoder('utf-16le').decode(bytes(0xFE, 0xFF, 0x41, 0x00))));
                """)).containsExactly(
                "41 FEFF",
                "FEFF 41",
                "false true",
                "FEFF 42",
                "41 | 42",
                "",
                "41",
                "41",
                "FFFE 41");
    }

    @Test
    void utf16DecodersPairSurrogatesAndReplaceErrors() {
        assertThat(output("""
                const le = new TextDecoder('utf-16le');
                const be = new TextDecoder('utf-16be');
                console.log(hex(le.decode(bytes(0x41, 0x00, 0xE9, 0x00, 0x3D, 0xD8, 0x00, 0xDE))));
                console.log(hex(be.decode(bytes(0x00, 0x41, 0xD8, 0x3D, 0xDE, 0x00))));
                console.log(hex(le.decode(bytes(0x3D, 0xD8, 0x41, 0x00))), '|', hex(le.decode(bytes(0x00, 0xDC, 0x41, 0x00))));
                console.log(hex(le.decode(bytes(0x41, 0x00, 0x42))), '|', hex(le.decode(bytes(0x3D, 0xD8))));
                console.log(hex(le.decode(bytes(0x3D), { stream: true })), '|', hex(le.decode(bytes(0xD8, 0x00), { stream: true })),
                  '|', hex(le.decode(bytes(0xDE))));
                """)).containsExactly(
                "41 E9 1F600",
                "41 1F600",
                "FFFD 41 | FFFD 41",
                "41 FFFD | FFFD",
                " |  | 1F600");
    }

    @Test
    void decodeAcceptsAnyBufferSource() {
        assertThat(output("""
                const decoder = new TextDecoder();
                const data = new TextEncoder().encode('xhello!');
                console.log(decoder.decode(data.buffer), decoder.decode(data.subarray(1, 6)));
                console.log(decoder.decode(new DataView(data.buffer, 1, 5)), decoder.decode(new Int8Array(data.buffer, 1, 5)));
                console.log(JSON.stringify(decoder.decode(new Uint16Array([0x6968]))), JSON.stringify(decoder.decode()));
                const view = new Uint8Array([0x41]); const detached = view.buffer; detached.transfer();
                console.log(JSON.stringify(decoder.decode(detached)), JSON.stringify(decoder.decode(view)));
                for (const input of ['text', null, {}, [0x41], 65]) {
                  console.log(attempt(() => decoder.decode(input)));
                }
                console.log(attempt(() => decoder.decode(data, 5)));
                """)).containsExactly(
                "xhello! hello",
                "hello hello",
                "\"hi\" \"\"",
                "\"\" \"\"",
                "TypeError: TypeError",
                "TypeError: TypeError",
                "TypeError: TypeError",
                "TypeError: TypeError",
                "TypeError: TypeError",
                "TypeError: TypeError");
    }

    @Test
    void largeInputsCrossChunkBoundaries() {
        assertThat(output("""
                // Surrogate pairs straddle the decoder's 8192-unit chunks at many offsets.
                const text = Array.from({ length: 30000 }, (_, i) => i % 7 === 0 ? '😀' : i % 5 === 0 ? 'é' : 'a').join('');
                const encoded = new TextEncoder().encode(text);
                const decoded = new TextDecoder().decode(encoded);
                console.log(encoded.length, decoded.length === text.length, decoded === text);
                const ascii = 'x'.repeat(100000);
                console.log(new TextDecoder().decode(new TextEncoder().encode(ascii)) === ascii);
                const binary = Array.from({ length: 20000 }, (_, i) => String.fromCharCode(i % 256)).join('');
                console.log(atob(btoa(binary)) === binary);
                """)).containsExactly("48000 true true", "true", "true");
    }

    @Test
    void encodersAndDecodersAreWebIdlInterfaces() {
        assertThat(output("""
                console.log(Object.prototype.toString.call(new TextEncoder()), Object.prototype.toString.call(new TextDecoder()));
                console.log(Object.keys(TextEncoder.prototype).join(), '|', Object.keys(TextDecoder.prototype).join());
                console.log(attempt(() => TextEncoder()), attempt(() => TextDecoder.prototype.decode.call({})));
                console.log(attempt(() => Object.getOwnPropertyDescriptor(TextDecoder.prototype, 'encoding').get.call(new TextEncoder())));
                console.log(attempt(() => TextEncoder.prototype.encode.call(undefined, 'x')));
                console.log(typeof atob, atob.length, btoa.length, 'prototype' in atob, Object.keys(globalThis).includes('TextEncoder'));
                """)).containsExactly(
                "[object TextEncoder] [object TextDecoder]",
                "encoding,encode,encodeInto | encoding,fatal,ignoreBOM,decode",
                "TypeError: TypeError TypeError: TypeError",
                "TypeError: TypeError",
                "TypeError: TypeError",
                "function 1 1 false false");
    }

    @Test
    void atobDecodesForgivingBase64() {
        assertThat(output("""
                for (const input of ['', 'YQ==', 'YQ', 'YWI=', 'YWI', 'YWJj', ' Y W\\nJ j\\t\\f\\r', '////', '+/+/', null]) {
                  console.log(JSON.stringify(input), hex(atob(input)));
                }
                for (const input of ['Y', 'YQ=', 'YQ===', 'a===', '=', 'YQ==YQ==', 'ab=c', '-_', 'YQ\\u00a0', '\\u0100AAA', undefined]) {
                  try {
                    atob(input);
                    console.log(JSON.stringify(input), 'accepted');
                  } catch (e) {
                    console.log(JSON.stringify(input), e instanceof DOMException && e.name === 'InvalidCharacterError' && e.code === 5);
                  }
                }
                console.log(attempt(() => atob()));
                """)).containsExactly(
                "\"\" ",
                "\"YQ==\" 61",
                "\"YQ\" 61",
                "\"YWI=\" 61 62",
                "\"YWI\" 61 62",
                "\"YWJj\" 61 62 63",
                "\" Y W\\nJ j\\t\\f\\r\" 61 62 63",
                "\"////\" FF FF FF",
                "\"+/+/\" FB FF BF",
                "null 9E E9 65",
                "\"Y\" true",
                "\"YQ=\" true",
                "\"YQ===\" true",
                "\"a===\" true",
                "\"=\" true",
                "\"YQ==YQ==\" true",
                "\"ab=c\" true",
                "\"-_\" true",
                "\"YQ\u00a0\" true",
                "\"\u0100AAA\" true",
                // undefined becomes the string "undefined", whose length leaves a remainder of 1.
                "undefined true",
                "TypeError: TypeError");
    }

    @Test
    void btoaEncodesLatin1Strings() {
        assertThat(output("""
                for (const input of ['', 'a', 'ab', 'abc', 'abcd', '\\xff\\xfe\\xfd', 'é', null, 42]) {
                  console.log(JSON.stringify(input), btoa(input));
                }
                for (const input of ['\\u0100', '€', '😀']) {
                  try {
                    btoa(input);
                    console.log(input, 'accepted');
                  } catch (e) {
                    console.log(input, e instanceof DOMException && e.name === 'InvalidCharacterError' && e.code === 5);
                  }
                }
                const all = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');
                console.log(atob(btoa(all)) === all, btoa(all).length);
                """)).containsExactly(
                "\"\" ",
                "\"a\" YQ==",
                "\"ab\" YWI=",
                "\"abc\" YWJj",
                "\"abcd\" YWJjZA==",
                "\"ÿþý\" //79",
                "\"é\" 6Q==",
                "null bnVsbA==",
                "42 NDI=",
                "Ā true",
                "€ true",
                "😀 true",
                "true 344");
    }
}
