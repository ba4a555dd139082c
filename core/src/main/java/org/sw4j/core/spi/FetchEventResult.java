package org.sw4j.core.spi;

import java.util.Objects;
import java.util.Optional;
import org.sw4j.webapi.fetch.FetchResponse;

/** How a {@code FetchEvent} answered its request (Service Workers § Handle Fetch). */
public sealed interface FetchEventResult {

    /**
     * {@code respondWith()} was called and its promise fulfilled with a {@code Response}: this is
     * that response (its filtered view, as the script had it; the body streams from the script). Or
     * a static route answered without the fetch event: {@link #answeredBy()} says which.
     */
    record Responded(FetchResponse response, AnsweredBy answeredBy) implements FetchEventResult {
        public Responded {
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(answeredBy, "answeredBy");
        }

        /** The fetch event's answer. */
        public Responded(FetchResponse response) {
            this(response, AnsweredBy.FETCH_EVENT);
        }
    }

    /** Who produced a {@link Responded} response. */
    enum AnsweredBy {
        /** The worker's fetch event ({@code respondWith()}). */
        FETCH_EVENT,
        /** A static route's {@code cache} source: Cache Storage, without the worker. */
        CACHE_ROUTE,
        /**
         * The network, fetched by the engine for a static route's
         * {@code race-network-and-fetch-handler} source that the network won.
         */
        NETWORK
    }

    /**
     * No {@code respondWith()} (and the event was not canceled): the request goes to the network.
     *
     * @param navigationPreload the navigation preload already fetching this request, which the
     *     worker did not use: its response is the network's response (as in Chromium), so the
     *     request is not sent twice. Empty when there is none: fetch the request
     */
    record Fallback(Optional<FetchCall> navigationPreload) implements FetchEventResult {
        public Fallback {
            Objects.requireNonNull(navigationPreload, "navigationPreload");
        }

        /** A fallback without navigation preload. */
        public Fallback() {
            this(Optional.empty());
        }
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
