package org.sw4j.agent;

import java.io.IOException;

/**
 * A fetch ended in a network error (Fetch's "network error"): the network failed, the origin is
 * offline, or the service worker answered with something a client cannot use. The message says why.
 */
public final class NetworkErrorException extends IOException {
    public NetworkErrorException(String message) {
        super(message);
    }
}
