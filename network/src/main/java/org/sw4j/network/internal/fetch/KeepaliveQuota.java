package org.sw4j.network.internal.fetch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-flight keepalive body bytes per partition (https://fetch.spec.whatwg.org/#http-network-or-cache-fetch,
 * step 5.9): keepalive requests may carry at most {@value #LIMIT} bytes of body in flight together.
 * A reservation lasts until its fetch has its response head (or fails), a little shorter than the
 * standard's "until the fetch is done". Thread-safe.
 */
public final class KeepaliveQuota {
    /** 64 KiB, the standard's limit. */
    public static final long LIMIT = 64 * 1024;

    private final Map<String, Long> inflight = new ConcurrentHashMap<>();

    /** Reserves {@code bytes} for {@code partitionKey}; false (and nothing reserved) when over the limit. */
    public boolean reserve(String partitionKey, long bytes) {
        boolean[] granted = {false};
        inflight.compute(partitionKey, (key, current) -> {
            long used = current == null ? 0 : current;
            if (used + bytes > LIMIT) {
                return current;
            }
            granted[0] = true;
            return used + bytes;
        });
        return granted[0];
    }

    public void release(String partitionKey, long bytes) {
        inflight.computeIfPresent(partitionKey, (key, current) -> current - bytes <= 0 ? null : current - bytes);
    }
}
