package org.sw4j.agent;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A response as a client received it, body read whole.
 *
 * @param url the response's URL (after redirects), or "" when it has none (a worker's synthetic response)
 * @param status the status code
 * @param statusText the status message
 * @param type {@code "basic"}, {@code "cors"}, {@code "opaque"}, {@code "default"}, ...
 * @param headers the headers, names lower-case, in order
 * @param body the body bytes
 * @param servedBy who answered: the service worker, the network (no worker, or the worker fell back), or a
 *     static route's cache source
 */
public record Response(String url, int status, String statusText, String type, List<Map.Entry<String, String>> headers,
        byte[] body, ServedBy servedBy) {

    /** Who answered a request. */
    public enum ServedBy {
        /** The controlling service worker's {@code respondWith()}. */
        SERVICE_WORKER,
        /**
         * The network: no worker handled the request, it did not call {@code respondWith()}, a static
         * route's {@code network} source sent it there, or the network won a
         * {@code race-network-and-fetch-handler} route.
         */
        NETWORK,
        /** Cache Storage, for a static route's {@code cache} source, without the worker running. */
        CACHE_ROUTE
    }

    public Response {
        Objects.requireNonNull(url);
        Objects.requireNonNull(statusText);
        headers = List.copyOf(headers);
        Objects.requireNonNull(body);
        Objects.requireNonNull(servedBy);
    }

    public boolean ok() {
        return status >= 200 && status <= 299;
    }

    /** The body decoded as UTF-8. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The first value of a header (name case-insensitive), or null. */
    public String header(String name) {
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }
}
