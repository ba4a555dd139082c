package org.sw4j.webapi.message;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;

/**
 * One end of a message channel (HTML § "entangled" ports): what a {@code MessagePort} object holds,
 * wherever that object lives — a JavaScript realm or Java — so that a port keeps its entanglement
 * when it is transferred. Messages posted at one end arrive in the other end's port message queue,
 * which holds them until the end has a {@linkplain #bind receiver} and is {@linkplain #enable
 * enabled} ({@code start()}), then hands each to the receiver in order.
 *
 * <p>Thread-safe: the two ends share one lock. Receivers are called under it and must only queue
 * work (a task in their event loop), never block or call back into the ends.
 */
public final class MessagePortEndpoint {
    /** Where an enabled end's messages go: the event loop of the realm that owns the port object. */
    @FunctionalInterface
    public interface Receiver {
        void receive(SerializedMessage message);
    }

    /** A new channel's two entangled ends (HTML § MessageChannel constructor). */
    public record Pair(MessagePortEndpoint port1, MessagePortEndpoint port2) {
    }

    private final Object lock;
    private final ArrayDeque<SerializedMessage> queue = new ArrayDeque<>();
    private MessagePortEndpoint entangled;
    private Receiver receiver;
    private boolean enabled;
    private boolean closed;

    private MessagePortEndpoint(Object lock) {
        this.lock = lock;
    }

    /**
     * HTML § MessageChannel constructor (https://html.spec.whatwg.org/multipage/web-messaging.html#dom-messagechannel): two entangled ends, each with a
     * disabled, empty port message queue.
     */
    public static Pair entangledPair() {
        Object lock = new Object();
        MessagePortEndpoint first = new MessagePortEndpoint(lock);
        MessagePortEndpoint second = new MessagePortEndpoint(lock);
        first.entangled = second;
        second.entangled = first;
        return new Pair(first, second);
    }

    /**
     * HTML § message port post message steps (https://html.spec.whatwg.org/multipage/web-messaging.html#message-port-post-message-steps): adds {@code message} to the entangled end's port
     * message queue; dropped when this end is not entangled (closed, or its peer closed).
     */
    public void post(SerializedMessage message) {
        Objects.requireNonNull(message, "message");
        synchronized (lock) {
            MessagePortEndpoint target = entangled;
            if (target != null && !target.closed) {
                target.queue.add(message);
                target.drainLocked();
            }
        }
    }

    /**
     * Makes {@code receiver} the owner of this end's messages (a port object was made for it in a
     * realm) with the queue disabled, as a newly transferred port's is; null releases the end (the
     * port object was transferred away or its realm ended) and disables the queue again. Queued
     * messages stay queued.
     */
    public void bind(Receiver receiver) {
        synchronized (lock) {
            this.receiver = receiver;
            this.enabled = false;
        }
    }

    /**
     * HTML § MessagePort start() (https://html.spec.whatwg.org/multipage/web-messaging.html#dom-messageport-start): enables the port message queue;
     * queued messages go to the receiver.
     */
    public void enable() {
        synchronized (lock) {
            enabled = true;
            drainLocked();
        }
    }

    /**
     * Puts back, in order and ahead of the queue, messages handed to a receiver that could not take
     * them any more (its port object was transferred before their task ran).
     */
    public void requeue(List<SerializedMessage> messages) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            for (int i = messages.size() - 1; i >= 0; i--) {
                queue.addFirst(messages.get(i));
            }
            drainLocked();
        }
    }

    /**
     * HTML § MessagePort close() (https://html.spec.whatwg.org/multipage/web-messaging.html#dom-messageport-close), which disentangles: neither end
     * delivers anything from now on.
     */
    public void close() {
        synchronized (lock) {
            closed = true;
            queue.clear();
            receiver = null;
            if (entangled != null) {
                entangled.entangled = null;
                entangled = null;
            }
        }
    }

    /** Whether this end is still entangled with its peer (neither was closed). */
    public boolean isEntangled() {
        synchronized (lock) {
            return entangled != null;
        }
    }

    /** Messages waiting in this end's port message queue. */
    public int queuedMessages() {
        synchronized (lock) {
            return queue.size();
        }
    }

    private void drainLocked() {
        if (!enabled || receiver == null) {
            return;
        }
        for (SerializedMessage next = queue.poll(); next != null; next = queue.poll()) {
            receiver.receive(next);
        }
    }

    @Override
    public String toString() {
        return "MessagePortEndpoint@" + Integer.toHexString(System.identityHashCode(this));
    }
}
