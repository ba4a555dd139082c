package org.sw4j.js.internal;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.sw4j.webapi.error.DomExceptionName;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.message.SerializedMessage;
import org.sw4j.webapi.message.SerializedValue;
import org.sw4j.webapi.message.SerializedValue.ArrayBufferValue;
import org.sw4j.webapi.message.SerializedValue.ArrayBufferViewValue;
import org.sw4j.webapi.message.SerializedValue.ArrayValue;
import org.sw4j.webapi.message.SerializedValue.BigIntValue;
import org.sw4j.webapi.message.SerializedValue.BlobValue;
import org.sw4j.webapi.message.SerializedValue.BooleanValue;
import org.sw4j.webapi.message.SerializedValue.DateValue;
import org.sw4j.webapi.message.SerializedValue.DomExceptionValue;
import org.sw4j.webapi.message.SerializedValue.ErrorValue;
import org.sw4j.webapi.message.SerializedValue.FileValue;
import org.sw4j.webapi.message.SerializedValue.MapValue;
import org.sw4j.webapi.message.SerializedValue.NumberValue;
import org.sw4j.webapi.message.SerializedValue.ObjectValue;
import org.sw4j.webapi.message.SerializedValue.Reference;
import org.sw4j.webapi.message.SerializedValue.RegExpValue;
import org.sw4j.webapi.message.SerializedValue.SetValue;
import org.sw4j.webapi.message.SerializedValue.StringValue;
import org.sw4j.webapi.message.SerializedValue.Transferred;
import org.sw4j.webapi.message.SerializedValue.WrapperValue;

/**
 * Serialized records between {@code structured-clone.js}'s JavaScript form and Java's
 * {@link SerializedMessage}, through {@code messaging.js}'s "host form" (the record with
 * {@code undefined}, bigints and bytes spelled out; see that file's header).
 */
final class MessageRecords {
    private static final Object UNDEFINED = ProxyObject.fromMap(Map.of("$", "undefined"));

    private MessageRecords() {
    }

    // ---------------------------------------------------------------- JavaScript → Java

    /**
     * The message a host-form record describes.
     *
     * @throws WebError DataCloneError for a value that cannot leave its realm
     */
    static SerializedMessage fromHost(Value form) {
        SerializedValue root = value(form.getMember("root"));
        Value transfers = form.getMember("transfers");
        List<SerializedMessage.Transfer> list = new ArrayList<>();
        for (long i = 0; i < transfers.getArraySize(); i++) {
            Value node = transfers.getArrayElement(i);
            String type = node.getMember("type").asString();
            switch (type) {
                case "ArrayBuffer" -> list.add(new SerializedMessage.Transfer.ArrayBuffer(bytes(node.getMember("data")),
                        optionalLong(node, "maxByteLength")));
                case "MessagePort" -> list.add(new SerializedMessage.Transfer.Port(
                        node.getMember("endpoint").asHostObject()));
                default -> throw cannotLeave(type);
            }
        }
        return new SerializedMessage(root, list);
    }

    private static WebError cannotLeave(String type) {
        return WebError.dom(DomExceptionName.DATA_CLONE_ERROR, "A " + type + " cannot be sent to another context.");
    }

    private static SerializedValue value(Value v) {
        if (v.isNull()) {
            return SerializedValue.Null.INSTANCE;
        }
        if (v.isBoolean()) {
            return new BooleanValue(v.asBoolean());
        }
        if (v.isNumber()) {
            return new NumberValue(v.asDouble());
        }
        if (v.isString()) {
            return new StringValue(v.asString());
        }
        Value marker = v.getMember("$");
        if (marker != null && marker.isString()) {
            return switch (marker.asString()) {
                case "undefined" -> SerializedValue.Undefined.INSTANCE;
                case "bigint" -> new BigIntValue(new BigInteger(v.getMember("value").asString()));
                default -> throw cannotLeave(marker.asString());
            };
        }
        String type = v.getMember("type").asString();
        if (type.equals("ref")) {
            return new Reference(v.getMember("id").asInt());
        }
        if (type.equals("transferred")) {
            return new Transferred(v.getMember("index").asInt());
        }
        int id = v.getMember("id").asInt();
        return switch (type) {
            case "Boolean", "Number", "String", "BigInt" -> new WrapperValue(id, value(v.getMember("value")));
            case "Date" -> new DateValue(id, v.getMember("time").asDouble());
            case "RegExp" -> new RegExpValue(id, v.getMember("source").asString(), v.getMember("flags").asString());
            case "ArrayBuffer" -> new ArrayBufferValue(id, bytes(v.getMember("data")), optionalLong(v, "maxByteLength"));
            case "ArrayBufferView" -> new ArrayBufferViewValue(id, v.getMember("constructorName").asString(),
                    value(v.getMember("buffer")), v.getMember("byteOffset").asLong(), optionalLong(v, "byteLength"),
                    optionalLong(v, "length"));
            case "Map" -> {
                Value entries = v.getMember("entries");
                List<Map.Entry<SerializedValue, SerializedValue>> list = new ArrayList<>();
                for (long i = 0; i < entries.getArraySize(); i++) {
                    Value entry = entries.getArrayElement(i);
                    list.add(Map.entry(value(entry.getArrayElement(0)), value(entry.getArrayElement(1))));
                }
                yield new MapValue(id, list);
            }
            case "Set" -> {
                Value values = v.getMember("values");
                List<SerializedValue> list = new ArrayList<>();
                for (long i = 0; i < values.getArraySize(); i++) {
                    list.add(value(values.getArrayElement(i)));
                }
                yield new SetValue(id, list);
            }
            case "Error" -> new ErrorValue(id, v.getMember("name").asString(), optionalString(v, "message"),
                    optionalString(v, "stack"), v.hasMember("cause") ? value(v.getMember("cause")) : null);
            case "DOMException" -> new DomExceptionValue(id, v.getMember("name").asString(),
                    v.getMember("message").asString(), optionalString(v, "stack"));
            case "Array" -> new ArrayValue(id, v.getMember("length").asLong(), properties(v.getMember("properties")));
            case "Object" -> new ObjectValue(id, properties(v.getMember("properties")));
            case "Blob" -> new BlobValue(id, bytes(v.getMember("data")), v.getMember("mimeType").asString());
            case "File" -> new FileValue(id, bytes(v.getMember("data")), v.getMember("mimeType").asString(),
                    v.getMember("name").asString(), v.getMember("lastModified").asDouble());
            default -> throw cannotLeave(type);
        };
    }

    private static List<Map.Entry<String, SerializedValue>> properties(Value properties) {
        List<Map.Entry<String, SerializedValue>> list = new ArrayList<>();
        for (long i = 0; i < properties.getArraySize(); i++) {
            Value pair = properties.getArrayElement(i);
            list.add(Map.entry(pair.getArrayElement(0).asString(), value(pair.getArrayElement(1))));
        }
        return list;
    }

    /** The bytes of a {@code { $: 'bytes', data: ArrayBuffer }} marker. */
    private static byte[] bytes(Value marker) {
        Value buffer = marker.getMember("data");
        byte[] bytes = new byte[(int) buffer.getBufferSize()];
        buffer.readBuffer(0, bytes, 0, bytes.length);
        return bytes;
    }

    /** A member that is a number, or absent or not a number ({@code 'auto'}): null. */
    private static Long optionalLong(Value v, String member) {
        Value value = v.getMember(member);
        return value != null && value.isNumber() ? value.asLong() : null;
    }

    private static String optionalString(Value v, String member) {
        Value value = v.getMember(member);
        return value != null && value.isString() ? value.asString() : null;
    }

    // ---------------------------------------------------------------- Java → JavaScript

    /** The host form of a message, for {@code messaging.js}'s fromHost. */
    static Object toHost(SerializedMessage message) {
        List<Object> transfers = new ArrayList<>();
        for (SerializedMessage.Transfer transfer : message.transfers()) {
            transfers.add(switch (transfer) {
                case SerializedMessage.Transfer.ArrayBuffer buffer ->
                        object("type", "ArrayBuffer", "data", bytes(buffer.data(), buffer.maxByteLength()));
                case SerializedMessage.Transfer.Port port ->
                        object("type", "MessagePort", "endpoint", object("$", "host", "value", port.port()));
            });
        }
        return object("root", host(message.root()), "transfers", ProxyArray.fromList(transfers));
    }

    private static Object host(SerializedValue value) {
        return switch (value) {
            case SerializedValue.Undefined u -> UNDEFINED;
            case SerializedValue.Null n -> null;
            case BooleanValue b -> b.value();
            case NumberValue n -> n.value();
            case StringValue s -> s.value();
            case BigIntValue b -> object("$", "bigint", "value", b.value().toString());
            case Reference r -> object("type", "ref", "id", r.id());
            case Transferred t -> object("type", "transferred", "index", t.index());
            case WrapperValue w -> object("type", switch (w.value()) {
                case BooleanValue b -> "Boolean";
                case NumberValue n -> "Number";
                case BigIntValue b -> "BigInt";
                default -> "String";
            }, "id", w.id(), "value", host(w.value()));
            case DateValue d -> object("type", "Date", "id", d.id(), "time", d.time());
            case RegExpValue r -> object("type", "RegExp", "id", r.id(), "source", r.source(), "flags", r.flags());
            case ArrayBufferValue b -> b.maxByteLength() == null
                    ? object("type", "ArrayBuffer", "id", b.id(), "data", bytes(b.data(), null))
                    : object("type", "ArrayBuffer", "id", b.id(), "data", bytes(b.data(), null),
                            "maxByteLength", b.maxByteLength());
            case ArrayBufferViewValue view -> {
                Map<String, Object> node = new LinkedHashMap<>();
                node.put("type", "ArrayBufferView");
                node.put("id", view.id());
                node.put("constructorName", view.constructorName());
                node.put("buffer", host(view.buffer()));
                node.put("byteOffset", view.byteOffset());
                node.put("byteLength", view.byteLength() == null ? "auto" : view.byteLength());
                if (!view.constructorName().equals("DataView")) {
                    node.put("length", view.length() == null ? "auto" : view.length());
                }
                yield ProxyObject.fromMap(node);
            }
            case MapValue m -> object("type", "Map", "id", m.id(), "entries", ProxyArray.fromList(m.entries().stream()
                    .map(e -> (Object) ProxyArray.fromArray(host(e.getKey()), host(e.getValue()))).toList()));
            case SetValue s -> object("type", "Set", "id", s.id(), "values",
                    ProxyArray.fromList(s.values().stream().map(MessageRecords::host).toList()));
            case ErrorValue e -> {
                Map<String, Object> node = new HashMap<>();
                node.put("type", "Error");
                node.put("id", e.id());
                node.put("name", e.name());
                putIfPresent(node, "message", e.message());
                putIfPresent(node, "stack", e.stack());
                if (e.cause() != null) {
                    node.put("cause", host(e.cause()));
                }
                yield ProxyObject.fromMap(node);
            }
            case DomExceptionValue e -> {
                Map<String, Object> node = new HashMap<>();
                node.put("type", "DOMException");
                node.put("id", e.id());
                node.put("name", e.name());
                node.put("message", e.message());
                putIfPresent(node, "stack", e.stack());
                yield ProxyObject.fromMap(node);
            }
            case ArrayValue a -> object("type", "Array", "id", a.id(), "length", a.length(), "properties",
                    properties(a.properties()));
            case ObjectValue o -> object("type", "Object", "id", o.id(), "properties", properties(o.properties()));
            case BlobValue b -> object("type", "Blob", "id", b.id(), "data", bytes(b.data(), null), "mimeType", b.type());
            case FileValue f -> {
                Map<String, Object> node = new HashMap<>();
                node.put("type", "File");
                node.put("id", f.id());
                node.put("data", bytes(f.data(), null));
                node.put("mimeType", f.type());
                node.put("name", f.name());
                node.put("lastModified", f.lastModified());
                yield ProxyObject.fromMap(node);
            }
        };
    }

    private static void putIfPresent(Map<String, Object> node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    private static Object properties(List<Map.Entry<String, SerializedValue>> properties) {
        return ProxyArray.fromList(properties.stream()
                .map(e -> (Object) ProxyArray.fromArray(e.getKey(), host(e.getValue()))).toList());
    }

    private static Object bytes(byte[] data, Long max) {
        String packed = FetchBinding.packed(ByteBuffer.wrap(data));
        return max == null ? object("$", "bytes", "data", packed) : object("$", "bytes", "data", packed, "max", max);
    }

    /** A proxy object of alternating keys and values (values may be null). */
    private static Object object(Object... keysAndValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return ProxyObject.fromMap(map);
    }
}
