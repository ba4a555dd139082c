package org.sw4j.core.engine;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sw4j.core.spi.FetchEventDispatch;
import org.sw4j.core.spi.FetchEventInit;
import org.sw4j.core.spi.FetchEventResult;
import org.sw4j.core.spi.RunningWorker;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.FetchResponse;
import org.sw4j.webapi.fetch.RequestDestination;
import org.sw4j.webapi.fetch.RequestMode;
import org.sw4j.webapi.fetch.RequestRedirect;
import org.sw4j.webapi.fetch.ResponseType;

/**
 * Sends one request to the worker that should see it and waits for its answer (Chromium's
 * {@code ServiceWorkerFetchDispatcher}): answers as soon as {@code respondWith()} settles, and keeps
 * the event counted as pending until its {@code waitUntil()} promises settle too.
 */
final class FetchDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(FetchDispatcher.class);
    private static final FetchEventResult FALLBACK = new FetchEventResult.Fallback();

    private final ServiceWorkerContext context;
    private final StaticRouter router;

    FetchDispatcher(ServiceWorkerContext context) {
        this.context = context;
        this.router = new StaticRouter(context);
    }

    /**
     * Implements Handle Fetch (https://w3c.github.io/ServiceWorker/#handle-fetch): picks the
     * registration (by scope for a navigation, which also makes the reserved client controlled;
     * the client's controller for a subresource), routes by the active worker's static routes
     * ({@link StaticRouter}: a network or cache source answers without running the worker), skips
     * workers without a fetch listener, waits for an activating worker, runs the worker and
     * dispatches the FetchEvent; then checks the answer
     * as HTTP fetch does for a service worker's response, and soft-updates after navigations (and
     * after other requests when the last check is over a day old). A navigation of a registration
     * with navigation preload enabled starts its preload before the worker runs
     * ({@link NavigationPreload}); a fallback then carries the preload, for the network's response.
     */
    FetchEventResult handleFetch(FetchRequest request, ServiceWorkerClient client, ServiceWorkerClient reservedClient,
            ServiceWorkerClient replacedClient) {
        if (request.serviceWorkersMode() != FetchRequest.ServiceWorkersMode.ALL) {
            return FALLBACK;
        }
        boolean nonSubresource = isNonSubresourceRequest(request);
        ServiceWorkerRegistration registration;
        ServiceWorkerVersion activeWorker;
        boolean shouldSoftUpdate;
        synchronized (context.lock) {
            if (nonSubresource) {
                Optional<ServiceWorkerRegistration> match = context.matchLocked(request.url());
                if (match.isPresent() && match.get().waiting() != null) {
                    // As Chromium does when a navigation starts: a waiting worker that no client
                    // holds back (one restored from the store, say) activates before it is picked.
                    context.lifecycle().tryActivate(match.get());
                }
                if (match.isEmpty() || match.get().active() == null) {
                    return FALLBACK;
                }
                registration = match.get();
                activeWorker = registration.active();
                if (reservedClient != null) {
                    reservedClient.setActiveServiceWorker(activeWorker);
                }
                shouldSoftUpdate = true;
            } else {
                if (client == null || client.activeServiceWorker() == null) {
                    return FALLBACK;
                }
                activeWorker = client.activeServiceWorker();
                registration = activeWorker.registration();
                shouldSoftUpdate = context.lifecycle().isStale(registration);
            }
        }
        try {
            // Static routing (step 13): a matched router rule may answer without running the worker.
            FetchEventResult routed = router.route(request, activeWorker, registration.storageKey(),
                    nonSubresource ? request.url() : client.url(),
                    () -> fetchEventForRace(request, client, reservedClient, replacedClient, nonSubresource,
                            activeWorker));
            if (routed != null) {
                return routed;
            }
            if (Lifecycle.shouldSkipEvent("fetch", activeWorker)) {
                return FALLBACK;
            }
            if (activeWorker.state() == ServiceWorkerState.ACTIVATING) {
                awaitActivated(activeWorker);
            }
            NavigationPreload preload = NavigationPreload.startIfEnabled(context, request, registration);
            RunningWorker running;
            try {
                running = context.lifecycle().runServiceWorker(activeWorker);
            } catch (Lifecycle.WorkerStartFailure e) {
                // Handle Fetch's handleFetchFailed: the request goes to the network.
                LOG.info("fetch of {} bypasses worker {}: {}", request.url().href(), activeWorker.scriptUrl().href(),
                        e.getMessage());
                return NavigationPreload.fallback(preload);
            }
            if (Lifecycle.shouldSkipEvent("fetch", activeWorker)) {
                return NavigationPreload.fallback(preload);
            }
            return dispatch(request, client, reservedClient, replacedClient, nonSubresource, activeWorker, running,
                    preload);
        } finally {
            if (shouldSoftUpdate) {
                context.lifecycle().softUpdate(registration);
            }
        }
    }

    /**
     * Handle Fetch (https://w3c.github.io/ServiceWorker/#handle-fetch) for a subresource request of
     * {@code client}, when it ends without waiting for anything: the client has no controller
     * (fallback), or the active worker's static routing (step 13) decides it by a {@code network}
     * source or a {@code cache} source over a store whose reads do not block. Empty when Handle Fetch
     * would have to run the worker, wait for it, or read a store that may block: the caller then
     * calls {@link #handleFetch} on a thread that may block. Navigations and other non-subresource
     * requests are always empty (they pick a registration, may activate a waiting worker, and
     * soft-update).
     */
    Optional<FetchEventResult> handleFetchWithoutBlocking(FetchRequest request, ServiceWorkerClient client) {
        if (request.serviceWorkersMode() != FetchRequest.ServiceWorkersMode.ALL) {
            return Optional.of(FALLBACK);
        }
        if (isNonSubresourceRequest(request)) {
            return Optional.empty();
        }
        ServiceWorkerVersion activeWorker;
        ServiceWorkerRegistration registration;
        boolean shouldSoftUpdate;
        synchronized (context.lock) {
            if (client == null || client.activeServiceWorker() == null) {
                return Optional.of(FALLBACK);
            }
            activeWorker = client.activeServiceWorker();
            registration = activeWorker.registration();
            shouldSoftUpdate = context.lifecycle().isStale(registration);
        }
        FetchEventResult routed = router.routeWithoutBlocking(request, activeWorker, registration.storageKey());
        if (routed != null && shouldSoftUpdate) {
            context.lifecycle().softUpdate(registration);
        }
        return Optional.ofNullable(routed);
    }

    /** The fetch event's side of a race-network-and-fetch-handler route: Create Fetch Event and Dispatch. */
    private FetchEventResult fetchEventForRace(FetchRequest request, ServiceWorkerClient client,
            ServiceWorkerClient reservedClient, ServiceWorkerClient replacedClient, boolean nonSubresource,
            ServiceWorkerVersion activeWorker) {
        if (Lifecycle.shouldSkipEvent("fetch", activeWorker)) {
            return FALLBACK;
        }
        if (activeWorker.state() == ServiceWorkerState.ACTIVATING) {
            awaitActivated(activeWorker);
        }
        RunningWorker running;
        try {
            running = context.lifecycle().runServiceWorker(activeWorker);
        } catch (Lifecycle.WorkerStartFailure e) {
            return FALLBACK;
        }
        return dispatch(request.clone(), client, reservedClient, replacedClient, nonSubresource, activeWorker, running,
                null);
    }

    private FetchEventResult dispatch(FetchRequest request, ServiceWorkerClient client,
            ServiceWorkerClient reservedClient, ServiceWorkerClient replacedClient, boolean nonSubresource,
            ServiceWorkerVersion activeWorker, RunningWorker running, NavigationPreload preload) {
        FetchEventInit init = new FetchEventInit(request, client == null ? "" : client.id(),
                nonSubresource && reservedClient != null ? reservedClient.id() : "",
                nonSubresource && replacedClient != null ? replacedClient.id() : "",
                preload == null ? null : preload.responseForWorker());
        ServiceWorkerVersion.PendingEvent event;
        synchronized (context.lock) {
            event = activeWorker.beginEvent("fetch");
        }
        FetchEventDispatch dispatch;
        try {
            dispatch = running.dispatchFetchEvent(init);
        } catch (RuntimeException e) {
            context.lifecycle().eventEnded(activeWorker, event);
            if (preload != null) {
                preload.eventEnded();
            }
            throw e;
        }
        dispatch.finished().whenComplete((result, failure) -> context.lifecycle().eventEnded(activeWorker, event));
        FetchEventResult result = answer(request, dispatch);
        if (preload != null) {
            // The answer may take the preload's response; what is left is cancelled when the event ends.
            result = preload.answered(result);
            dispatch.finished().whenComplete((ended, failure) -> preload.eventEnded());
        }
        return result;
    }

    private FetchEventResult answer(FetchRequest request, FetchEventDispatch dispatch) {
        FetchEventResult result;
        try {
            result = dispatch.response().get();
        } catch (ExecutionException e) {
            return new FetchEventResult.NetworkError("the service worker stopped before it answered "
                    + request.url().href() + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FetchEventResult.NetworkError("interrupted while waiting for the service worker");
        }
        if (result instanceof FetchEventResult.Responded responded) {
            String problem = unusable(request, responded.response());
            if (problem != null) {
                return new FetchEventResult.NetworkError(problem);
            }
        }
        return result;
    }

    /**
     * HTTP fetch's checks of a service worker's response
     * (https://fetch.spec.whatwg.org/#concept-http-fetch, step 5.3): errors, cors responses to
     * same-origin requests, opaque ones to anything but no-cors, opaque redirects unless manual,
     * and redirected responses unless the request follows redirects, are network errors.
     */
    static String unusable(FetchRequest request, FetchResponse response) {
        ResponseType type = response.type();
        if (type == ResponseType.ERROR) {
            return "the service worker responded with Response.error()";
        }
        if (request.mode() == RequestMode.SAME_ORIGIN && type == ResponseType.CORS) {
            return "the service worker responded to a same-origin request with a cors response";
        }
        if (request.mode() != RequestMode.NO_CORS && type == ResponseType.OPAQUE) {
            return "the service worker responded to a '" + request.mode().jsName()
                    + "' request with an opaque response";
        }
        if (request.redirect() != RequestRedirect.MANUAL && type == ResponseType.OPAQUEREDIRECT) {
            return "the service worker responded with an opaque redirect to a request whose redirect mode is '"
                    + request.redirect().jsName() + "'";
        }
        if (request.redirect() != RequestRedirect.FOLLOW && response.urlList().size() > 1) {
            return "the service worker responded with a redirected response to a request whose redirect mode is '"
                    + request.redirect().jsName() + "'";
        }
        return null;
    }

    /** A navigation, or a worker's script request: the requests that pick a registration by scope. */
    private static boolean isNonSubresourceRequest(FetchRequest request) {
        RequestDestination destination = request.destination();
        return request.isNavigationRequest() || destination == RequestDestination.WORKER
                || destination == RequestDestination.SHAREDWORKER;
    }

    private void awaitActivated(ServiceWorkerVersion worker) {
        java.util.concurrent.CompletableFuture<Void> activated;
        synchronized (context.lock) {
            activated = worker.whenActivated();
        }
        try {
            activated.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.debug("waiting for activation failed", e);
        }
    }
}
