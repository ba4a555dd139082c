package org.sw4j.core.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.sw4j.core.routing.RouterRule;
import org.sw4j.core.version.ServiceWorkerState;

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
     * unregister answers false; addRoutes keeps the rules (nothing routes by them).
     */
    static WorkerServices standalone(String scope, String scriptUrl) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(scriptUrl, "scriptUrl");
        WorkerInfo self = new WorkerInfo("standalone", scriptUrl, ServiceWorkerState.ACTIVATED);
        RegistrationInfo registration = new RegistrationInfo(scope, "imports", null, null, self);
        List<RouterRule> routes = new java.util.concurrent.CopyOnWriteArrayList<>();
        return new WorkerServices() {
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

            @Override
            public CompletableFuture<Void> addRoutes(List<RouterRule> rules) {
                routes.addAll(rules);
                return CompletableFuture.completedFuture(null);
            }
        };
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
