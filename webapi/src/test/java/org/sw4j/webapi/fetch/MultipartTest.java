package org.sw4j.webapi.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.sw4j.webapi.error.WebError;

/** {@code FormData}, its {@code multipart/form-data} codec and its urlencoded reading. */
class MultipartTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Nested
    class FormDataClass {
        @Test
        void appendGetGetAllHasDeleteSet() {
            FormData form = new FormData();
            form.append("a", "1");
            form.append("b", "2");
            form.append("a", "3");
            assertThat(form.get("a")).isEqualTo(new FormDataEntryValue.Text("1"));
            assertThat(form.getAll("a")).containsExactly(
                    new FormDataEntryValue.Text("1"), new FormDataEntryValue.Text("3"));
            assertThat(form.has("b")).isTrue();
            assertThat(form.get("c")).isNull();
            form.set("a", "4");
            assertThat(form.entries()).extracting(FormData.Entry::name).containsExactly("a", "b");
            assertThat(form.get("a")).isEqualTo(new FormDataEntryValue.Text("4"));
            form.delete("a");
            assertThat(form.has("a")).isFalse();
            form.set("c", "5");
            assertThat(form.entries()).extracting(FormData.Entry::name).containsExactly("b", "c");
        }

        @Test
        void aBlobBecomesAFileNamedBlob() {
            FormData form = new FormData();
            form.append("f", FormDataEntryValue.File.fromBlob(bytes("x"), "text/plain", 42), null);
            FormDataEntryValue.File file = (FormDataEntryValue.File) form.get("f");
            assertThat(file.name()).isEqualTo("blob");
            assertThat(file.lastModified()).isEqualTo(42);
        }

        @Test
        void aFilenameRenamesTheFileKeepingTypeAndTime() {
            FormData form = new FormData();
            form.append("f", new FormDataEntryValue.File(bytes("x"), "a.txt", "text/plain", 7), "b.txt");
            assertThat(form.get("f")).isEqualTo(new FormDataEntryValue.File(bytes("x"), "b.txt", "text/plain", 7));
        }

        @Test
        void namesAndValuesBecomeScalarValueStrings() {
            FormData form = new FormData();
            form.append("a\uD800", "b\uDC00");
            assertThat(form.entries().getFirst())
                    .isEqualTo(new FormData.Entry("a\uFFFD", new FormDataEntryValue.Text("b\uFFFD")));
        }
    }

    @Nested
    class Serializer {
        @Test
        void writesPartsAsHtmlSays() {
            FormData form = new FormData();
            form.append("field", "va\nlue\r");
            form.append("na\"me\n", new FormDataEntryValue.File(bytes("\u00e9"), "f\"\r.txt", "", 0), null);
            String body = text(MultipartFormData.serialize(form, "BOUNDARY"));
            assertThat(body).isEqualTo("""
                    --BOUNDARY\r
                    Content-Disposition: form-data; name="field"\r
                    \r
                    va\r
                    lue\r
                    \r
                    --BOUNDARY\r
                    Content-Disposition: form-data; name="na%22me%0D%0A"; filename="f%22%0D.txt"\r
                    Content-Type: application/octet-stream\r
                    \r
                    \u00e9\r
                    --BOUNDARY--\r
                    """);
        }

        @Test
        void anEmptyFormIsJustTheCloseDelimiter() {
            assertThat(text(MultipartFormData.serialize(new FormData(), "b"))).isEqualTo("--b--\r\n");
        }

        @Test
        void boundariesAreFreshAndValidMimeParameters() {
            String a = MultipartFormData.newBoundary();
            assertThat(a).isNotEqualTo(MultipartFormData.newBoundary()).hasSizeGreaterThan(30);
            assertThat(MimeType.parse("multipart/form-data; boundary=" + a).parameters().get("boundary"))
                    .isEqualTo(a);
        }

        @Test
        void extractingAFormDataGivesAMatchingContentType() {
            FormData form = new FormData();
            form.append("a", "b");
            BodyWithType extracted = new BodyInit.Form(form).extract(false);
            MimeType type = MimeType.parse(extracted.type());
            assertThat(type.essence()).isEqualTo("multipart/form-data");
            FormData back = FormData.fromBody(BodyReading.readAll(extracted.body()), type, 0);
            assertThat(back.entries()).isEqualTo(form.entries());
        }
    }

    @Nested
    class Parser {
        @Test
        void roundTripsTextAndFiles() {
            FormData form = new FormData();
            form.append("text", "h\u00e9llo\r\nworld");
            form.append("na\"me\n", "v");
            form.append("file", new FormDataEntryValue.File(bytes("--b\r\ncontent"), "x\".bin", "image/png", 0), null);
            form.append("untyped", new FormDataEntryValue.File(new byte[0], "e", "", 0), null);
            byte[] body = MultipartFormData.serialize(form, "b");
            FormData parsed = MultipartFormData.parse(body, "b", 99);
            assertThat(parsed.entries()).containsExactly(
                    new FormData.Entry("text", new FormDataEntryValue.Text("h\u00e9llo\r\nworld")),
                    new FormData.Entry("na\"me\r\n", new FormDataEntryValue.Text("v")),
                    new FormData.Entry("file",
                            new FormDataEntryValue.File(bytes("--b\r\ncontent"), "x\".bin", "image/png", 99)),
                    new FormData.Entry("untyped",
                            new FormDataEntryValue.File(new byte[0], "e", "application/octet-stream", 99)));
        }

        @Test
        void toleratesPreambleEpilogueBareLfAndHeaderCase() {
            String body = "preamble\n--xyz\ncontent-disposition: Form-Data; NAME=\"a\"\n\n1\n--xyz  \r\n"
                    + "CONTENT-DISPOSITION: form-data; name=b; filename=f.txt\r\n\r\n2\r\n--xyz--\r\nepilogue";
            FormData parsed = MultipartFormData.parse(bytes(body), "xyz", 0);
            assertThat(parsed.entries()).containsExactly(
                    new FormData.Entry("a", new FormDataEntryValue.Text("1")),
                    new FormData.Entry("b", new FormDataEntryValue.File(bytes("2"), "f.txt", "text/plain", 0)));
        }

        @Test
        void aPartWithoutFilenameIsUtf8TextWhateverItsCharset() {
            String body = "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n"
                    + "Content-Type: text/plain; charset=windows-1252\r\n\r\n\u00e9\r\n--b--";
            FormData parsed = MultipartFormData.parse(bytes(body), "b", 0);
            assertThat(parsed.get("a")).isEqualTo(new FormDataEntryValue.Text("\u00e9"));
        }

        @Test
        void aDelimiterPrefixInsideContentIsContent() {
            String body = "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--bb\r\n--b--";
            assertThat(MultipartFormData.parse(bytes(body), "b", 0).get("a"))
                    .isEqualTo(new FormDataEntryValue.Text("x\r\n--bb"));
        }

        @Test
        void malformedBodiesAreTypeErrors() {
            assertMalformed("no delimiter here");
            assertMalformed("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated");
            assertMalformed("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--");
            assertMalformed("--b\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--b--");
            assertMalformed("--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--");
            assertMalformed("--b\r\nContent-Disposition: form-data; name=a");
        }

        private void assertMalformed(String body) {
            assertThatThrownBy(() -> MultipartFormData.parse(bytes(body), "b", 0))
                    .isInstanceOfSatisfying(WebError.class, e -> assertThat(e.jsName()).isEqualTo("TypeError"))
                    .hasMessageStartingWith("Could not parse content as FormData");
        }
    }

    @Nested
    class FromBody {
        @Test
        void urlencodedBodiesAreParsedAsBytes() {
            FormData form = FormData.fromBody(bytes("a=b+c&%C3%A9=%E2%82%AC&&d&=e"),
                    MimeType.parse("application/x-www-form-urlencoded;charset=UTF-8"), 0);
            assertThat(form.entries()).containsExactly(
                    new FormData.Entry("a", new FormDataEntryValue.Text("b c")),
                    new FormData.Entry("\u00e9", new FormDataEntryValue.Text("\u20ac")),
                    new FormData.Entry("d", new FormDataEntryValue.Text("")),
                    new FormData.Entry("", new FormDataEntryValue.Text("e")));
        }

        @Test
        void rawAndEscapedBytesCombineBeforeDecoding() {
            byte[] body = {'a', '=', (byte) 0xC3, '%', 'A', '9'};
            FormData form = FormData.fromBody(body, MimeType.parse("application/x-www-form-urlencoded"), 0);
            assertThat(form.get("a")).isEqualTo(new FormDataEntryValue.Text("\u00e9"));
        }

        @Test
        void otherTypesAndMissingBoundaryAreTypeErrors() {
            assertThatThrownBy(() -> FormData.fromBody(bytes("x"), MimeType.parse("text/plain"), 0))
                    .isInstanceOf(WebError.class).hasMessage("Could not parse content as FormData.");
            assertThatThrownBy(() -> FormData.fromBody(bytes("x"), null, 0)).isInstanceOf(WebError.class);
            assertThatThrownBy(() -> FormData.fromBody(bytes("x"), MimeType.parse("multipart/form-data"), 0))
                    .isInstanceOf(WebError.class).hasMessageContaining("no boundary");
        }
    }
}
