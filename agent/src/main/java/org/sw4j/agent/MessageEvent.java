package org.sw4j.agent;

import java.util.List;

/**
 * A message the embedder received (HTML's {@code MessageEvent}): from a service worker (on a
 * {@link Window}), on a {@link MessagePort}, or on a {@link BroadcastChannel}.
 *
 * <p>{@code data} is the message as Java values: {@code null}, {@link Boolean}, {@link Double}
 * (every number), {@link String}, {@link java.math.BigInteger} (a bigint), {@code byte[]} (an
 * ArrayBuffer), {@link java.util.List} (an Array), {@link java.util.Map Map&lt;String, Object&gt;}
 * (an ordinary object, keys in order) and {@link MessagePort} (a transferred port); an object
 * referenced twice is the same Java object. Anything else (undefined, Date, RegExp, Map, Set,
 * typed arrays, errors, Blob, ...) is its {@link org.sw4j.webapi.message.SerializedValue} node.
 * Messages the embedder posts take the same values; a {@code SerializedValue} in them is sent as
 * it is (its object nodes must not be shared with the rest of the message).
 *
 * @param data the message
 * @param origin the sender's origin ({@code ""} for a port's message)
 * @param ports the ports transferred with the message, in transfer order
 * @param source the service worker that posted it, or null (ports and broadcast channels)
 */
public record MessageEvent(Object data, String origin, List<MessagePort> ports, ServiceWorker source) {
    public MessageEvent {
        ports = List.copyOf(ports);
    }
}
