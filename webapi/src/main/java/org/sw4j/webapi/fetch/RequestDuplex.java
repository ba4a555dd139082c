package org.sw4j.webapi.fetch;

/**
 * The IDL enum {@code RequestDuplex} (https://fetch.spec.whatwg.org/#enumdef-requestduplex): only "half" exists today.
 */
public enum RequestDuplex {
    HALF("half");

    private final String jsName;

    RequestDuplex(String jsName) {
        this.jsName = jsName;
    }

    /** The value as JavaScript spells it. */
    public String jsName() {
        return jsName;
    }

    /** The constant JavaScript spells {@code value}, or null when the enum has no such value. */
    public static RequestDuplex fromJs(String value) {
        for (RequestDuplex candidate : values()) {
            if (candidate.jsName.equals(value)) {
                return candidate;
            }
        }
        return null;
    }
}
