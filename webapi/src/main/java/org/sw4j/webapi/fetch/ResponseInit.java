package org.sw4j.webapi.fetch;

/**
 * A {@code ResponseInit} dictionary (https://fetch.spec.whatwg.org/#responseinit) after conversion.
 *
 * @param status the {@code status} member (default 200)
 * @param statusText the {@code statusText} member, a byte string (default "")
 * @param headers the {@code headers} member as (name, value) pairs in order, or null when absent
 */
public record ResponseInit(int status, String statusText, java.util.List<Header> headers) {

    /** The defaults: status 200, empty status text, no headers. */
    public static final ResponseInit DEFAULT = new ResponseInit(200, "", null);

    public ResponseInit {
        if (statusText == null) {
            statusText = "";
        }
    }
}
