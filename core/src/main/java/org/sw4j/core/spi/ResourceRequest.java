package org.sw4j.core.spi;

import java.util.Map;

/**
 * A request the core asks an {@link OriginFetcher} to perform: for now, script fetches.
 *
 * @param url absolute URL
 * @param method HTTP method
 * @param headers request headers, names lower-case
 */
public record ResourceRequest(String url, String method, Map<String, String> headers) {
    public ResourceRequest {
        headers = Map.copyOf(headers);
    }

    public static ResourceRequest get(String url, Map<String, String> headers) {
        return new ResourceRequest(url, "GET", headers);
    }
}
