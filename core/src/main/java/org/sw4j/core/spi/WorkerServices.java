package org.sw4j.core.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.sw4j.core.messaging.BroadcastChannelRegistry;
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
     * reach its own other channels only.
     */
    static WorkerServices standalone(String scope, String scriptUrl) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(scriptUrl, "scriptUrl");
        WorkerInfo self = new WorkerInfo("standalone", scriptUrl, ServiceWorkerState.ACTIVATED);
        RegistrationInfo registration = new RegistrationInfo(scope, "imports", null, null, self);
        BroadcastChannelRegistry broadcast = new BroadcastChannelRegistry();
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
}
