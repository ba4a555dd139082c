package org.sw4j.webapi.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sw4j.webapi.url.Url;

/** The Fetch Standard's data: URL processor, with cases from its examples and the web-platform-tests. */
class DataUrlTest {

    private static DataUrl process(String url) {
        return DataUrl.process(Url.parse(url));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "data:,Hello | text/plain;charset=US-ASCII | Hello",
        "'data:,%20a%2Cb' | text/plain;charset=US-ASCII | ' a,b'",
        "data:text/html,<p>x | text/html | <p>x",
        "data:text/plain;charset=utf-8,%C3%A9 | text/plain;charset=utf-8 | \u00e9",
        "'data:  Text/HTML  ;  x=y ,z' | text/html;x=y | z",
        "data:;charset=utf-8,x | text/plain;charset=utf-8 | x",
        "data:bogus,x | text/plain;charset=US-ASCII | x",
        "data:;base64,SGk= | text/plain;charset=US-ASCII | Hi",
        "data:text/plain;BASE64,SGk | text/plain | Hi",
        "data:text/plain; base64,SGk | text/plain | Hi",
        "data:text/plain;base64x,SGk | text/plain | SGk",
        "data:text/plain;  base64,S G k= | text/plain | Hi",
        "data:text/plain;base64 ,SGk | text/plain | Hi",
        "data:text/plain;x=base64,SGk | text/plain;x=base64 | SGk",
        "data:,a#frag | text/plain;charset=US-ASCII | a",
    })
    void processes(String url, String mimeType, String body) {
        DataUrl result = process(url);
        assertThat(result).isNotNull();
        assertThat(result.mimeType().serialize()).isEqualTo(mimeType);
        assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo(body);
    }

    @Test
    void failsWithoutAComma() {
        assertThat(process("data:text/plain")).isNull();
    }

    @Test
    void failsOnInvalidBase64() {
        assertThat(process("data:;base64,SGk=x")).isNull();
        assertThat(process("data:;base64,S")).isNull();
        assertThat(process("data:;base64,SG!k")).isNull();
        assertThat(process("data:;base64,SGk===")).isNull();
    }

    @Test
    void forgivingBase64() {
        assertThat(DataUrl.forgivingBase64Decode("")).isEmpty();
        assertThat(DataUrl.forgivingBase64Decode("YQ")).containsExactly('a');
        assertThat(DataUrl.forgivingBase64Decode("YQ==")).containsExactly('a');
        assertThat(DataUrl.forgivingBase64Decode("YQ=")).isNull();
        assertThat(DataUrl.forgivingBase64Decode(" Y\tW\nJ\fi\r ")).containsExactly('a', 'b', 'b');
        assertThat(DataUrl.forgivingBase64Decode("ab=c")).isNull();
        assertThat(DataUrl.forgivingBase64Decode("/+/+")).containsExactly(0xFF, 0xEF, 0xFE);
        assertThat(DataUrl.forgivingBase64Decode("-_")).isNull();
    }

    @Test
    void bytesAboveAsciiSurviveBase64() {
        DataUrl result = process("data:application/octet-stream;base64,AP8=");
        assertThat(result.body()).containsExactly(0x00, 0xFF);
        assertThat(result.mimeType().essence()).isEqualTo("application/octet-stream");
    }
}
