package org.sw4j.core.routing;

/**
 * Where a matched request's response comes from: the {@code RouterSource} union
 * (https://w3c.github.io/ServiceWorker/#typedefdef-routersource) of a {@code RouterSourceEnum}
 * value or a {@code RouterSourceDict}.
 */
public sealed interface RouterSource {

    /** {@code "network"}: the request goes to the network; the worker is not started. */
    record Network() implements RouterSource {
    }

    /**
     * {@code "cache"} (any cache, {@code cacheName} null) or {@code {cacheName}}: the response is
     * looked up in Cache Storage; the worker is not started; a miss goes to the network.
     */
    record Cache(String cacheName) implements RouterSource {
    }

    /** {@code "fetch-event"}: the worker's fetch event, as without routes. */
    record FetchEvent() implements RouterSource {
    }

    /**
     * {@code "race-network-and-fetch-handler"}: the network fetch and the fetch event run together;
     * the first usable response wins.
     */
    record RaceNetworkAndFetchHandler() implements RouterSource {
    }

    RouterSource NETWORK = new Network();
    RouterSource FETCH_EVENT = new FetchEvent();
    RouterSource RACE_NETWORK_AND_FETCH_HANDLER = new RaceNetworkAndFetchHandler();

    /** The source for a {@code RouterSourceEnum} value, or null when it is not one. */
    static RouterSource fromEnum(String value) {
        return switch (value) {
            case "network" -> NETWORK;
            case "cache" -> new Cache(null);
            case "fetch-event" -> FETCH_EVENT;
            case "race-network-and-fetch-handler" -> RACE_NETWORK_AND_FETCH_HANDLER;
            default -> null;
        };
    }

    /** Whether the source needs the worker's fetch event (so a fetch listener). */
    default boolean usesFetchEvent() {
        return this instanceof FetchEvent || this instanceof RaceNetworkAndFetchHandler;
    }
}
