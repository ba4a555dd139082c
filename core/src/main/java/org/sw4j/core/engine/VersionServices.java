package org.sw4j.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.sw4j.core.spi.ClientInfo;
import org.sw4j.core.spi.ClientType;
import java.util.function.Consumer;
import org.sw4j.core.messaging.BroadcastChannelRegistry;
import org.sw4j.core.spi.RegistrationInfo;
import org.sw4j.core.spi.WorkerInfo;
import org.sw4j.core.spi.WorkerServices;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.webapi.error.DomExceptionName;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.message.SerializedMessage;

/** What one version's global scope asks of the engine: its registration, clients, skipWaiting. */
final class VersionServices implements WorkerServices {
    private final ServiceWorkerContext context;
    private final ServiceWorkerVersion version;

    VersionServices(ServiceWorkerContext context, ServiceWorkerVersion version) {
        this.context = context;
        this.version = version;
    }

    @Override
    public RegistrationInfo registration() {
        return version.registration().info();
    }

    @Override
    public WorkerInfo self() {
        return version.info();
    }

    /** Implements skipWaiting() (https://w3c.github.io/ServiceWorker/#service-worker-global-scope-skipwaiting). */
    @Override
    public CompletableFuture<Void> skipWaiting() {
        context.lifecycle().skipWaiting(version);
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Implements Clients' claim() (https://w3c.github.io/ServiceWorker/#clients-claim): every
     * same-origin, execution-ready client whose URL the registration matches gets this worker as
     * its active service worker and a controllerchange.
     */
    @Override
    public CompletableFuture<Void> claimClients() {
        ServiceWorkerRegistration registration = version.registration();
        synchronized (context.lock) {
            if (registration.active() != version || (version.state() != ServiceWorkerState.ACTIVATING
                    && version.state() != ServiceWorkerState.ACTIVATED)) {
                return CompletableFuture.failedFuture(WebError.dom(DomExceptionName.INVALID_STATE_ERROR,
                        "Only the active worker can claim clients."));
            }
            List<ServiceWorkerRegistration> left = new ArrayList<>();
            for (ServiceWorkerClient client : context.clientsOfLocked(registration.storageKey())) {
                Optional<ServiceWorkerRegistration> match = context.matchLocked(client.url());
                if (match.isEmpty() || match.get() != registration || client.activeServiceWorker() == version) {
                    continue;
                }
                ServiceWorkerVersion previous = client.activeServiceWorker();
                client.setActiveServiceWorker(version);
                context.notifyObservers(observer -> observer.controllerChanged(client, version));
                if (previous != null && previous.registration() != registration) {
                    left.add(previous.registration());
                }
            }
            // Handle Service Worker Client Unload for the registrations the clients left.
            for (ServiceWorkerRegistration old : left) {
                if (!context.isUsedLocked(old)) {
                    if (old.isUninstalling()) {
                        context.lifecycle().tryClearRegistration(old);
                    }
                    context.lifecycle().tryActivate(old);
                }
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Implements Clients' get(id) (https://w3c.github.io/ServiceWorker/#clients-get). */
    @Override
    public CompletableFuture<Optional<ClientInfo>> getClient(String id) {
        synchronized (context.lock) {
            for (ServiceWorkerClient client : context.clientsOfLocked(version.registration().storageKey())) {
                if (client.id().equals(id)) {
                    return CompletableFuture.completedFuture(Optional.of(client.info()));
                }
            }
        }
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /** Implements Clients' matchAll(options) (https://w3c.github.io/ServiceWorker/#clients-matchall). */
    @Override
    public CompletableFuture<List<ClientInfo>> matchAllClients(boolean includeUncontrolled, ClientType type) {
        List<ClientInfo> matched = new ArrayList<>();
        synchronized (context.lock) {
            for (ServiceWorkerClient client : context.clientsOfLocked(version.registration().storageKey())) {
                if (type != ClientType.ALL && client.type() != type) {
                    continue;
                }
                if (!includeUncontrolled && client.activeServiceWorker() != version) {
                    continue;
                }
                matched.add(client.info());
            }
        }
        return CompletableFuture.completedFuture(matched);
    }

    /** Implements ServiceWorkerRegistration's update() as called by the worker itself. */
    @Override
    public CompletableFuture<Void> update() {
        if (version.state() == ServiceWorkerState.INSTALLING) {
            return CompletableFuture.failedFuture(WebError.dom(DomExceptionName.INVALID_STATE_ERROR,
                    "Failed to update a ServiceWorker: the installing worker cannot update its registration."));
        }
        return context.update(version.registration(), null).thenApply(registration -> null);
    }

    @Override
    public CompletableFuture<Boolean> unregister() {
        return context.unregister(version.registration(), null);
    }

    /**
     * Implements Client's postMessage(message, options)
     * (https://w3c.github.io/ServiceWorker/#client-postmessage-options): the message goes to the
     * client's message queue when a same-origin client with that id is open.
     */
    @Override
    public void postMessageToClient(String clientId, SerializedMessage message) {
        ServiceWorkerClient target = null;
        synchronized (context.lock) {
            for (ServiceWorkerClient client : context.clientsOfLocked(version.registration().storageKey())) {
                if (client.id().equals(clientId)) {
                    target = client;
                }
            }
        }
        if (target != null) {
            target.deliverMessage(version, message);
        }
    }

    /** ServiceWorker's postMessage() in this worker, to a worker of its registration. */
    @Override
    public void postMessageToWorker(String workerId, SerializedMessage message) {
        ServiceWorkerRegistration registration = version.registration();
        ServiceWorkerVersion target = null;
        synchronized (context.lock) {
            for (ServiceWorkerVersion candidate : new ServiceWorkerVersion[] {registration.installing(),
                    registration.waiting(), registration.active(), version}) {
                if (candidate != null && candidate.id().equals(workerId)) {
                    target = candidate;
                    break;
                }
            }
        }
        if (target != null) {
            context.postMessageFromWorker(target, version, message);
        }
    }

    /** BroadcastChannel's constructor in this worker: a channel of the registration's storage key. */
    @Override
    public BroadcastChannelRegistry.Channel openBroadcastChannel(String name, Consumer<SerializedMessage> receiver) {
        return context.broadcastChannels().open(version.registration().storageKey(), name, receiver);
    }
}
