package org.sw4j.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One fetch a client made, as an inspector lists it: what was asked, who answered, how it ended.
 *
 * @param at when the fetch started
 * @param clientId the client's id (for a navigation, the new client's), or "" when there was none
 * @param method the request method
 * @param url the request URL
 * @param navigation whether it was a navigation
 * @param servedBy who answered; null when it ended in a network error
 * @param status the response status, or 0 for a network error
 * @param took from the start to the response head
 * @param error why it was a network error, or null
 */
public record FetchRecord(Instant at, String clientId, String method, String url, boolean navigation,
        Response.ServedBy servedBy, int status, Duration took, String error) {
    public FetchRecord {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(took, "took");
        if ((servedBy == null) != (error != null)) {
            throw new IllegalArgumentException("a fetch record has either who served it or an error");
        }
    }

    /** Whether it ended in a network error. */
    public boolean failed() {
        return error != null;
    }
}
