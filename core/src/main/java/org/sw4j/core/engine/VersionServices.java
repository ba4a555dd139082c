package org.sw4j.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.sw4j.core.routing.RouterRule;
import org.sw4j.core.routing.RouterRules;
import org.sw4j.core.spi.ClientInfo;
import org.sw4j.core.spi.ClientType;
import java.util.function.Consumer;
import org.sw4j.core.messaging.BroadcastChannelRegistry;
import org.sw4j.core.spi.NavigationPreloadState;
import org.sw4j.core.spi.RegistrationInfo;
import org.sw4j.core.spi.WorkerInfo;
import org.sw4j.core.spi.WorkerServices;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.webapi.error.DomExceptionName;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.message.SerializedMessage;
import org.sw4j.webapi.url.Url;

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

    // ------------------------------------------------------------------------ navigation preload

    /** NavigationPreloadManager's enable() and disable(), as {@link ServiceWorkerContext#setNavigationPreloadEnabled}. */
    @Override
    public CompletableFuture<Void> setNavigationPreloadEnabled(boolean enabled) {
        return context.setNavigationPreloadEnabled(version.registration(), enabled);
    }

    /** NavigationPreloadManager's setHeaderValue(value), as {@link ServiceWorkerContext#setNavigationPreloadHeaderValue}. */
    @Override
    public CompletableFuture<Void> setNavigationPreloadHeaderValue(String value) {
        return context.setNavigationPreloadHeaderValue(version.registration(), value);
    }

    /** Implements NavigationPreloadManager's getState() (https://w3c.github.io/ServiceWorker/#navigation-preload-manager-getstate). */
    @Override
    public CompletableFuture<NavigationPreloadState> navigationPreloadState() {
        ServiceWorkerRegistration registration = version.registration();
        return CompletableFuture.completedFuture(new NavigationPreloadState(registration.navigationPreloadEnabled(),
                registration.navigationPreloadHeaderValue()));
    }

    // ------------------------------------------------------------------------ window interaction

    /**
     * Implements WindowClient's focus() (https://w3c.github.io/ServiceWorker/#client-focus):
     * InvalidAccessError unless window interaction is allowed; the embedder runs the focusing
     * steps; resolves with the client when it has focus, else TypeError.
     */
    @Override
    public CompletableFuture<ClientInfo> focusClient(String clientId) {
        if (!version.windowInteractionAllowed()) {
            return CompletableFuture.failedFuture(WebError.dom(DomExceptionName.INVALID_ACCESS_ERROR,
                    "Failed to execute 'focus' on 'WindowClient': Not allowed to focus a window."));
        }
        ServiceWorkerClient client = sameOriginClient(clientId);
        if (client == null) {
            return CompletableFuture.failedFuture(WebError.typeError(
                    "Failed to execute 'focus' on 'WindowClient': The client was not found."));
        }
        return context.windowHost.focus(clientId).handle((done, failure) -> {
            if (failure == null && !client.isClosed() && client.isFocused()) {
                return client.info();
            }
            throw WebError.typeError("Failed to execute 'focus' on 'WindowClient': The window could not be focused"
                    + (failure == null ? "." : ": " + message(failure)));
        });
    }

    /**
     * Implements WindowClient's navigate(url) (https://w3c.github.io/ServiceWorker/#client-navigate):
     * TypeError for a URL that does not parse or is about:blank, or a client this worker is not the
     * active worker of; the embedder navigates the window (through Handle Fetch); resolves with the
     * window's new client when it is same-origin with the worker, else empty; TypeError when the
     * navigation failed.
     */
    @Override
    public CompletableFuture<Optional<ClientInfo>> navigateClient(String clientId, String url) {
        String what = "Failed to execute 'navigate' on 'WindowClient'";
        Url target;
        try {
            target = parseWindowUrl(url, what);
        } catch (WebError e) {
            return CompletableFuture.failedFuture(e);
        }
        ServiceWorkerClient client = context.client(clientId).orElse(null);
        if (client == null || client.activeServiceWorker() != version) {
            return CompletableFuture.failedFuture(WebError.typeError(
                    what + ": This service worker is not the client's active service worker."));
        }
        return windowResult(context.windowHost.navigate(clientId, target), what);
    }

    /**
     * Implements Clients' openWindow(url) (https://w3c.github.io/ServiceWorker/#clients-openwindow):
     * TypeError for a URL that does not parse or is about:blank, InvalidAccessError unless window
     * interaction is allowed; the embedder opens a window at the URL; resolves with its client when
     * it is same-origin with the worker, else empty.
     */
    @Override
    public CompletableFuture<Optional<ClientInfo>> openWindow(String url) {
        String what = "Failed to execute 'openWindow' on 'Clients'";
        Url target;
        try {
            target = parseWindowUrl(url, what);
        } catch (WebError e) {
            return CompletableFuture.failedFuture(e);
        }
        if (!version.windowInteractionAllowed()) {
            return CompletableFuture.failedFuture(WebError.dom(DomExceptionName.INVALID_ACCESS_ERROR,
                    what + ": Not allowed to open a window."));
        }
        return windowResult(context.windowHost.openWindow(target), what);
    }

    /** The URL parsed against the worker's API base URL (its script's); about:blank is refused too. */
    private Url parseWindowUrl(String url, String what) {
        Optional<Url> parsed = Url.tryParse(url, version.scriptUrl().href());
        if (parsed.isEmpty()) {
            throw WebError.typeError(what + ": The URL '" + url + "' is invalid.");
        }
        if (parsed.get().href().equals("about:blank")) {
            throw WebError.typeError(what + ": 'about:blank' is not allowed.");
        }
        return parsed.get();
    }

    /** The window's new client, when same-origin with the worker; a failed navigation is a TypeError. */
    private CompletableFuture<Optional<ClientInfo>> windowResult(CompletableFuture<String> newClientId, String what) {
        return newClientId.handle((id, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof WebError web) {
                    throw web;
                }
                throw WebError.typeError(what + ": " + message(cause));
            }
            Optional<ServiceWorkerClient> client = context.client(id);
            if (client.isEmpty() || !client.get().url().originValue().isSameOrigin(version.scriptUrl().originValue())) {
                return Optional.empty();
            }
            return Optional.of(client.get().info());
        });
    }

    /** The open, execution-ready window client of the worker's origin with that id, or null. */
    private ServiceWorkerClient sameOriginClient(String clientId) {
        synchronized (context.lock) {
            for (ServiceWorkerClient client : context.clientsOfLocked(version.registration().storageKey())) {
                if (client.id().equals(clientId) && client.type() == ClientType.WINDOW) {
                    return client;
                }
            }
        }
        return null;
    }

    private static String message(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
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
