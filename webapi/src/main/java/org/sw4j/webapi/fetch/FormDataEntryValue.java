package org.sw4j.webapi.fetch;

import java.util.Arrays;
import java.util.Objects;

/**
 * The value of a {@link FormData} entry, WebIDL's {@code FormDataEntryValue}: a string or a
 * {@code File}.
 */
public sealed interface FormDataEntryValue {

    /** A string value (a scalar value string). */
    record Text(String value) implements FormDataEntryValue {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A {@code File} value: its bytes (never changed after construction), {@code name},
     * {@code type} and {@code lastModified} (milliseconds since the epoch). Equal when all four are.
     */
    record File(byte[] bytes, String name, String type, long lastModified) implements FormDataEntryValue {
        public File {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }

        /**
         * The {@code File} that a {@code Blob} becomes when appended to a {@code FormData} without
         * a filename: named "blob", as create an entry says.
         *
         * @param now the current time, the {@code lastModified} of a new {@code File}
         */
        public static File fromBlob(byte[] bytes, String type, long now) {
            return new File(bytes, "blob", type, now);
        }

        /** The same bytes, type and modification time under another name. */
        public File withName(String newName) {
            return new File(bytes, newName, type, lastModified);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof File file && Arrays.equals(bytes, file.bytes) && name.equals(file.name)
                    && type.equals(file.type) && lastModified == file.lastModified;
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(bytes), name, type, lastModified);
        }

        @Override
        public String toString() {
            return "File[name=" + name + ", type=" + type + ", size=" + bytes.length + "]";
        }
    }
}
