package org.sw4j.core.spi.cache;

import java.util.Objects;

/**
 * Which stored request URLs a {@link CacheStore#entries(CacheHandle, UrlLookup)} lookup wants:
 * those whose URL without its query equals {@code urlWithoutQuery} and, unless {@code anyQuery},
 * whose query equals {@code query} (null: no query at all; "": a bare {@code ?}). URLs have no
 * fragment.
 */
public record UrlLookup(String urlWithoutQuery, String query, boolean anyQuery) {
    public UrlLookup {
        Objects.requireNonNull(urlWithoutQuery, "urlWithoutQuery");
        if (urlWithoutQuery.indexOf('?') >= 0 || urlWithoutQuery.indexOf('#') >= 0) {
            throw new IllegalArgumentException("not a URL without query and fragment: " + urlWithoutQuery);
        }
        if (anyQuery && query != null) {
            throw new IllegalArgumentException("a lookup for any query names none");
        }
    }

    /** Exactly {@code url} (a URL without fragment). */
    public static UrlLookup exact(String url) {
        int q = url.indexOf('?');
        return q < 0 ? new UrlLookup(url, null, false) : new UrlLookup(url.substring(0, q), url.substring(q + 1), false);
    }

    /** {@code url} with any query or none (ignoreSearch). */
    public static UrlLookup ignoringQuery(String url) {
        int q = url.indexOf('?');
        return new UrlLookup(q < 0 ? url : url.substring(0, q), null, true);
    }

    /** Whether a stored request URL (without fragment) is one this lookup wants. */
    public boolean matches(String url) {
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        if (!path.equals(urlWithoutQuery)) {
            return false;
        }
        return anyQuery || Objects.equals(query, q < 0 ? null : url.substring(q + 1));
    }
}
