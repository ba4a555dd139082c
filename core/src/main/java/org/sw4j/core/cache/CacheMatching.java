package org.sw4j.core.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sw4j.core.spi.cache.CachedRequest;
import org.sw4j.core.spi.cache.CachedResponse;
import org.sw4j.core.spi.cache.HeaderRow;

/** The Cache API's matching rule, with no I/O. */
public final class CacheMatching {
    private CacheMatching() {}

    /**
     * Request Matches Cached Item (https://w3c.github.io/ServiceWorker/#request-matches-cached-item-algorithm):
     * whether the cached {@code request} (with its {@code response}, or null) answers
     * {@code requestQuery} under {@code options}. URLs compare without fragments (stored URLs have
     * none; the query's is dropped here); {@code ignoreSearch} drops both queries; unless
     * {@code ignoreVary}, every field the response's {@code Vary} names must have the same combined
     * value in both requests' header lists, and {@code Vary: *} never matches.
     */
    public static boolean requestMatchesCachedItem(CachedRequest requestQuery, CachedRequest request,
            CachedResponse response, CacheQueryOptions options) {
        if (!options.ignoreMethod() && !request.method().equals("GET")) {
            return false;
        }
        String queryUrl = withoutFragment(requestQuery.url());
        String cachedUrl = request.url();
        if (options.ignoreSearch()) {
            queryUrl = withoutQuery(queryUrl);
            cachedUrl = withoutQuery(cachedUrl);
        }
        if (!queryUrl.equals(cachedUrl)) {
            return false;
        }
        if (response == null || options.ignoreVary()) {
            return true;
        }
        String vary = response.header("vary");
        if (vary == null) {
            return true;
        }
        for (String fieldValue : varyFields(vary)) {
            if (fieldValue.equals("*")) {
                return false;
            }
            if (!Objects.equals(HeaderRow.combined(request.headers(), fieldValue),
                    HeaderRow.combined(requestQuery.headers(), fieldValue))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a response's {@code Vary} (combined value, or null) names {@code *}. */
    public static boolean varyHasStar(String vary) {
        return vary != null && varyFields(vary).contains("*");
    }

    /** The field names a {@code Vary} value lists: comma-separated, HTTP whitespace trimmed, empty ones dropped. */
    static List<String> varyFields(String vary) {
        List<String> fields = new ArrayList<>();
        for (String part : vary.split(",", -1)) {
            String field = part.strip();
            if (!field.isEmpty()) {
                fields.add(field);
            }
        }
        return fields;
    }

    static String withoutFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }

    static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
