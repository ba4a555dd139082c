package org.sw4j.core.spi.cache;

import java.util.List;
import java.util.Objects;

/**
 * The request half of a stored entry: what Cache Storage keeps of a request (never its body).
 *
 * @param url the request's URL, serialized, without fragment
 * @param method the request's method
 * @param headers the request's header list, in order (names as given)
 * @param mode, credentials, cache, redirect, referrer, referrerPolicy, integrity, destination the
 *     request's other members, as their JavaScript strings ("" when empty), so that
 *     {@code cache.keys()} hands back requests like the ones put
 */
public record CachedRequest(
        String url,
        String method,
        List<HeaderRow> headers,
        String mode,
        String credentials,
        String cache,
        String redirect,
        String referrer,
        String referrerPolicy,
        String integrity,
        String destination) {

    public CachedRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(method, "method");
        headers = List.copyOf(headers);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(redirect, "redirect");
        Objects.requireNonNull(referrer, "referrer");
        Objects.requireNonNull(referrerPolicy, "referrerPolicy");
        Objects.requireNonNull(integrity, "integrity");
        Objects.requireNonNull(destination, "destination");
        if (url.indexOf('#') >= 0) {
            throw new IllegalArgumentException("a cached request's URL has no fragment: " + url);
        }
    }

    /** The URL without its query ({@code ?} and after). */
    public String urlWithoutQuery() {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** The URL's query without the {@code ?}; null when it has none. */
    public String query() {
        int q = url.indexOf('?');
        return q < 0 ? null : url.substring(q + 1);
    }

    /** The value of the first header named {@code name} (case-insensitive) combined as Fetch combines; null if none. */
    public String header(String name) {
        return HeaderRow.combined(headers, name);
    }
}
