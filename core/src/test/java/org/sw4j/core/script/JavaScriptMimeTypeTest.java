package org.sw4j.core.script;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JavaScriptMimeTypeTest {
    @ParameterizedTest
    @ValueSource(strings = {"text/javascript", "application/javascript; charset=utf-8", " TEXT/JavaScript ",
        "application/x-javascript", "text/ecmascript", "text/javascript1.5;x=y", "text/jscript"})
    void javaScriptTypesMatch(String contentType) {
        assertThat(JavaScriptMimeType.matches(contentType)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "text/html", "application/json", "text/plain", "text/javascript2", "javascript",
        "application/octet-stream", "text/x-javascripts"})
    void otherTypesDoNot(String contentType) {
        assertThat(JavaScriptMimeType.matches(contentType)).isFalse();
    }
}
