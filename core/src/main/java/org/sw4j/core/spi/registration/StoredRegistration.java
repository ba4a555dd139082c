package org.sw4j.core.spi.registration;

import java.time.Instant;
import java.util.Objects;

/**
 * A service worker registration as stored. Only registrations with an installed worker are stored
 * (a registration whose first install has not finished is lost by a restart, as in browsers).
 *
 * @param storageKey the storage key (the serialized origin) the registration belongs to
 * @param scope the scope URL, serialized; with {@code storageKey}, the registration's identity
 * @param updateViaCache {@code "imports"}, {@code "all"} or {@code "none"}
 * @param lastUpdateCheck when the last update check fetched the script from the network, or null
 * @param active the active worker, or null
 * @param waiting the waiting worker, or null
 * @param navigationPreloadEnabled the registration's navigation preload enabled flag
 * @param navigationPreloadHeaderValue its navigation preload header value (a header value; {@code "true"}
 *     unless a worker set another)
 */
public record StoredRegistration(String storageKey, String scope, String updateViaCache, Instant lastUpdateCheck,
        StoredVersion active, StoredVersion waiting, boolean navigationPreloadEnabled,
        String navigationPreloadHeaderValue) {
    /** The navigation preload header value of a registration no worker changed it for. */
    public static final String DEFAULT_NAVIGATION_PRELOAD_HEADER_VALUE = "true";

    public StoredRegistration {
        Objects.requireNonNull(storageKey, "storageKey");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(updateViaCache, "updateViaCache");
        Objects.requireNonNull(navigationPreloadHeaderValue, "navigationPreloadHeaderValue");
        if (active == null && waiting == null) {
            throw new IllegalArgumentException("a stored registration has an active or a waiting worker");
        }
    }

    /** A registration with navigation preload disabled and the default header value. */
    public StoredRegistration(String storageKey, String scope, String updateViaCache, Instant lastUpdateCheck,
            StoredVersion active, StoredVersion waiting) {
        this(storageKey, scope, updateViaCache, lastUpdateCheck, active, waiting, false,
                DEFAULT_NAVIGATION_PRELOAD_HEADER_VALUE);
    }
}
