package org.sw4j.core.spi;

import java.util.Objects;

/**
 * A promise still extending an event's lifetime (passed to {@code waitUntil()} or
 * {@code respondWith()} and not settled yet): what a worker stuck in "installing" (or holding up
 * activation) is waiting for.
 *
 * @param eventType the event's type ({@code "install"}, {@code "fetch"}, ...)
 * @param method {@code "waitUntil"} or {@code "respondWith"}
 * @param createdAt where the method was called: {@code script-url:line:column}, or the first
 *     line of the JavaScript stack when that is all there is
 * @param sinceMillis how long ago it was added, in milliseconds
 */
public record PendingExtension(String eventType, String method, String createdAt, long sinceMillis) {
    public PendingExtension {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
