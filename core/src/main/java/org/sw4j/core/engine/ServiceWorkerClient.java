package org.sw4j.core.engine;

import java.util.Objects;
import java.util.UUID;
import org.sw4j.core.spi.ClientInfo;
import org.sw4j.core.spi.ClientType;
import org.sw4j.webapi.url.Url;

/**
 * A service worker client (Service Workers § "service worker client"): an environment the
 * embedder made — a window at a URL — with its id, creation URL and active service worker (its
 * controller). A navigation's client is reserved (not execution ready) until its response arrives.
 * Read from any thread; changed by the engine under its lock.
 */
public final class ServiceWorkerClient {
    private final String id;
    private final ClientType type;
    private final long creationOrder;
    private volatile Url url;
    private volatile String frameType = "top-level";
    private volatile String visibilityState = "visible";
    private volatile boolean focused;
    private volatile long focusOrder;
    private volatile boolean executionReady;
    private volatile boolean closed;
    private volatile ServiceWorkerVersion activeServiceWorker;

    ServiceWorkerClient(ClientType type, Url url, long creationOrder) {
        this.id = UUID.randomUUID().toString();
        this.type = Objects.requireNonNull(type);
        this.url = Objects.requireNonNull(url);
        this.creationOrder = creationOrder;
    }

    public String id() {
        return id;
    }

    public ClientType type() {
        return type;
    }

    /** The creation URL (for a window, its document's URL once the navigation answered). */
    public Url url() {
        return url;
    }

    /** The storage key: the URL's origin, serialized. */
    public String storageKey() {
        return url.origin();
    }

    public boolean isExecutionReady() {
        return executionReady;
    }

    public boolean isClosed() {
        return closed;
    }

    public boolean isFocused() {
        return focused;
    }

    public String visibilityState() {
        return visibilityState;
    }

    public String frameType() {
        return frameType;
    }

    /** The client's active service worker: its controller when it is activated. Null when none. */
    public ServiceWorkerVersion activeServiceWorker() {
        return activeServiceWorker;
    }

    public ClientInfo info() {
        return new ClientInfo(id, url.href(), type, frameType, visibilityState, focused);
    }

    long creationOrder() {
        return creationOrder;
    }

    long focusOrder() {
        return focusOrder;
    }

    void setUrl(Url url) {
        this.url = url;
    }

    void setExecutionReady() {
        this.executionReady = true;
    }

    void setClosed() {
        this.closed = true;
    }

    void setActiveServiceWorker(ServiceWorkerVersion version) {
        this.activeServiceWorker = version;
    }

    void setFocus(boolean focused, long order) {
        this.focused = focused;
        if (focused) {
            this.focusOrder = order;
        }
    }

    void setVisibilityState(String visibilityState) {
        this.visibilityState = visibilityState;
    }

    void setFrameType(String frameType) {
        this.frameType = frameType;
    }

    @Override
    public String toString() {
        return "ServiceWorkerClient[" + id + " " + url.href() + "]";
    }
}
