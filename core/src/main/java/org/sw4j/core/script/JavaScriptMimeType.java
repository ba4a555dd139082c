package org.sw4j.core.script;

import java.util.Locale;
import java.util.Set;

/**
 * The MIME Sniffing Standard's "JavaScript MIME type" test, used by the strict MIME type check
 * for worker scripts, imported scripts and module scripts.
 */
public final class JavaScriptMimeType {
    private static final Set<String> ESSENCES = Set.of(
            "application/ecmascript", "application/javascript", "application/x-ecmascript",
            "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
            "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
            "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript",
            "text/x-javascript");

    private JavaScriptMimeType() {
    }

    /**
     * Whether a Content-Type header value's essence (type/subtype, parameters dropped, ASCII
     * lower-cased, HTTP whitespace trimmed) is a JavaScript MIME type essence match.
     */
    public static boolean matches(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String essence = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip().toLowerCase(Locale.ROOT);
        return ESSENCES.contains(essence);
    }
}
