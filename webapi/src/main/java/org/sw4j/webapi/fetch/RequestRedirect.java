package org.sw4j.webapi.fetch;

/**
 * The request's redirect mode (https://fetch.spec.whatwg.org/#concept-request-redirect-mode), the IDL enum {@code RequestRedirect}.
 */
public enum RequestRedirect {
    FOLLOW("follow"),
    ERROR("error"),
    MANUAL("manual");

    private final String jsName;

    RequestRedirect(String jsName) {
        this.jsName = jsName;
    }

    /** The value as JavaScript spells it. */
    public String jsName() {
        return jsName;
    }

    /** The constant JavaScript spells {@code value}, or null when the enum has no such value. */
    public static RequestRedirect fromJs(String value) {
        for (RequestRedirect candidate : values()) {
            if (candidate.jsName.equals(value)) {
                return candidate;
            }
        }
        return null;
    }
}
