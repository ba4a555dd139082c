package org.sw4j.network.internal.fetch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sw4j.webapi.fetch.HeaderNames;

/**
 * The CORS-preflight cache (https://fetch.spec.whatwg.org/#concept-cache): what successful
 * preflights allowed, per key (network partition key, serialized request origin, URL, whether
 * credentials were included), method by method and header name by header name, each until its
 * max-age passes on the injected clock. In memory; entries expire, and are dropped lazily.
 *
 * <p>"*" entries match any method or (non-{@code Authorization}) header name only in entries made
 * without credentials: the standard's cache entry match would let a credentialed entry's "*"
 * match too, though a credentialed preflight never honours "*".
 *
 * <p>Thread-safe.
 */
public final class CorsPreflightCache {
    /** A cache key (https://fetch.spec.whatwg.org/#concept-cache-match). */
    public record Key(String partitionKey, String serializedOrigin, String url, boolean credentials) {
    }

    private record Entry(Map<String, Instant> methods, Map<String, Instant> headerNames) {
    }

    private final Clock clock;
    private final Duration maxAgeLimit;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    /**
     * @param maxAgeLimit the imposed limit on max-age (https://fetch.spec.whatwg.org/#cors-preflight-fetch-0, step 7.11)
     */
    public CorsPreflightCache(Clock clock, Duration maxAgeLimit) {
        this.clock = clock;
        this.maxAgeLimit = maxAgeLimit;
    }

    /** Whether there is a method cache entry match (https://fetch.spec.whatwg.org/#concept-cache-match-method). */
    public boolean matchesMethod(Key key, String method) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return false;
        }
        Instant now = clock.instant();
        return alive(entry.methods().get(method), now) || !key.credentials() && alive(entry.methods().get("*"), now);
    }

    /** Whether there is a header-name cache entry match (https://fetch.spec.whatwg.org/#concept-cache-match-header). */
    public boolean matchesHeaderName(Key key, String headerName) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return false;
        }
        Instant now = clock.instant();
        String lower = headerName.toLowerCase(Locale.ROOT);
        return alive(entry.headerNames().get(lower), now) || !key.credentials()
                && !HeaderNames.isCorsNonWildcardRequestHeaderName(lower) && alive(entry.headerNames().get("*"), now);
    }

    /**
     * Records what a preflight allowed (https://fetch.spec.whatwg.org/#cors-preflight-fetch-0, steps
     * 7.13 and 7.14): each method and header name for {@code maxAgeSeconds}, capped at the limit.
     */
    public void store(Key key, Iterable<String> methods, Iterable<String> headerNames, long maxAgeSeconds) {
        long seconds = Math.min(Math.max(maxAgeSeconds, 0), maxAgeLimit.toSeconds());
        if (seconds == 0) {
            return;
        }
        Instant expiry = clock.instant().plusSeconds(seconds);
        Entry entry = entries.computeIfAbsent(key, k -> new Entry(new ConcurrentHashMap<>(), new ConcurrentHashMap<>()));
        for (String method : methods) {
            entry.methods().put(method, expiry);
        }
        for (String name : headerNames) {
            entry.headerNames().put(name.toLowerCase(Locale.ROOT), expiry);
        }
    }

    /** Implements clear cache entries (https://fetch.spec.whatwg.org/#concept-cache-clear): with and without credentials. */
    public void clear(Key key) {
        entries.remove(new Key(key.partitionKey(), key.serializedOrigin(), key.url(), true));
        entries.remove(new Key(key.partitionKey(), key.serializedOrigin(), key.url(), false));
    }

    private static boolean alive(Instant expiry, Instant now) {
        return expiry != null && now.isBefore(expiry);
    }
}
