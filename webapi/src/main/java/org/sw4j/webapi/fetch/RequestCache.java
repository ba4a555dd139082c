package org.sw4j.webapi.fetch;

/**
 * The request's cache mode (https://fetch.spec.whatwg.org/#concept-request-cache-mode), the IDL enum {@code RequestCache}.
 */
public enum RequestCache {
    DEFAULT("default"),
    NO_STORE("no-store"),
    RELOAD("reload"),
    NO_CACHE("no-cache"),
    FORCE_CACHE("force-cache"),
    ONLY_IF_CACHED("only-if-cached");

    private final String jsName;

    RequestCache(String jsName) {
        this.jsName = jsName;
    }

    /** The value as JavaScript spells it. */
    public String jsName() {
        return jsName;
    }

    /** The constant JavaScript spells {@code value}, or null when the enum has no such value. */
    public static RequestCache fromJs(String value) {
        for (RequestCache candidate : values()) {
            if (candidate.jsName.equals(value)) {
                return candidate;
            }
        }
        return null;
    }
}
