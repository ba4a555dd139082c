package org.sw4j.webapi.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Fetch enumerations carry the IDL's strings exactly; unknown strings map to null. */
class EnumerationsTest {

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(value -> switch (value) {
            case RequestMode v -> v.jsName();
            case RequestCredentials v -> v.jsName();
            case RequestCache v -> v.jsName();
            case RequestRedirect v -> v.jsName();
            case ReferrerPolicy v -> v.jsName();
            case RequestDestination v -> v.jsName();
            case RequestDuplex v -> v.jsName();
            case RequestPriority v -> v.jsName();
            case ResponseType v -> v.jsName();
            default -> throw new AssertionError(value);
        }).toList();
    }

    @Test
    void idlValues() {
        assertThat(names(RequestMode.values()))
                .containsExactly("navigate", "same-origin", "no-cors", "cors", "websocket");
        assertThat(names(RequestCredentials.values())).containsExactly("omit", "same-origin", "include");
        assertThat(names(RequestCache.values()))
                .containsExactly("default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached");
        assertThat(names(RequestRedirect.values())).containsExactly("follow", "error", "manual");
        assertThat(names(ReferrerPolicy.values())).containsExactly("", "no-referrer", "no-referrer-when-downgrade",
                "same-origin", "origin", "strict-origin", "origin-when-cross-origin",
                "strict-origin-when-cross-origin", "unsafe-url");
        assertThat(names(RequestDestination.values())).containsExactly("", "audio", "audioworklet", "document",
                "embed", "font", "frame", "iframe", "image", "json", "manifest", "object", "paintworklet", "report",
                "script", "sharedworker", "style", "track", "video", "worker", "xslt");
        assertThat(names(RequestDuplex.values())).containsExactly("half");
        assertThat(names(RequestPriority.values())).containsExactly("high", "low", "auto");
        assertThat(names(ResponseType.values()))
                .containsExactly("basic", "cors", "default", "error", "opaque", "opaqueredirect");
    }

    @Test
    void fromJsIsExactAndCaseSensitive() {
        assertThat(RequestMode.fromJs("no-cors")).isEqualTo(RequestMode.NO_CORS);
        assertThat(RequestMode.fromJs("NO-CORS")).isNull();
        assertThat(RequestMode.fromJs("no_cors")).isNull();
        assertThat(ReferrerPolicy.fromJs("")).isEqualTo(ReferrerPolicy.EMPTY);
        assertThat(RequestDestination.fromJs("")).isEqualTo(RequestDestination.EMPTY);
        assertThat(RequestCache.fromJs("only-if-cached")).isEqualTo(RequestCache.ONLY_IF_CACHED);
        assertThat(ResponseType.fromJs("opaqueredirect")).isEqualTo(ResponseType.OPAQUEREDIRECT);
        assertThat(RequestDuplex.fromJs("full")).isNull();
        assertThat(RequestCredentials.fromJs(null)).isNull();
    }
}
