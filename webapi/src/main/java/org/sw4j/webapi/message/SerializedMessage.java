package org.sw4j.webapi.message;

import java.util.List;
import java.util.Objects;

/**
 * The result of HTML's StructuredSerializeWithTransfer, engine-independent: the serialized
 * {@code root} and the values transferred with it, which {@link SerializedValue.Transferred}
 * nodes name by index. A message with transfers can be deserialized once: the transferred data
 * and ports move to whoever deserializes it.
 */
public record SerializedMessage(SerializedValue root, List<Transfer> transfers) {
    public SerializedMessage {
        Objects.requireNonNull(root, "root");
        transfers = List.copyOf(transfers);
    }

    /** A message without transfers. */
    public static SerializedMessage of(SerializedValue root) {
        return new SerializedMessage(root, List.of());
    }

    /** The transferred ports, in transfer order: a {@code MessageEvent}'s {@code ports}. */
    public List<MessagePortEndpoint> ports() {
        return transfers.stream().filter(Transfer.Port.class::isInstance)
                .map(transfer -> ((Transfer.Port) transfer).port()).toList();
    }

    /** A transferred value: its data, detached from where it was. */
    public sealed interface Transfer {
        /** A transferred ArrayBuffer's bytes (the array is the message's own). */
        record ArrayBuffer(byte[] data, Long maxByteLength) implements Transfer {
            public ArrayBuffer {
                Objects.requireNonNull(data, "data");
            }
        }

        /** A transferred MessagePort: its end of the channel, to be taken up by the receiver. */
        record Port(MessagePortEndpoint port) implements Transfer {
            public Port {
                Objects.requireNonNull(port, "port");
            }
        }
    }
}
