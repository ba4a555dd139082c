package org.sw4j.agent;

import java.util.List;
import org.sw4j.core.engine.ServiceWorkerClient;
import org.sw4j.core.engine.ServiceWorkerVersion;
import org.sw4j.webapi.error.WebError;

/**
 * A service worker as a window sees it ({@code ServiceWorker}): from {@link Registration#active()}
 * and the other slots, {@link ServiceWorkerContainer#controllerWorker()}, or a message's
 * {@linkplain MessageEvent#source() source}.
 */
public final class ServiceWorker {
    private final UserAgent agent;
    private final ServiceWorkerVersion version;
    private final ServiceWorkerClient client;

    ServiceWorker(UserAgent agent, ServiceWorkerVersion version, ServiceWorkerClient client) {
        this.agent = agent;
        this.version = version;
        this.client = client;
    }

    public String id() {
        return version.id();
    }

    public String scriptUrl() {
        return version.scriptUrl().href();
    }

    /** The worker's state now, and whether it runs. */
    public WorkerState state() {
        return WorkerState.of(version);
    }

    /** {@code postMessage(message)}. */
    public void postMessage(Object message) {
        postMessage(message, List.of());
    }

    /**
     * {@code postMessage(message, transfer)} (Service Workers § ServiceWorker postMessage()): the
     * worker runs (a stopped worker starts) and its global scope receives an
     * {@code ExtendableMessageEvent} whose {@code source} is this window's {@code WindowClient}.
     * Returns at once. See {@link MessageEvent} for the values a message may hold.
     *
     * A redundant worker cannot run: its messages go nowhere.
     *
     * @throws WebError DataCloneError for a value that cannot be serialized or a bad transfer list
     */
    public void postMessage(Object message, List<MessagePort> transfer) {
        agent.context().postMessageToWorker(version, client, MessageValues.serialize(message, transfer));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServiceWorker worker && worker.version == version && worker.client == client;
    }

    @Override
    public int hashCode() {
        return version.hashCode();
    }

    @Override
    public String toString() {
        return "ServiceWorker[" + scriptUrl() + " " + version.state().jsName() + "]";
    }
}
