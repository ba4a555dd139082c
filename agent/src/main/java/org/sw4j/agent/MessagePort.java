package org.sw4j.agent;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.sw4j.agent.internal.SerialExecutor;
import org.sw4j.webapi.error.DomExceptionName;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.message.MessagePortEndpoint;
import org.sw4j.webapi.message.SerializedMessage;

/**
 * HTML's {@code MessagePort} in Java: one end of a {@link MessageChannel}, or a port a worker
 * transferred to the embedder. Its messages wait in its port message queue until
 * {@link #onMessage} starts it; listeners run one message at a time on a thread of their own.
 * Transferring it (listing it in a postMessage transfer list) moves it away: it can no longer be
 * used here.
 */
public final class MessagePort implements AutoCloseable {
    private final MessagePortEndpoint endpoint;
    private final SerialExecutor events = new SerialExecutor();
    private final List<Consumer<MessageEvent>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean detached;

    MessagePort(MessagePortEndpoint endpoint) {
        this.endpoint = endpoint;
        endpoint.bind(message -> events.execute(() -> received(message)));
    }

    /** {@code postMessage(message)}. */
    public void postMessage(Object message) {
        postMessage(message, List.of());
    }

    /**
     * {@code postMessage(message, transfer)}: the message (see {@link MessageEvent} for the values it
     * may hold) goes to the entangled port; the ports in {@code transfer} go with it.
     *
     * @throws WebError DataCloneError for a value that cannot be serialized, or when
     *     {@code transfer} holds this port, a duplicate or a transferred port
     * @throws IllegalStateException when this port was transferred
     */
    public void postMessage(Object message, List<MessagePort> transfer) {
        checkNotDetached();
        for (int i = 0; i < transfer.size(); i++) {
            if (transfer.get(i) == this) {
                throw WebError.dom(DomExceptionName.DATA_CLONE_ERROR, "Port at index " + i + " is the source port.");
            }
        }
        endpoint.post(MessageValues.serialize(message, transfer));
    }

    /** Adds a listener of this port's messages and starts the port ({@code onmessage}). */
    public void onMessage(Consumer<MessageEvent> listener) {
        checkNotDetached();
        listeners.add(Objects.requireNonNull(listener, "listener"));
        endpoint.enable();
    }

    /** {@code close()}: disentangles the port; neither end delivers anything from now on. */
    @Override
    public void close() {
        if (!detached) {
            endpoint.close();
        }
    }

    boolean isDetached() {
        return detached;
    }

    /** The transfer steps: this object is detached; its end goes with the message. */
    MessagePortEndpoint detach() {
        detached = true;
        endpoint.bind(null);
        return endpoint;
    }

    private void received(SerializedMessage message) {
        if (detached) {
            endpoint.requeue(List.of(message));
            return;
        }
        MessageValues.Received received = MessageValues.deserialize(message);
        MessageEvent event = new MessageEvent(received.data(), "", received.ports(), null);
        listeners.forEach(listener -> listener.accept(event));
    }

    private void checkNotDetached() {
        if (detached) {
            throw new IllegalStateException("the port was transferred");
        }
    }
}
