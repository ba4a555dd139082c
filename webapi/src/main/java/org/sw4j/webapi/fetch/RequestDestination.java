package org.sw4j.webapi.fetch;

/**
 * The request's destination (https://fetch.spec.whatwg.org/#concept-request-destination), the IDL enum {@code RequestDestination}; {@link #EMPTY} is the empty string, the destination of {@code fetch()}.
 */
public enum RequestDestination {
    EMPTY(""),
    AUDIO("audio"),
    AUDIOWORKLET("audioworklet"),
    DOCUMENT("document"),
    EMBED("embed"),
    FONT("font"),
    FRAME("frame"),
    IFRAME("iframe"),
    IMAGE("image"),
    JSON("json"),
    MANIFEST("manifest"),
    OBJECT("object"),
    PAINTWORKLET("paintworklet"),
    REPORT("report"),
    SCRIPT("script"),
    SHAREDWORKER("sharedworker"),
    STYLE("style"),
    TRACK("track"),
    VIDEO("video"),
    WORKER("worker"),
    XSLT("xslt");

    private final String jsName;

    RequestDestination(String jsName) {
        this.jsName = jsName;
    }

    /** The value as JavaScript spells it. */
    public String jsName() {
        return jsName;
    }

    /** The constant JavaScript spells {@code value}, or null when the enum has no such value. */
    public static RequestDestination fromJs(String value) {
        for (RequestDestination candidate : values()) {
            if (candidate.jsName.equals(value)) {
                return candidate;
            }
        }
        return null;
    }
}
