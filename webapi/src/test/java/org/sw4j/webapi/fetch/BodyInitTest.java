package org.sw4j.webapi.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.url.UrlSearchParams;

/** Extracting a body from each kind of {@code BodyInit}: the bytes and the implied Content-Type. */
class BodyInitTest {

    @Test
    void aStringIsUtf8TextPlain() {
        BodyWithType extracted = new BodyInit.Text("\u20ac\uD800").extract(false);
        assertThat(extracted.type()).isEqualTo("text/plain;charset=UTF-8");
        // A lone surrogate becomes U+FFFD, not '?'.
        assertThat(BodyReading.readAll(extracted.body()))
                .isEqualTo("\u20ac\uFFFD".getBytes(StandardCharsets.UTF_8));
        assertThat(extracted.body().length()).isEqualTo(6);
        assertThat(extracted.body().fromReadableStream()).isFalse();
    }

    @Test
    void searchParamsAreUrlencoded() {
        BodyWithType extracted = new BodyInit.SearchParams(new UrlSearchParams("a=b c&d=\u00e9")).extract(false);
        assertThat(extracted.type()).isEqualTo("application/x-www-form-urlencoded;charset=UTF-8");
        assertThat(new String(BodyReading.readAll(extracted.body()), StandardCharsets.US_ASCII))
                .isEqualTo("a=b+c&d=%C3%A9");
    }

    @Test
    void formDataIsMultipartWithItsBoundary() {
        FormData form = new FormData();
        form.append("a", "1");
        BodyWithType extracted = new BodyInit.Form(form).extract(false);
        MimeType type = MimeType.parse(extracted.type());
        assertThat(extracted.type()).startsWith("multipart/form-data; boundary=");
        String body = new String(BodyReading.readAll(extracted.body()), StandardCharsets.UTF_8);
        assertThat(body).startsWith("--" + type.parameters().get("boundary") + "\r\n");
    }

    @Test
    void aBlobHasItsTypeOnlyWhenNotEmpty() {
        assertThat(new BodyInit.Blob(new byte[] {1}, "image/png").extract(false).type()).isEqualTo("image/png");
        assertThat(new BodyInit.Blob(new byte[] {1}, "").extract(false).type()).isNull();
    }

    @Test
    void buffersAndStreamsHaveNoType() {
        assertThat(new BodyInit.Bytes(new byte[] {1, 2}).extract(false).type()).isNull();
        BodyWithType stream = new BodyInit.Stream(BodySource.of(new byte[] {1}), false).extract(false);
        assertThat(stream.type()).isNull();
        assertThat(stream.body().fromReadableStream()).isTrue();
        assertThat(stream.body().length()).isEqualTo(-1);
    }

    @Test
    void aStreamRefusesKeepaliveAndUnusableStreams() {
        assertThatThrownBy(() -> new BodyInit.Stream(BodySource.of(new byte[0]), false).extract(true))
                .isInstanceOf(WebError.class).hasMessageContaining("keepalive");
        assertThatThrownBy(() -> new BodyInit.Stream(BodySource.of(new byte[0]), true).extract(false))
                .isInstanceOf(WebError.class).hasMessageContaining("disturbed or locked");
        // Keepalive is fine for every other kind.
        assertThat(new BodyInit.Text("x").extract(true).type()).isNotNull();
    }

    @Test
    void withStreamKeepsLengthAndOrigin() {
        Body body = new Body(BodySource.of(new byte[] {1}), 1, true);
        Body branch = body.withStream(BodySource.of(new byte[] {1}));
        assertThat(branch.length()).isEqualTo(1);
        assertThat(branch.fromReadableStream()).isTrue();
        assertThat(branch.stream()).isNotSameAs(body.stream());
    }
}
