package org.sw4j.webapi.fetch;

/**
 * The request's credentials mode (https://fetch.spec.whatwg.org/#concept-request-credentials-mode), the IDL enum {@code RequestCredentials}.
 */
public enum RequestCredentials {
    OMIT("omit"),
    SAME_ORIGIN("same-origin"),
    INCLUDE("include");

    private final String jsName;

    RequestCredentials(String jsName) {
        this.jsName = jsName;
    }

    /** The value as JavaScript spells it. */
    public String jsName() {
        return jsName;
    }

    /** The constant JavaScript spells {@code value}, or null when the enum has no such value. */
    public static RequestCredentials fromJs(String value) {
        for (RequestCredentials candidate : values()) {
            if (candidate.jsName.equals(value)) {
                return candidate;
            }
        }
        return null;
    }
}
