package org.sw4j.core.spi;

import java.util.Objects;

/**
 * A registration's navigation preload state, as {@code NavigationPreloadManager.getState()}
 * answers it ({@code NavigationPreloadState}).
 *
 * @param enabled the navigation preload enabled flag
 * @param headerValue the navigation preload header value
 */
public record NavigationPreloadState(boolean enabled, String headerValue) {
    public NavigationPreloadState {
        Objects.requireNonNull(headerValue, "headerValue");
    }
}
