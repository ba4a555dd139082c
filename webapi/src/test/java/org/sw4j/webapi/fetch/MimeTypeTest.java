package org.sw4j.webapi.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Parsing and serializing MIME types (MIME Sniffing Standard) and Fetch's "extract a MIME type". */
class MimeTypeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "text/html;charset=gbk | text/html;charset=gbk",
        "TEXT/HTML;CHARSET=GBK | text/html;charset=GBK",
        "' text/html;charset=gbk ' | text/html;charset=gbk",
        "text/html ;charset=gbk | text/html;charset=gbk",
        "text/html; charset=gbk | text/html;charset=gbk",
        "text/html;charset= gbk | 'text/html;charset=\" gbk\"'",
        "text/html;charset=gbk;charset=windows-1255 | text/html;charset=gbk",
        "text/html;;;;charset=gbk | text/html;charset=gbk",
        "text/html;charset=\"gbk\" | text/html;charset=gbk",
        "text/html;charset=\"gbk | text/html;charset=gbk",
        "text/html;charset=\"\" | 'text/html;charset=\"\"'",
        "text/html;charset=\"\\\\\" | 'text/html;charset=\"\\\\\"'",
        "text/html;charset=\"gbk\"x | text/html;charset=gbk",
        "text/html;charset=;charset=foo | text/html;charset=foo",
        "text/html;charset | text/html",
        "text/html;charset= | text/html",
        "text/html;a=b;charset=x | text/html;a=b;charset=x",
        "text/html;test;charset=gbk | text/html;charset=gbk",
        "text/html;\u00e9=x;a=\u00ff | 'text/html;a=\"\u00ff\"'",
        "x/x;test=\"\\ | 'x/x;test=\"\\\\\"'",
        "*/* | */*",
    })
    void parsesAndSerializes(String input, String serialized) {
        assertThat(MimeType.parse(input)).isNotNull().extracting(MimeType::serialize).isEqualTo(serialized);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "text", "text/", "/html", "te xt/html", "text/ht ml", "text/html(", "\u00e9/x",
            "text /html", "x/\u0100"})
    void failsOnInvalidInput(String input) {
        assertThat(MimeType.parse(input)).isNull();
    }

    @Test
    void exposesEssenceParametersAndCharset() {
        MimeType mimeType = MimeType.parse("Text/Plain; Charset=UTF-8; format=flowed");
        assertThat(mimeType.essence()).isEqualTo("text/plain");
        assertThat(mimeType.type()).isEqualTo("text");
        assertThat(mimeType.subtype()).isEqualTo("plain");
        assertThat(mimeType.charset()).isEqualTo("UTF-8");
        assertThat(mimeType.parameters()).containsExactly(entry("charset", "UTF-8"), entry("format", "flowed"));
    }

    @Test
    void extractTakesTheLastValidValue() {
        // The Fetch Standard's examples for "extract a MIME type".
        assertThat(MimeType.extract(HeaderList.of("Content-Type", "text/plain;charset=gbk, text/html")).serialize())
                .isEqualTo("text/html");
        assertThat(MimeType.extract(HeaderList.of(
                "Content-Type", "text/html;charset=gbk;a=b, text/html;x=y")).serialize())
                .isEqualTo("text/html;x=y;charset=gbk");
        assertThat(MimeType.extract(HeaderList.of(
                "Content-Type", "text/html;charset=gbk;a=b", "Content-Type", "text/html;x=y")).serialize())
                .isEqualTo("text/html;x=y;charset=gbk");
        assertThat(MimeType.extract(HeaderList.of(
                "Content-Type", "text/html;charset=gbk", "Content-Type", "x/x", "Content-Type", "text/html;x=y"))
                .serialize()).isEqualTo("text/html;x=y");
        assertThat(MimeType.extract(HeaderList.of("Content-Type", "text/html", "Content-Type", "cannot-parse"))
                .serialize()).isEqualTo("text/html");
        assertThat(MimeType.extract(HeaderList.of("Content-Type", "text/html", "Content-Type", "*/*"))
                .serialize()).isEqualTo("text/html");
        assertThat(MimeType.extract(HeaderList.of("Content-Type", "text/html", "Content-Type", ""))
                .serialize()).isEqualTo("text/html");
    }

    @Test
    void extractFailsWithoutAUsableContentType() {
        assertThat(MimeType.extract(new HeaderList())).isNull();
        assertThat(MimeType.extract(HeaderList.of("Content-Type", "nope"))).isNull();
        assertThat(MimeType.extract(HeaderList.of("Content-Type", "*/*"))).isNull();
    }

    @Test
    void withParameterKeepsOrder() {
        MimeType mimeType = MimeType.parse("a/b;x=1;y=2").withParameter("x", "3");
        assertThat(mimeType.serialize()).isEqualTo("a/b;x=3;y=2");
    }
}
