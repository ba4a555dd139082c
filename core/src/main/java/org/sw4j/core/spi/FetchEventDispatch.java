package org.sw4j.core.spi;

import java.util.concurrent.CompletableFuture;

/**
 * One dispatched {@code FetchEvent}: its answer comes as soon as {@code respondWith()}'s promise
 * settles (or dispatch ends without it); the event itself ends later, when every lifetime promise
 * ({@code waitUntil}, {@code respondWith}) has settled.
 *
 * @param response completes with the answer; exceptionally with a
 *     {@link WorkerTerminatedException} when the worker stopped before answering
 * @param finished completes when the event's lifetime ends (the worker's "pending events" for
 *     the fetch); exceptionally with a {@link WorkerTerminatedException} when the worker stopped
 */
public record FetchEventDispatch(CompletableFuture<FetchEventResult> response,
        CompletableFuture<ExtendableEventResult> finished) {
}
