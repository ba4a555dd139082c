package org.sw4j.core.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.sw4j.core.spi.FetchCall;
import org.sw4j.core.spi.FetchEnvironment;
import org.sw4j.core.spi.FetchEventResult;
import org.sw4j.core.spi.FetchOutcome;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.fetch.Body;
import org.sw4j.webapi.fetch.BodySource;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.FetchResponse;

/**
 * One navigation preload (Handle Fetch's preload steps, https://w3c.github.io/ServiceWorker/#handle-fetch):
 * the navigation fetched from the network in parallel with starting the worker, with the header
 * {@code Service-Worker-Navigation-Preload}, for {@code event.preloadResponse}.
 *
 * <p>The request goes out once. Its response is used by exactly one party: the worker (it read the
 * body, or handed it to {@code respondWith()}), or the navigation itself when the worker falls back
 * (as Chromium does, instead of fetching again). When the event ends and neither used it, the
 * fetch is aborted, so its connection is released at once.
 */
final class NavigationPreload {
    static final String HEADER = "Service-Worker-Navigation-Preload";

    /** Who took the response. */
    private enum Use { NONE, WORKER, NAVIGATION, CANCELLED }

    private final FetchCall call;
    private final CompletableFuture<FetchResponse> forWorker = new CompletableFuture<>();
    private final AtomicReference<Use> use = new AtomicReference<>(Use.NONE);
    private volatile TrackedBody trackedBody;

    private NavigationPreload(FetchCall call) {
        this.call = call;
    }

    /**
     * Starts the preload when Handle Fetch asks for one: a GET navigation whose registration has
     * navigation preload enabled (the caller checked that the active worker handles fetch events).
     * The request is a clone of {@code request} with the header and service-workers mode "none",
     * fetched through the context's network. Null when there is no preload.
     */
    static NavigationPreload startIfEnabled(ServiceWorkerContext context, FetchRequest request,
            ServiceWorkerRegistration registration) {
        if (!request.isNavigationRequest() || !registration.navigationPreloadEnabled()
                || !request.method().equals("GET")) {
            return null;
        }
        FetchRequest preloadRequest = request.clone();
        preloadRequest.headerList().append(HEADER, registration.navigationPreloadHeaderValue());
        preloadRequest.setServiceWorkersMode(FetchRequest.ServiceWorkersMode.NONE);
        FetchCall call = context.network.fetch(preloadRequest,
                FetchEnvironment.forScript(request.url(), context.userAgent));
        NavigationPreload preload = new NavigationPreload(call);
        call.whenResponse(preload::arrived);
        return preload;
    }

    /** What a request without a worker's answer gets: the preload's response, when there is one. */
    static FetchEventResult fallback(NavigationPreload preload) {
        return new FetchEventResult.Fallback(preload == null ? Optional.empty() : preload.takeForNavigation());
    }

    /** For {@code event.preloadResponse}: the response (its body the worker's to read), or a TypeError. */
    CompletableFuture<FetchResponse> responseForWorker() {
        return forWorker;
    }

    /**
     * The worker answered: a fallback takes the preload's response unless the worker read it; a
     * response whose body is the preload's body marks it used by the worker.
     */
    FetchEventResult answered(FetchEventResult result) {
        if (result instanceof FetchEventResult.Fallback) {
            return new FetchEventResult.Fallback(takeForNavigation());
        }
        TrackedBody tracked = trackedBody;
        if (tracked != null && result instanceof FetchEventResult.Responded responded) {
            Body body = responded.response().unfiltered().body();
            if (body != null && body.stream() == tracked) {
                use.compareAndSet(Use.NONE, Use.WORKER);
            }
        }
        return result;
    }

    /** The fetch event ended: a response nobody used is cancelled (its fetch aborted, its body closed). */
    void eventEnded() {
        if (!use.compareAndSet(Use.NONE, Use.CANCELLED)) {
            return;
        }
        call.abort();
        TrackedBody tracked = trackedBody;
        if (tracked != null) {
            tracked.source.close();
        }
    }

    private Optional<FetchCall> takeForNavigation() {
        return use.compareAndSet(Use.NONE, Use.NAVIGATION) ? Optional.of(call) : Optional.empty();
    }

    /** processResponse: a network error rejects preloadResponse with a TypeError; a response resolves it. */
    private void arrived(FetchOutcome outcome) {
        if (outcome.isNetworkError()) {
            forWorker.completeExceptionally(WebError.typeError(
                    "The navigation preload request failed: " + outcome.failureReason()));
            return;
        }
        FetchResponse response = outcome.response();
        // The worker's copy: the same response, its body read through a tracker, so that the
        // navigation can still take the untouched original.
        FetchResponse copy = response.clone();
        Body body = response.unfiltered().body();
        if (body != null) {
            TrackedBody tracked = new TrackedBody(body.stream());
            trackedBody = tracked;
            copy.unfiltered().setBody(body.withStream(tracked));
        }
        forWorker.complete(copy);
    }

    /** The preload's body as the worker reads it: the first read makes the worker its user. */
    private final class TrackedBody implements BodySource {
        private final BodySource source;

        TrackedBody(BodySource source) {
            this.source = source;
        }

        @Override
        public long length() {
            return source.length();
        }

        @Override
        public ByteBuffer read() throws IOException {
            use.compareAndSet(Use.NONE, Use.WORKER);
            if (use.get() != Use.WORKER) {
                throw new IOException(use.get() == Use.NAVIGATION
                        ? "the navigation preload response was used by the navigation"
                        : "the navigation preload response was cancelled");
            }
            return source.read();
        }

        @Override
        public boolean hasArrived() {
            return use.get() != Use.NAVIGATION && source.hasArrived();
        }

        @Override
        public void close() {
            use.compareAndSet(Use.NONE, Use.WORKER);
            if (use.get() == Use.WORKER) {
                source.close();
            }
        }
    }
}
