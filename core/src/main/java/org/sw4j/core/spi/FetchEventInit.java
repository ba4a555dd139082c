package org.sw4j.core.spi;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.FetchResponse;

/**
 * What a worker needs to fire one {@code FetchEvent} (Service Workers § Handle Fetch, the task that
 * creates the event).
 *
 * @param request the request; becomes the event's {@code request} (headers immutable). The worker
 *     owns it from now on (its body is read by whoever reads {@code event.request}'s body)
 * @param clientId the request's client's id, or {@code ""}
 * @param resultingClientId the reserved client's id for a navigation (non-subresource request),
 *     else {@code ""}
 * @param replacesClientId the id of the client a navigation replaces, or {@code ""}
 * @param preloadResponse the navigation preload's response, for {@code event.preloadResponse}: it
 *     completes with the response (its body for the worker to read) or exceptionally with a
 *     {@link org.sw4j.webapi.error.WebError} (a TypeError) when the preload failed; null when there
 *     is no preload ({@code preloadResponse} is then undefined)
 */
public record FetchEventInit(FetchRequest request, String clientId, String resultingClientId, String replacesClientId,
        CompletableFuture<FetchResponse> preloadResponse) {
    public FetchEventInit {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(resultingClientId, "resultingClientId");
        Objects.requireNonNull(replacesClientId, "replacesClientId");
    }

    /** An event without navigation preload. */
    public FetchEventInit(FetchRequest request, String clientId, String resultingClientId, String replacesClientId) {
        this(request, clientId, resultingClientId, replacesClientId, null);
    }
}
