package org.sw4j.agent;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.sw4j.agent.internal.SerialExecutor;
import org.sw4j.core.messaging.BroadcastChannelRegistry;
import org.sw4j.webapi.error.DomExceptionName;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.message.SerializedMessage;

/**
 * HTML's {@code BroadcastChannel} in a window: its messages go to every other open channel of the
 * same name and the window's origin — in that origin's running service workers and other windows —
 * and theirs come here. Messages that arrive while no listener is set are dropped, as in a browser.
 * Closing the window closes its channels.
 */
public final class BroadcastChannel implements AutoCloseable {
    private final String name;
    private final String origin;
    private final BroadcastChannelRegistry.Channel channel;
    private final SerialExecutor events = new SerialExecutor();
    private final List<Consumer<MessageEvent>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** {@code new BroadcastChannel(name)} in {@code window}. */
    public BroadcastChannel(Window window, String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.origin = window.client().storageKey();
        this.channel = window.agent().context().broadcastChannels().open(origin, name,
                message -> events.execute(() -> received(message)));
        window.opened(this);
    }

    public String name() {
        return name;
    }

    /**
     * {@code postMessage(message)}; see {@link MessageEvent} for the values it may hold (no ports).
     *
     * @throws WebError InvalidStateError once closed; DataCloneError for a value that cannot be serialized
     */
    public void postMessage(Object message) {
        if (closed) {
            throw WebError.dom(DomExceptionName.INVALID_STATE_ERROR, "Channel is closed");
        }
        channel.post(MessageValues.serialize(message, List.of()));
    }

    /** Adds a listener ({@code onmessage}). */
    public void onMessage(Consumer<MessageEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void close() {
        closed = true;
        channel.close();
    }

    private void received(SerializedMessage message) {
        if (closed) {
            return;
        }
        MessageEvent event = new MessageEvent(MessageValues.deserialize(message).data(), origin, List.of(), null);
        listeners.forEach(listener -> listener.accept(event));
    }
}
