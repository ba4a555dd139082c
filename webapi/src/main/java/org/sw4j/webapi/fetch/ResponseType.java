package org.sw4j.webapi.fetch;

/**
 * A response's type (https://fetch.spec.whatwg.org/#concept-response-type), the IDL enum {@code ResponseType}.
 */
public enum ResponseType {
    BASIC("basic"),
    CORS("cors"),
    DEFAULT("default"),
    ERROR("error"),
    OPAQUE("opaque"),
    OPAQUEREDIRECT("opaqueredirect");

    private final String jsName;

    ResponseType(String jsName) {
        this.jsName = jsName;
    }

    /** The value as JavaScript spells it. */
    public String jsName() {
        return jsName;
    }

    /** The constant JavaScript spells {@code value}, or null when the enum has no such value. */
    public static ResponseType fromJs(String value) {
        for (ResponseType candidate : values()) {
            if (candidate.jsName.equals(value)) {
                return candidate;
            }
        }
        return null;
    }
}
