package org.sw4j.core.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.sw4j.webapi.message.SerializedMessage;

/**
 * The open {@code BroadcastChannel} objects of one user agent, by storage key (origin) and channel
 * name (HTML § Broadcasting to other browsing contexts,
 * https://html.spec.whatwg.org/multipage/web-messaging.html#broadcasting-to-other-browsing-contexts).
 * A message posted on one channel goes to every other open channel of the same storage key and
 * name, in creation order; never to another origin's. Channels in workers and in the embedder's
 * windows meet here.
 *
 * <p>Thread-safe. Receivers are called on the posting thread and must only queue work.
 */
public final class BroadcastChannelRegistry {
    private record Key(String storageKey, String name) {
    }

    private final Map<Key, List<Channel>> channels = new LinkedHashMap<>();
    private final Object delivery = new Object();

    /** One open channel: post to the others, or close. */
    public final class Channel implements AutoCloseable {
        private final Key key;
        private final Consumer<SerializedMessage> receiver;
        private volatile boolean closed;

        private Channel(Key key, Consumer<SerializedMessage> receiver) {
            this.key = key;
            this.receiver = receiver;
        }

        /**
         * HTML § BroadcastChannel postMessage(message)
         * (https://html.spec.whatwg.org/multipage/web-messaging.html#dom-broadcastchannel-postmessage),
         * after serializing: the other open channels of
         * this storage key and name receive {@code message} (it has no transfers, so each
         * deserializes its own copy). Nothing happens once this channel is closed.
         */
        public void post(SerializedMessage message) {
            if (!message.transfers().isEmpty()) {
                throw new IllegalArgumentException("a broadcast message has no transfers");
            }
            // Every destination has the message queued before any other post starts delivering: a
            // reply posted by a destination that heard it reaches the others after it, as when the
            // spec's steps queue all the tasks within the one postMessage() call. Receivers only
            // queue a task, so the lock is held briefly.
            synchronized (delivery) {
                List<Channel> destinations;
                synchronized (channels) {
                    if (closed) {
                        return;
                    }
                    destinations = new ArrayList<>(channels.getOrDefault(key, List.of()));
                }
                for (Channel destination : destinations) {
                    if (destination != this && !destination.closed) {
                        destination.receiver.accept(message);
                    }
                }
            }
        }

        public String name() {
            return key.name();
        }

        public String storageKey() {
            return key.storageKey();
        }

        /** HTML § BroadcastChannel close(): receives and sends nothing from now on. */
        @Override
        public void close() {
            synchronized (channels) {
                closed = true;
                List<Channel> list = channels.get(key);
                if (list != null) {
                    list.remove(this);
                    if (list.isEmpty()) {
                        channels.remove(key);
                    }
                }
            }
        }
    }

    /**
     * HTML § BroadcastChannel constructor: an open channel of {@code storageKey} named {@code name}
     * whose messages from other channels go to {@code receiver}.
     */
    public Channel open(String storageKey, String name, Consumer<SerializedMessage> receiver) {
        Key key = new Key(Objects.requireNonNull(storageKey, "storageKey"), Objects.requireNonNull(name, "name"));
        Channel channel = new Channel(key, Objects.requireNonNull(receiver, "receiver"));
        synchronized (channels) {
            channels.computeIfAbsent(key, k -> new ArrayList<>()).add(channel);
        }
        return channel;
    }

    /** How many channels are open for a storage key and name (for tests and inspectors). */
    public int openChannels(String storageKey, String name) {
        synchronized (channels) {
            return channels.getOrDefault(new Key(storageKey, name), List.of()).size();
        }
    }
}
