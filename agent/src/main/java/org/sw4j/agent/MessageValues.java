package org.sw4j.agent;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sw4j.webapi.error.DomExceptionName;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.message.SerializedMessage;
import org.sw4j.webapi.message.SerializedValue;

/**
 * Java message values to and from serialized messages (StructuredSerializeWithTransfer and
 * StructuredDeserializeWithTransfer for the Java values {@link MessageEvent} lists).
 */
final class MessageValues {
    private MessageValues() {
    }

    /** What a deserialized message gives: its data and its new ports. */
    record Received(Object data, List<MessagePort> ports) {
    }

    private static WebError dataCloneError(String message) {
        return WebError.dom(DomExceptionName.DATA_CLONE_ERROR, message);
    }

    /**
     * StructuredSerializeWithTransfer of a Java value: the ports in {@code transfer} are detached
     * (they can no longer be used here) once every check passed.
     *
     * @throws WebError DataCloneError for a value that cannot be serialized, a port that is not in
     *     {@code transfer}, a duplicate or an already transferred port
     */
    static SerializedMessage serialize(Object value, List<MessagePort> transfer) {
        Map<MessagePort, Integer> indexes = new IdentityHashMap<>();
        for (int i = 0; i < transfer.size(); i++) {
            MessagePort port = transfer.get(i);
            if (port == null) {
                throw new NullPointerException("transfer[" + i + "]");
            }
            if (indexes.containsKey(port)) {
                throw dataCloneError("MessagePort at index " + i + " of the transfer list is a duplicate of an earlier MessagePort.");
            }
            if (port.isDetached()) {
                throw dataCloneError("MessagePort at index " + i + " of the transfer list is already detached.");
            }
            indexes.put(port, i);
        }
        SerializedValue root = new Serializer(indexes).value(value);
        List<SerializedMessage.Transfer> transfers = new ArrayList<>();
        for (MessagePort port : transfer) {
            transfers.add(new SerializedMessage.Transfer.Port(port.detach()));
        }
        return new SerializedMessage(root, transfers);
    }

    private static final class Serializer {
        private final Map<MessagePort, Integer> transferIndexes;
        private final Map<Object, Integer> ids = new IdentityHashMap<>();

        Serializer(Map<MessagePort, Integer> transferIndexes) {
            this.transferIndexes = transferIndexes;
        }

        SerializedValue value(Object value) {
            if (value == null) {
                return SerializedValue.Null.INSTANCE;
            }
            if (value instanceof SerializedValue node) {
                return node;
            }
            if (value instanceof Boolean b) {
                return new SerializedValue.BooleanValue(b);
            }
            if (value instanceof BigInteger big) {
                return new SerializedValue.BigIntValue(big);
            }
            if (value instanceof Number number) {
                return new SerializedValue.NumberValue(number.doubleValue());
            }
            if (value instanceof CharSequence || value instanceof Character) {
                return new SerializedValue.StringValue(value.toString());
            }
            if (value instanceof MessagePort port) {
                Integer index = transferIndexes.get(port);
                if (index == null) {
                    throw dataCloneError("A MessagePort could not be cloned because it was not transferred.");
                }
                return new SerializedValue.Transferred(index);
            }
            Integer known = ids.get(value);
            if (known != null) {
                return new SerializedValue.Reference(known);
            }
            int id = ids.size();
            if (value instanceof byte[] bytes) {
                ids.put(value, id);
                return new SerializedValue.ArrayBufferValue(id, bytes.clone(), null);
            }
            if (value instanceof List<?> list) {
                ids.put(value, id);
                List<Map.Entry<String, SerializedValue>> properties = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    properties.add(Map.entry(Integer.toString(i), value(list.get(i))));
                }
                return new SerializedValue.ArrayValue(id, list.size(), properties);
            }
            if (value instanceof Map<?, ?> map) {
                ids.put(value, id);
                List<Map.Entry<String, SerializedValue>> properties = new ArrayList<>();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!(entry.getKey() instanceof String key)) {
                        throw dataCloneError("A message's Map keys are strings, not " + entry.getKey());
                    }
                    properties.add(Map.entry(key, value(entry.getValue())));
                }
                return new SerializedValue.ObjectValue(id, properties);
            }
            throw dataCloneError("A " + value.getClass().getName() + " could not be cloned.");
        }
    }

    /**
     * StructuredDeserializeWithTransfer into Java values: each transferred port becomes a
     * {@link MessagePort} of the embedder.
     */
    static Received deserialize(SerializedMessage message) {
        List<Object> transferred = new ArrayList<>();
        List<MessagePort> ports = new ArrayList<>();
        for (SerializedMessage.Transfer transfer : message.transfers()) {
            switch (transfer) {
                case SerializedMessage.Transfer.ArrayBuffer buffer -> transferred.add(buffer.data());
                case SerializedMessage.Transfer.Port port -> {
                    MessagePort received = new MessagePort(port.port());
                    transferred.add(received);
                    ports.add(received);
                }
            }
        }
        Object data = new Deserializer(transferred).value(message.root());
        return new Received(data, ports);
    }

    private static final class Deserializer {
        private final List<Object> transferred;
        private final Map<Integer, Object> memory = new HashMap<>();

        Deserializer(List<Object> transferred) {
            this.transferred = transferred;
        }

        Object value(SerializedValue value) {
            return switch (value) {
                case SerializedValue.Null n -> null;
                case SerializedValue.BooleanValue b -> b.value();
                case SerializedValue.NumberValue n -> n.value();
                case SerializedValue.StringValue s -> s.value();
                case SerializedValue.BigIntValue b -> b.value();
                case SerializedValue.Reference r -> memory.get(r.id());
                case SerializedValue.Transferred t -> transferred.get(t.index());
                case SerializedValue.ArrayBufferValue b -> remember(b, b.data().clone());
                case SerializedValue.ArrayValue a -> {
                    List<Object> list = new ArrayList<>();
                    remember(a, list);
                    for (long i = 0; i < a.length(); i++) {
                        list.add(null);
                    }
                    for (Map.Entry<String, SerializedValue> property : a.properties()) {
                        int index = arrayIndex(property.getKey());
                        Object element = value(property.getValue());
                        if (index >= 0 && index < list.size()) {
                            list.set(index, element);
                        }
                    }
                    yield list;
                }
                case SerializedValue.ObjectValue o -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    remember(o, map);
                    for (Map.Entry<String, SerializedValue> property : o.properties()) {
                        map.put(property.getKey(), value(property.getValue()));
                    }
                    yield map;
                }
                case SerializedValue.ObjectNode node -> remember(node, node);
                default -> value;
            };
        }

        private Object remember(SerializedValue.ObjectNode node, Object value) {
            memory.put(node.id(), value);
            return value;
        }

        private static int arrayIndex(String key) {
            try {
                return Integer.parseInt(key);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}
