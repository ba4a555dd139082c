package org.sw4j.webapi.message;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One node of a serialized record (HTML § StructuredSerializeInternal's output), engine-independent:
 * what {@code structured-clone.js} produces, in Java, so that a message can leave one JavaScript
 * realm and enter another, or Java. A primitive stands for itself; an object node carries the
 * {@code id} that numbers objects in the order they were first met, which {@link Reference}
 * points back to (shared objects and cycles). Deserializing a record copies its bytes; only
 * {@link Transferred} data moves.
 */
public sealed interface SerializedValue {

    // ------------------------------------------------------------------ primitives

    /** {@code undefined}. */
    enum Undefined implements SerializedValue { INSTANCE }

    /** {@code null}. */
    enum Null implements SerializedValue { INSTANCE }

    record BooleanValue(boolean value) implements SerializedValue {
    }

    /** A number (NaN, the infinities and -0 included). */
    record NumberValue(double value) implements SerializedValue {
    }

    record BigIntValue(BigInteger value) implements SerializedValue {
        public BigIntValue {
            Objects.requireNonNull(value, "value");
        }
    }

    record StringValue(String value) implements SerializedValue {
        public StringValue {
            Objects.requireNonNull(value, "value");
        }
    }

    // ------------------------------------------------------------------ references

    /** An object serialized earlier in the same record, by its id. */
    record Reference(int id) implements SerializedValue {
    }

    /** The value transferred at {@code index} of {@link SerializedMessage#transfers()}. */
    record Transferred(int index) implements SerializedValue {
    }

    // ------------------------------------------------------------------ objects

    /** An object node: every kind below but the primitives and references. */
    sealed interface ObjectNode extends SerializedValue {
        int id();
    }

    /** A primitive wrapper object ({@code new Number(1)}, {@code Object(1n)}): its primitive value. */
    record WrapperValue(int id, SerializedValue value) implements ObjectNode {
        public WrapperValue {
            if (!(value instanceof BooleanValue || value instanceof NumberValue || value instanceof BigIntValue
                    || value instanceof StringValue)) {
                throw new IllegalArgumentException("a wrapper holds a boolean, number, bigint or string");
            }
        }
    }

    /** A Date: its time value in milliseconds since the epoch (NaN for an invalid date). */
    record DateValue(int id, double time) implements ObjectNode {
    }

    record RegExpValue(int id, String source, String flags) implements ObjectNode {
    }

    /**
     * An ArrayBuffer's bytes (a copy); {@code maxByteLength} is null for a fixed-length buffer.
     * The array is the node's own: do not change it once the node is shared.
     */
    record ArrayBufferValue(int id, byte[] data, Long maxByteLength) implements ObjectNode {
        public ArrayBufferValue {
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * A typed array or DataView over {@code buffer} (an {@link ArrayBufferValue}, a {@link Reference}
     * to one, or a {@link Transferred} buffer). {@code byteLength} and {@code length} are null for a
     * length-tracking view; {@code length} is null for a DataView too.
     *
     * @param constructorName {@code "Uint8Array"}, ..., {@code "DataView"}
     */
    record ArrayBufferViewValue(int id, String constructorName, SerializedValue buffer, long byteOffset,
            Long byteLength, Long length) implements ObjectNode {
        public ArrayBufferViewValue {
            Objects.requireNonNull(constructorName, "constructorName");
            Objects.requireNonNull(buffer, "buffer");
        }
    }

    /** A Map's entries, keys and values in insertion order. */
    record MapValue(int id, List<Map.Entry<SerializedValue, SerializedValue>> entries) implements ObjectNode {
        public MapValue {
            entries = List.copyOf(entries);
        }
    }

    record SetValue(int id, List<SerializedValue> values) implements ObjectNode {
        public SetValue {
            values = List.copyOf(values);
        }
    }

    /**
     * An Error. {@code message}, {@code stack} and {@code cause} are null when the error did not have
     * them as own data properties.
     *
     * @param name {@code Error}, {@code EvalError}, {@code RangeError}, {@code ReferenceError},
     *     {@code SyntaxError}, {@code TypeError} or {@code URIError}
     */
    record ErrorValue(int id, String name, String message, String stack, SerializedValue cause) implements ObjectNode {
        public ErrorValue {
            Objects.requireNonNull(name, "name");
        }
    }

    record DomExceptionValue(int id, String name, String message, String stack) implements ObjectNode {
        public DomExceptionValue {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(message, "message");
        }
    }

    /** An Array: its length and its own enumerable string-keyed properties (indexes included), in order. */
    record ArrayValue(int id, long length, List<Map.Entry<String, SerializedValue>> properties) implements ObjectNode {
        public ArrayValue {
            properties = List.copyOf(properties);
        }
    }

    /** An ordinary object's own enumerable string-keyed properties, in order. */
    record ObjectValue(int id, List<Map.Entry<String, SerializedValue>> properties) implements ObjectNode {
        public ObjectValue {
            properties = List.copyOf(properties);
        }
    }

    /** A Blob: its bytes and its type. */
    record BlobValue(int id, byte[] data, String type) implements ObjectNode {
        public BlobValue {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(type, "type");
        }
    }

    /** A File: a Blob with a name and a last-modified time (milliseconds since the epoch). */
    record FileValue(int id, byte[] data, String type, String name, double lastModified) implements ObjectNode {
        public FileValue {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
        }
    }
}
