package org.sw4j.core.spi;

import java.util.Objects;
import org.sw4j.webapi.message.SerializedMessage;

/**
 * A message posted to a service worker (Service Workers § ServiceWorker postMessage()), as the
 * worker's {@code ExtendableMessageEvent} will show it: exactly one of {@code sourceClient} (a
 * client posted it: the event's {@code source} is a {@code Client}/{@code WindowClient}) and
 * {@code sourceWorker} (a service worker posted it: the source is a {@code ServiceWorker}) is set.
 *
 * @param message the serialized message, deserialized in the worker (a failure fires messageerror)
 * @param origin the serialized origin of the sender
 */
public record ExtendableMessageEventInit(SerializedMessage message, String origin, ClientInfo sourceClient,
        WorkerInfo sourceWorker) {
    public ExtendableMessageEventInit {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(origin, "origin");
        if ((sourceClient == null) == (sourceWorker == null)) {
            throw new IllegalArgumentException("a message has either a client or a worker as its source");
        }
    }
}
