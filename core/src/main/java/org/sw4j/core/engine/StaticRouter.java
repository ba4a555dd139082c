package org.sw4j.core.engine;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sw4j.core.cache.CacheQueryOptions;
import org.sw4j.core.cache.CacheRows;
import org.sw4j.core.cache.CacheStorage;
import org.sw4j.core.cache.StoredResponse;
import org.sw4j.core.routing.RouterRules;
import org.sw4j.core.routing.RouterSource;
import org.sw4j.core.spi.FetchCall;
import org.sw4j.core.spi.FetchEnvironment;
import org.sw4j.core.spi.FetchEventResult;
import org.sw4j.core.spi.FetchOutcome;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.fetch.Body;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.FetchResponse;
import org.sw4j.webapi.url.Url;

/**
 * Handle Fetch's static routing step (https://w3c.github.io/ServiceWorker/#handle-fetch, step 13):
 * finds the source of the active worker's first matching router rule and acts on it — the network
 * or Cache Storage without starting the worker, or a race of the network against the fetch event.
 * Called by {@link FetchDispatcher} after the registration and active worker are chosen, before the
 * worker runs.
 */
final class StaticRouter {
    private static final Logger LOG = LoggerFactory.getLogger(StaticRouter.class);
    private static final FetchEventResult FALLBACK = new FetchEventResult.Fallback();

    private final ServiceWorkerContext context;

    StaticRouter(ServiceWorkerContext context) {
        this.context = context;
    }

    /**
     * Routes {@code request} by {@code activeWorker}'s router rules: the result when a rule's source
     * decided it ({@code network}: fall back to the network; {@code cache}: the cached response, or
     * the network on a miss; {@code race-network-and-fetch-handler} for a GET: the race's winner),
     * or null when the fetch event should handle it as without routes (no rule matched, a
     * {@code fetch-event} source, a race for another method).
     *
     * @param clientUrl the URL of the environment the network fetch is for (the client's, or the
     *     navigation's)
     * @param fetchEvent runs the worker and dispatches the fetch event (for the race)
     */
    FetchEventResult route(FetchRequest request, ServiceWorkerVersion activeWorker, String storageKey, Url clientUrl,
            Supplier<FetchEventResult> fetchEvent) {
        var rules = activeWorker.routerRules();
        if (rules.isEmpty()) {
            return null;
        }
        RouterSource source = RouterRules.routerSource(rules, request, activeWorker.isRunning());
        return switch (source) {
            case null -> null;
            case RouterSource.Network network -> FALLBACK;
            case RouterSource.Cache cache -> fromCache(request, storageKey, cache.cacheName());
            case RouterSource.FetchEvent event -> null;
            case RouterSource.RaceNetworkAndFetchHandler race ->
                    request.method().equals("GET") ? race(request, clientUrl, fetchEvent) : null;
        };
    }

    /**
     * {@link #route} when the first matching rule decides the request without anything that may
     * block: a {@code network} source (fall back to the network), or a {@code cache} source over a
     * store whose reads do not block (the cached response, the network on a miss). Null otherwise:
     * no rule, no match, a source that runs the worker or races it, a store that may block.
     */
    FetchEventResult routeWithoutBlocking(FetchRequest request, ServiceWorkerVersion activeWorker, String storageKey) {
        var rules = activeWorker.routerRules();
        if (rules.isEmpty()) {
            return null;
        }
        return switch (RouterRules.routerSource(rules, request, activeWorker.isRunning())) {
            case RouterSource.Network network -> FALLBACK;
            case RouterSource.Cache cache when context.cacheStore == null || !context.cacheStore.readsMayBlock() ->
                    fromCache(request, storageKey, cache.cacheName());
            case null, default -> null;
        };
    }

    /**
     * The cache source: the first response {@code caches.match(request, {cacheName})} would give in
     * the worker's storage partition, or the network when there is none.
     */
    private FetchEventResult fromCache(FetchRequest request, String storageKey, String cacheName) {
        if (context.cacheStore == null) {
            return FALLBACK;
        }
        Optional<StoredResponse> found;
        try {
            found = new CacheStorage(context.cacheStore, storageKey).match(CacheRows.toRow(request),
                    CacheQueryOptions.DEFAULT, cacheName);
        } catch (WebError e) {
            LOG.warn("the cache route for {} could not read Cache Storage, going to the network: {}",
                    request.url().href(), e.getMessage());
            return FALLBACK;
        }
        if (found.isEmpty()) {
            return FALLBACK;
        }
        FetchResponse response = found.get().toResponse();
        String problem = FetchDispatcher.unusable(request, response);
        if (problem != null) {
            discard(response);
            return new FetchEventResult.NetworkError("the cache route's " + problem.replace("the service worker ", ""));
        }
        return new FetchEventResult.Responded(response, FetchEventResult.AnsweredBy.CACHE_ROUTE);
    }

    /**
     * The race-network-and-fetch-handler source for a GET: the network fetch and the fetch event
     * start together. An ok network response, or the fetch event's response, whichever comes
     * first, wins; a fetch event that does not respond waits for the network's response (ok or
     * not), and one that ends in a network error makes the answer a network error. The network fetch
     * is aborted when it does not win; a fetch event response that loses is discarded (the event
     * itself runs to its end: JavaScript cannot be cancelled).
     */
    private FetchEventResult race(FetchRequest request, Url clientUrl, Supplier<FetchEventResult> fetchEvent) {
        FetchRequest forNetwork = request.clone();
        forNetwork.setServiceWorkersMode(FetchRequest.ServiceWorkersMode.NONE);
        FetchCall call = context.network.fetch(forNetwork, FetchEnvironment.forScript(clientUrl, context.userAgent));
        CompletableFuture<FetchEventResult> winner = new CompletableFuture<>();
        CompletableFuture<FetchOutcome> network = new CompletableFuture<>();
        // A network response that loses is not closed here (the fetch event's fallback may still
        // answer with it): the fetch is aborted once the winner is known, which fails its body.
        call.whenResponse(outcome -> {
            if (!outcome.isNetworkError() && isOk(outcome.response())) {
                winner.complete(new FetchEventResult.Responded(outcome.response(), FetchEventResult.AnsweredBy.NETWORK));
            }
            network.complete(outcome);
        });
        Thread.ofVirtual().name("sw4j-race-fetch-event").start(() -> {
            FetchEventResult handled;
            try {
                handled = fetchEvent.get();
            } catch (RuntimeException e) {
                handled = new FetchEventResult.NetworkError("the fetch event failed: " + e.getMessage());
            }
            if (handled instanceof FetchEventResult.Responded responded) {
                if (!winner.complete(responded)) {
                    discard(responded.response());
                }
            } else if (handled instanceof FetchEventResult.Fallback) {
                // Create Fetch Event and Dispatch: no respondWith(), so the race response is the answer.
                network.thenAccept(outcome -> winner.complete(outcome.isNetworkError() ? FALLBACK
                        : new FetchEventResult.Responded(outcome.response(), FetchEventResult.AnsweredBy.NETWORK)));
            } else {
                winner.complete(handled);
            }
        });
        try {
            FetchEventResult result = winner.get();
            if (!(result instanceof FetchEventResult.Responded responded
                    && responded.answeredBy() == FetchEventResult.AnsweredBy.NETWORK)) {
                // The network lost (or failed): stop it, and drop a response it may still give.
                call.abort();
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.abort();
            return new FetchEventResult.NetworkError("interrupted while racing the network and the fetch event");
        } catch (ExecutionException e) {
            call.abort();
            return new FetchEventResult.NetworkError("the race failed: " + e.getCause().getMessage());
        }
    }

    private static boolean isOk(FetchResponse response) {
        return response.status() >= 200 && response.status() <= 299;
    }

    /** Closes the body of a response nobody will read. */
    private static void discard(FetchResponse response) {
        Body body = response.body();
        if (body != null) {
            try {
                body.stream().close();
            } catch (RuntimeException e) {
                LOG.debug("closing a discarded body failed", e);
            }
        }
    }
}
