package org.sw4j.webapi.fetch;

/**
 * The IDL enum {@code RequestPriority} (https://fetch.spec.whatwg.org/#enumdef-requestpriority), a hint that sw4j records but does not act on.
 */
public enum RequestPriority {
    HIGH("high"),
    LOW("low"),
    AUTO("auto");

    private final String jsName;

    RequestPriority(String jsName) {
        this.jsName = jsName;
    }

    /** The value as JavaScript spells it. */
    public String jsName() {
        return jsName;
    }

    /** The constant JavaScript spells {@code value}, or null when the enum has no such value. */
    public static RequestPriority fromJs(String value) {
        for (RequestPriority candidate : values()) {
            if (candidate.jsName.equals(value)) {
                return candidate;
            }
        }
        return null;
    }
}
