package org.sw4j.webapi.fetch;

/**
 * A referrer policy (https://w3c.github.io/webappsec-referrer-policy/#referrer-policies), the IDL enum {@code ReferrerPolicy}; {@link #EMPTY} (the empty string) means "use the default".
 */
public enum ReferrerPolicy {
    EMPTY(""),
    NO_REFERRER("no-referrer"),
    NO_REFERRER_WHEN_DOWNGRADE("no-referrer-when-downgrade"),
    SAME_ORIGIN("same-origin"),
    ORIGIN("origin"),
    STRICT_ORIGIN("strict-origin"),
    ORIGIN_WHEN_CROSS_ORIGIN("origin-when-cross-origin"),
    STRICT_ORIGIN_WHEN_CROSS_ORIGIN("strict-origin-when-cross-origin"),
    UNSAFE_URL("unsafe-url");

    private final String jsName;

    ReferrerPolicy(String jsName) {
        this.jsName = jsName;
    }

    /** The value as JavaScript spells it. */
    public String jsName() {
        return jsName;
    }

    /** The constant JavaScript spells {@code value}, or null when the enum has no such value. */
    public static ReferrerPolicy fromJs(String value) {
        for (ReferrerPolicy candidate : values()) {
            if (candidate.jsName.equals(value)) {
                return candidate;
            }
        }
        return null;
    }
}
