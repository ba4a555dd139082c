package org.sw4j.core.spi;

import java.util.Objects;

/**
 * A service worker client as a worker sees it ({@code Client} / {@code WindowClient}): a snapshot
 * taken when the worker asked.
 *
 * @param id the client's id (a UUID string)
 * @param url the client's creation URL, serialized
 * @param type window, worker or sharedworker (never {@link ClientType#ALL})
 * @param frameType {@code "top-level"}, {@code "nested"}, {@code "auxiliary"} or {@code "none"}
 * @param visibilityState {@code "visible"} or {@code "hidden"} (windows; {@code "hidden"} otherwise)
 * @param focused whether the window has focus (false for other types)
 */
public record ClientInfo(String id, String url, ClientType type, String frameType, String visibilityState,
        boolean focused) {
    public ClientInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(frameType, "frameType");
        Objects.requireNonNull(visibilityState, "visibilityState");
        if (type == ClientType.ALL) {
            throw new IllegalArgumentException("a client's type is never 'all'");
        }
    }
}
