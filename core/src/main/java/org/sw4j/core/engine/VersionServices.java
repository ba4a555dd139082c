package org.sw4j.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.sw4j.core.routing.RouterRule;
import org.sw4j.core.routing.RouterRules;
import org.sw4j.core.spi.ClientInfo;
import org.sw4j.core.spi.ClientType;
import org.sw4j.core.spi.RegistrationInfo;
import org.sw4j.core.spi.WorkerInfo;
import org.sw4j.core.spi.WorkerServices;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.webapi.error.DomExceptionName;
import org.sw4j.webapi.error.WebError;

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
     * Implements addRoutes(rules)'s checks and steps on the worker
     * (https://w3c.github.io/ServiceWorker/#dom-installevent-addroutes), for rules the binding has
     * verified: a fetch-event or race source needs a fetch listener, and the worker's list of
     * router rules with these appended must pass Check Router Registration Limit.
     */
    @Override
    public CompletableFuture<Void> addRoutes(List<RouterRule> rules) {
        synchronized (context.lock) {
            if (version.state() != ServiceWorkerState.INSTALLING) {
                return CompletableFuture.failedFuture(WebError.dom(DomExceptionName.INVALID_STATE_ERROR,
                        "Failed to execute 'addRoutes' on 'InstallEvent': the worker is not installing."));
            }
            java.util.Set<String> types = version.eventTypesToHandle();
            for (RouterRule rule : rules) {
                if (rule.source().usesFetchEvent() && (types == null || !types.contains("fetch"))) {
                    return CompletableFuture.failedFuture(WebError.typeError("Failed to execute 'addRoutes' on"
                            + " 'InstallEvent': a 'fetch-event' or 'race-network-and-fetch-handler' source needs a"
                            + " fetch event listener."));
                }
            }
            List<RouterRule> all = new ArrayList<>(version.routerRules());
            all.addAll(rules);
            if (!RouterRules.checkRegistrationLimit(all)) {
                return CompletableFuture.failedFuture(WebError.typeError("Failed to execute 'addRoutes' on"
                        + " 'InstallEvent': the router rules have more than 1024 conditions or nest deeper than 10."));
            }
            version.setRouterRules(all);
        }
        return CompletableFuture.completedFuture(null);
    }
}
