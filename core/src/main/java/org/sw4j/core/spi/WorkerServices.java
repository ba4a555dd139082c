package org.sw4j.core.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.sw4j.core.messaging.BroadcastChannelRegistry;
import org.sw4j.core.routing.RouterRule;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.webapi.message.SerializedMessage;

/**
 * What the platform offers a running worker's {@code ServiceWorkerGlobalScope}: its registration,
 * itself, {@code skipWaiting()}, and {@code clients}. The core implements it per version; a worker
 * run on its own (the {@code exec} command) gets {@link #standalone}.
 *
 * <p>Called on the worker's thread. The futures may complete on any thread; failures are
 * {@link org.sw4j.webapi.error.WebError}s carrying the JavaScript exception to reject with.
 */
public interface WorkerServices {

    /** The worker's containing registration, now ({@code self.registration}). */
    RegistrationInfo registration();

    /** The worker itself, now ({@code self.serviceWorker}). */
    WorkerInfo self();

    /** Service Workers § Skip Waiting: completes once the flag is set and Try Activate was invoked. */
    CompletableFuture<Void> skipWaiting();

    /** {@code clients.claim()}; fails with InvalidStateError when the worker is not the active worker. */
    CompletableFuture<Void> claimClients();

    /** {@code clients.get(id)}: the same-origin, execution-ready client with that id, if any. */
    CompletableFuture<Optional<ClientInfo>> getClient(String id);

    /**
     * {@code clients.matchAll(options)}: the same-origin, execution-ready clients of the given type
     * ({@link ClientType#ALL} for any) controlled by this worker, or also uncontrolled ones whose
     * URL is same-origin, in the spec's order (windows most recently focused first).
     */
    CompletableFuture<List<ClientInfo>> matchAllClients(boolean includeUncontrolled, ClientType type);

    /**
     * {@code registration.update()} (Service Workers § ServiceWorkerRegistration update()):
     * completes when the update job finished; fails with the job's error (TypeError,
     * SecurityError, InvalidStateError when called by an installing worker).
     */
    CompletableFuture<Void> update();

    /** {@code registration.unregister()}: true when the registration was unregistered now. */
    CompletableFuture<Boolean> unregister();

    /**
     * Services for a worker that no registration holds (a script run on its own): its registration
     * has {@code scope} and the worker itself as the active worker ("activated"); there are no
     * clients; skipWaiting and claim succeed and do nothing; update succeeds without checking;
     * unregister answers false; messages to clients and workers are dropped; its broadcast channels
     * reach its own other channels only; addRoutes keeps the rules (nothing
     * routes by them).
     */
    static WorkerServices standalone(String scope, String scriptUrl) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(scriptUrl, "scriptUrl");
        WorkerInfo self = new WorkerInfo("standalone", scriptUrl, ServiceWorkerState.ACTIVATED);
        RegistrationInfo registration = new RegistrationInfo(scope, "imports", null, null, self);
        BroadcastChannelRegistry broadcast = new BroadcastChannelRegistry();
        List<RouterRule> routes = new java.util.concurrent.CopyOnWriteArrayList<>();
        return new WorkerServices() {
            @Override
            public BroadcastChannelRegistry.Channel openBroadcastChannel(String name,
                    Consumer<SerializedMessage> receiver) {
                return broadcast.open(scope, name, receiver);
            }

            @Override
            public RegistrationInfo registration() {
                return registration;
            }

            @Override
            public WorkerInfo self() {
                return self;
            }

            @Override
            public CompletableFuture<Void> skipWaiting() {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<Void> claimClients() {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<Optional<ClientInfo>> getClient(String id) {
                return CompletableFuture.completedFuture(Optional.empty());
            }

            @Override
            public CompletableFuture<List<ClientInfo>> matchAllClients(boolean includeUncontrolled, ClientType type) {
                return CompletableFuture.completedFuture(List.of());
            }

            @Override
            public CompletableFuture<Void> update() {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<Boolean> unregister() {
                return CompletableFuture.completedFuture(false);
            }

            private volatile NavigationPreloadState navigationPreload = new NavigationPreloadState(false,
                    org.sw4j.core.spi.registration.StoredRegistration.DEFAULT_NAVIGATION_PRELOAD_HEADER_VALUE);

            @Override
            public CompletableFuture<Void> setNavigationPreloadEnabled(boolean enabled) {
                navigationPreload = new NavigationPreloadState(enabled, navigationPreload.headerValue());
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<Void> setNavigationPreloadHeaderValue(String value) {
                if (!org.sw4j.webapi.fetch.Header.isValue(value)) {
                    return CompletableFuture.failedFuture(org.sw4j.webapi.error.WebError.typeError(
                            "Failed to execute 'setHeaderValue' on 'NavigationPreloadManager': The string provided"
                            + " is not a valid HTTP header field value."));
                }
                navigationPreload = new NavigationPreloadState(navigationPreload.enabled(), value);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<NavigationPreloadState> navigationPreloadState() {
                return CompletableFuture.completedFuture(navigationPreload);
            }
            @Override
            public CompletableFuture<Void> addRoutes(List<RouterRule> rules) {
                routes.addAll(rules);
                return CompletableFuture.completedFuture(null);
            }
        };
    }

    /**
     * Service Workers § Client postMessage(): queues {@code message} on the client's message queue,
     * from this worker, when a client with that id exists (else it is dropped, as the spec's
     * parallel steps do).
     */
    default void postMessageToClient(String clientId, SerializedMessage message) {
    }

    /**
     * Service Workers § ServiceWorker postMessage() called in this worker on a {@code ServiceWorker}
     * object of its registration (by worker id): that worker runs and receives an
     * {@code ExtendableMessageEvent} whose source is this worker. Dropped when there is no such
     * worker.
     */
    default void postMessageToWorker(String workerId, SerializedMessage message) {
    }

    /**
     * HTML § BroadcastChannel constructor in this worker: joins the channels named {@code name} of
     * the worker's origin; other channels' messages go to {@code receiver}. By default a channel
     * with no other channel to reach.
     */
    default BroadcastChannelRegistry.Channel openBroadcastChannel(String name, Consumer<SerializedMessage> receiver) {
        return new BroadcastChannelRegistry().open("", name, receiver);
    }

    // ---------------------------------------------------------------- navigation preload, window interaction

    /**
     * {@code registration.navigationPreload.enable()} / {@code disable()}: sets or unsets the
     * registration's navigation preload enabled flag (kept with the registration); fails with
     * InvalidStateError when the registration has no active worker. A standalone worker keeps the
     * state in memory.
     */
    default CompletableFuture<Void> setNavigationPreloadEnabled(boolean enabled) {
        return CompletableFuture.failedFuture(notSupported("navigation preload"));
    }

    /**
     * {@code registration.navigationPreload.setHeaderValue(value)}: sets the navigation preload header
     * value; fails with TypeError when {@code value} is not a header value, else InvalidStateError as
     * {@link #setNavigationPreloadEnabled}.
     */
    default CompletableFuture<Void> setNavigationPreloadHeaderValue(String value) {
        return CompletableFuture.failedFuture(notSupported("navigation preload"));
    }

    /** {@code registration.navigationPreload.getState()}: the registration's state now. */
    default CompletableFuture<NavigationPreloadState> navigationPreloadState() {
        return CompletableFuture.failedFuture(notSupported("navigation preload"));
    }

    /**
     * {@code windowClient.focus()}: InvalidAccessError unless window interaction is allowed; then the
     * window takes focus and this completes with the client as it is now, or fails with TypeError
     * when it is gone or did not take focus. Standalone: no clients (TypeError).
     */
    default CompletableFuture<ClientInfo> focusClient(String clientId) {
        return CompletableFuture.failedFuture(org.sw4j.webapi.error.WebError.typeError("The client was not found."));
    }

    /**
     * {@code windowClient.navigate(url)}: TypeError for a URL that does not parse (against the
     * worker's script URL) or is {@code about:blank}, for a client this worker does not control, or
     * when the navigation fails; completes with the window's new client when its URL is same-origin
     * with the worker, else empty.
     */
    default CompletableFuture<Optional<ClientInfo>> navigateClient(String clientId, String url) {
        return CompletableFuture.failedFuture(org.sw4j.webapi.error.WebError.typeError("The client was not found."));
    }

    /**
     * {@code clients.openWindow(url)}: TypeError for a URL that does not parse or is
     * {@code about:blank}, InvalidAccessError unless window interaction is allowed; the embedder
     * opens a window; completes with its client when same-origin with the worker, else empty.
     */
    default CompletableFuture<Optional<ClientInfo>> openWindow(String url) {
        return CompletableFuture.failedFuture(org.sw4j.webapi.error.WebError.dom(
                org.sw4j.webapi.error.DomExceptionName.INVALID_ACCESS_ERROR, "Not allowed to open a window."));
    }

    private static org.sw4j.webapi.error.WebError notSupported(String what) {
        return org.sw4j.webapi.error.WebError.dom(org.sw4j.webapi.error.DomExceptionName.NOT_SUPPORTED_ERROR,
                what + " is not supported here");
    }

    /**
     * The last steps of {@code InstallEvent.addRoutes(rules)}
     * (https://w3c.github.io/ServiceWorker/#dom-installevent-addroutes): appends the verified rules
     * to the worker's list of router rules. Fails with a TypeError when a rule needs the fetch event
     * and the worker handles none, or when Check Router Registration Limit fails; with an
     * InvalidStateError when the worker is not installing. By default it fails with a
     * NotSupportedError (a host without static routing).
     */
    default CompletableFuture<Void> addRoutes(List<RouterRule> rules) {
        return CompletableFuture.failedFuture(org.sw4j.webapi.error.WebError.dom(
                org.sw4j.webapi.error.DomExceptionName.NOT_SUPPORTED_ERROR, "static routing is not supported here"));
    }

}
