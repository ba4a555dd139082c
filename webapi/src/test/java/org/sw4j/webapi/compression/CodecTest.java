package org.sw4j.webapi.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sw4j.webapi.error.WebError;

class CodecTest {
    private static final byte[] TEXT = "sw4j compresses this. ".repeat(500).getBytes(StandardCharsets.UTF_8);

    private static byte[] run(Codec codec, byte[] input, int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < input.length; i += chunk) {
            out.writeBytes(codec.write(input, i, Math.min(chunk, input.length - i)));
        }
        out.writeBytes(codec.finish());
        codec.close();
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(CompressionFormat.class)
    void roundTripsWhateverTheChunking(CompressionFormat format) {
        byte[] compressed = run(Codec.compressor(format), TEXT, 1000);
        assertThat(compressed.length).isLessThan(TEXT.length / 10);
        for (int chunk : new int[] {1, 7, 100_000}) {
            assertThat(run(Codec.decompressor(format), compressed, chunk)).isEqualTo(TEXT);
        }
    }

    @Test
    void gzipInteroperatesWithJavaUtilZip() throws IOException {
        byte[] ours = run(Codec.compressor(CompressionFormat.GZIP), TEXT, 333);
        try (var in = new GZIPInputStream(new ByteArrayInputStream(ours))) {
            assertThat(in.readAllBytes()).isEqualTo(TEXT);
        }
        ByteArrayOutputStream theirs = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(theirs)) {
            out.write(TEXT);
        }
        assertThat(run(Codec.decompressor(CompressionFormat.GZIP), theirs.toByteArray(), 5)).isEqualTo(TEXT);
    }

    @Test
    void gzipHeadersWithOptionalFieldsAreSkipped() {
        byte[] body = run(Codec.compressor(CompressionFormat.GZIP), TEXT, TEXT.length);
        ByteArrayOutputStream withFields = new ByteArrayOutputStream();
        // FEXTRA | FNAME | FCOMMENT
        withFields.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 4 | 8 | 16, 0, 0, 0, 0, 0, 3});
        withFields.writeBytes(new byte[] {3, 0, 'a', 'b', 'c'});
        withFields.writeBytes("name.txt\0a comment\0".getBytes(StandardCharsets.ISO_8859_1));
        withFields.write(body, 10, body.length - 10);
        assertThat(run(Codec.decompressor(CompressionFormat.GZIP), withFields.toByteArray(), 3)).isEqualTo(TEXT);
    }

    @Test
    void corruptTruncatedAndTrailingInputFail() {
        byte[] gzip = run(Codec.compressor(CompressionFormat.GZIP), TEXT, TEXT.length);
        byte[] truncated = java.util.Arrays.copyOf(gzip, gzip.length - 1);
        assertThatThrownBy(() -> run(Codec.decompressor(CompressionFormat.GZIP), truncated, 100))
                .isInstanceOf(WebError.class).hasMessageContaining("ended unexpectedly");
        byte[] trailing = java.util.Arrays.copyOf(gzip, gzip.length + 1);
        assertThatThrownBy(() -> run(Codec.decompressor(CompressionFormat.GZIP), trailing, 100))
                .isInstanceOf(WebError.class).hasMessageContaining("Junk");
        byte[] badLength = gzip.clone();
        badLength[badLength.length - 1] ^= 1;
        assertThatThrownBy(() -> run(Codec.decompressor(CompressionFormat.GZIP), badLength, 100))
                .isInstanceOf(WebError.class).hasMessageContaining("length");
        assertThatThrownBy(() -> run(Codec.decompressor(CompressionFormat.DEFLATE), new byte[] {1, 2, 3}, 100))
                .isInstanceOf(WebError.class).hasMessageContaining("corrupt");
        assertThat(CompressionFormat.forName("gzip")).contains(CompressionFormat.GZIP);
        assertThat(CompressionFormat.forName("Gzip")).isEmpty();
        Codec closed = Codec.decompressor(CompressionFormat.DEFLATE_RAW);
        closed.close();
        closed.close();
        assertThatThrownBy(() -> closed.write(new byte[1], 0, 1)).isInstanceOf(WebError.class);
    }
}
