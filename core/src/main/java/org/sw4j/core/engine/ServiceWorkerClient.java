package org.sw4j.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.sw4j.core.spi.ClientInfo;
import org.sw4j.core.spi.ClientType;
import org.sw4j.webapi.message.SerializedMessage;
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
    private MessageSink messageSink;
    private final List<Runnable> undelivered = new ArrayList<>();

    /**
     * Where the embedder hears of the messages service workers post to this client (Service Workers
     * § Client postMessage(): the client's message queue). Called on the posting worker's thread:
     * only queue work.
     */
    @FunctionalInterface
    public interface MessageSink {
        void message(ServiceWorkerVersion source, SerializedMessage message);
    }

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

    /**
     * Sets where this client's messages go; messages that arrived before any sink was set go to it
     * now, in order.
     */
    public void setMessageSink(MessageSink sink) {
        List<Runnable> pending;
        synchronized (undelivered) {
            messageSink = Objects.requireNonNull(sink, "sink");
            pending = List.copyOf(undelivered);
            undelivered.clear();
        }
        pending.forEach(Runnable::run);
    }

    /** Adds a message from {@code source} to the client's message queue. */
    void deliverMessage(ServiceWorkerVersion source, SerializedMessage message) {
        MessageSink sink;
        synchronized (undelivered) {
            sink = messageSink;
            if (sink == null) {
                undelivered.add(() -> deliverMessage(source, message));
                return;
            }
        }
        sink.message(source, message);
    }

    @Override
    public String toString() {
        return "ServiceWorkerClient[" + id + " " + url.href() + "]";
    }
}
