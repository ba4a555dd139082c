package org.sw4j.core.spi;

import java.util.Objects;
import org.sw4j.webapi.fetch.FetchResponse;

/** How a {@code FetchEvent} answered its request (Service Workers § Handle Fetch). */
public sealed interface FetchEventResult {

    /**
     * {@code respondWith()} was called and its promise fulfilled with a {@code Response}: this is
     * that response (its filtered view, as the script had it; the body streams from the script).
     */
    record Responded(FetchResponse response) implements FetchEventResult {
        public Responded {
            Objects.requireNonNull(response, "response");
        }
    }

    /** No {@code respondWith()} (and the event was not canceled): the request goes to the network. */
    record Fallback() implements FetchEventResult {
    }

    /**
     * The client gets a network error: {@code respondWith()}'s promise rejected or fulfilled with
     * something not a usable {@code Response}, or the event was canceled without a response.
     *
     * @param reason why, for diagnostics (e.g. "respondWith() was given a promise that rejected
     *     with TypeError: ...")
     */
    record NetworkError(String reason) implements FetchEventResult {
        public NetworkError {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
