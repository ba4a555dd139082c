package org.sw4j.proxy.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.sw4j.core.engine.ServiceWorkerClient;
import org.sw4j.core.engine.ServiceWorkerContext;
import org.sw4j.webapi.url.Url;

/**
 * The window clients of the browsers behind the proxy. A navigation makes a client whose id the
 * browser keeps in the {@code sw4j-client} cookie; a later request is attributed to the client its
 * cookie names, else to the most recent open client whose URL is the request's {@code Referer}.
 * A client whose browser sends no request for the idle timeout is closed, as a closed tab would be,
 * so that a waiting worker can activate.
 */
final class ProxyClients {
    static final String COOKIE = "sw4j-client";

    private final ServiceWorkerContext context;
    private final long idleNanos;
    /** Our clients by id, with when each was last used (System.nanoTime). */
    private final Map<String, Long> lastUsed = new ConcurrentHashMap<>();

    ProxyClients(ServiceWorkerContext context, Duration idleTimeout) {
        this.context = context;
        this.idleNanos = idleTimeout.toNanos();
    }

    /** The open client this request belongs to: by cookie, else by referrer; empty when none. */
    Optional<ServiceWorkerClient> attribute(String cookieClientId, Url referrer) {
        if (cookieClientId != null) {
            Optional<ServiceWorkerClient> client = open(cookieClientId);
            if (client.isPresent()) {
                touch(client.get());
                return client;
            }
        }
        if (referrer != null) {
            Url page = referrer.withoutFragment();
            ServiceWorkerClient best = null;
            for (ServiceWorkerClient client : context.clients()) {
                // clients() is in creation order: the last match is the most recent.
                if (lastUsed.containsKey(client.id()) && client.isExecutionReady() && !client.isClosed()
                        && client.url().withoutFragment().equals(page)) {
                    best = client;
                }
            }
            if (best != null) {
                touch(best);
                return Optional.of(best);
            }
        }
        return Optional.empty();
    }

    /** The open client of ours with this id (the one a navigation's cookie names, to be replaced). */
    Optional<ServiceWorkerClient> open(String id) {
        if (id == null || !lastUsed.containsKey(id)) {
            return Optional.empty();
        }
        return context.client(id).filter(c -> !c.isClosed() && c.isExecutionReady());
    }

    /** A navigation to {@code url} reserves a client (not yet execution ready). */
    ServiceWorkerClient reserve(Url url) {
        ServiceWorkerClient client = context.reserveWindowClient(url);
        lastUsed.put(client.id(), System.nanoTime());
        return client;
    }

    /** The navigation answered: the client is ready at {@code url}, replacing the cookie's old one. */
    void navigated(ServiceWorkerClient reserved, ServiceWorkerClient replaced, Url url) {
        if (replaced != null && !replaced.isClosed()) {
            lastUsed.remove(replaced.id());
            context.clientReplaced(replaced, reserved, url);
        } else {
            context.clientExecutionReady(reserved, url);
        }
        touch(reserved);
    }

    /** The navigation failed: its reserved client goes. */
    void failed(ServiceWorkerClient reserved) {
        lastUsed.remove(reserved.id());
        context.closeClient(reserved);
    }

    /** Closes the clients idle longer than the timeout; returns how many. */
    int closeIdle(long now) {
        int closed = 0;
        for (Map.Entry<String, Long> entry : lastUsed.entrySet()) {
            if (now - entry.getValue() < idleNanos) {
                continue;
            }
            Optional<ServiceWorkerClient> client = context.client(entry.getKey());
            // A reserved client whose navigation is still running is not idle: it is not ready yet.
            if (client.isPresent() && !client.get().isExecutionReady()) {
                continue;
            }
            lastUsed.remove(entry.getKey());
            client.ifPresent(context::closeClient);
            closed++;
        }
        return closed;
    }

    /** How many clients the proxy holds open. */
    int size() {
        return lastUsed.size();
    }

    private void touch(ServiceWorkerClient client) {
        long now = System.nanoTime();
        Long last = lastUsed.get(client.id());
        // Idle times count in seconds: a client's many requests each second write its time once.
        if (last == null || now - last > TOUCH_NANOS) {
            lastUsed.put(client.id(), now);
        }
    }

    private static final long TOUCH_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100);
}
