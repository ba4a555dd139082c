package org.sw4j.core.spi.cache;

import java.util.List;
import java.util.Objects;

/**
 * The response half of a stored entry: the internal (unfiltered) response's members and the type
 * of the filtered response that was put, so the same view can be rebuilt on match.
 *
 * @param type the response's type as JavaScript names it: basic, cors, default, opaque,
 *     opaqueredirect (error responses are never stored)
 * @param status the internal response's status
 * @param statusText the internal response's status message
 * @param urlList the internal response's URL list, serialized (empty for a constructed response)
 * @param headers the internal response's header list, in order
 * @param corsExposedHeaderNames for a cors response, the header names its filter exposes
 * @param rangeRequested the internal response's range-requested flag
 * @param requestIncludesCredentials the internal response's request-includes-credentials flag
 * @param bodyId the stored body's id, or -1 for a null body
 * @param bodySize the stored body's length in bytes (0 for a null body)
 */
public record CachedResponse(
        String type,
        int status,
        String statusText,
        List<String> urlList,
        List<HeaderRow> headers,
        List<String> corsExposedHeaderNames,
        boolean rangeRequested,
        boolean requestIncludesCredentials,
        long bodyId,
        long bodySize) {

    public CachedResponse {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(statusText, "statusText");
        urlList = List.copyOf(urlList);
        headers = List.copyOf(headers);
        corsExposedHeaderNames = List.copyOf(corsExposedHeaderNames);
    }

    /** The same row with its body set (what a store does when it commits a put). */
    public CachedResponse withBody(long id, long size) {
        return new CachedResponse(type, status, statusText, urlList, headers, corsExposedHeaderNames, rangeRequested,
                requestIncludesCredentials, id, size);
    }

    /** The value of the headers named {@code name}, combined; null if none. */
    public String header(String name) {
        return HeaderRow.combined(headers, name);
    }
}
