package org.sw4j.core.spi;

import java.io.IOException;

/**
 * How the core reaches the network (or whatever stands in for it: local files, an offline
 * simulation). Implementations live in the {@code network} module.
 */
public interface OriginFetcher {
    /**
     * Performs the request and returns the whole response. HTTP error statuses are responses, not
     * exceptions.
     *
     * @throws IOException when no response could be had (a network error)
     */
    ResourceResponse fetch(ResourceRequest request) throws IOException;
}
