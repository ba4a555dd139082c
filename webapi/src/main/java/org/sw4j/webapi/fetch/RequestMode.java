package org.sw4j.webapi.fetch;

/**
 * The request's mode (https://fetch.spec.whatwg.org/#concept-request-mode), the IDL enum {@code RequestMode}. {@code "websocket"} exists only internally and {@code "navigate"} cannot be set from {@code new Request()}.
 */
public enum RequestMode {
    NAVIGATE("navigate"),
    SAME_ORIGIN("same-origin"),
    NO_CORS("no-cors"),
    CORS("cors"),
    WEBSOCKET("websocket");

    private final String jsName;

    RequestMode(String jsName) {
        this.jsName = jsName;
    }

    /** The value as JavaScript spells it. */
    public String jsName() {
        return jsName;
    }

    /** The constant JavaScript spells {@code value}, or null when the enum has no such value. */
    public static RequestMode fromJs(String value) {
        for (RequestMode candidate : values()) {
            if (candidate.jsName.equals(value)) {
                return candidate;
            }
        }
        return null;
    }
}
