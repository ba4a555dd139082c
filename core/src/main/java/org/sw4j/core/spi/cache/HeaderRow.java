package org.sw4j.core.spi.cache;

import java.util.List;
import java.util.Objects;

/** One stored header: a name (as given) and a value. */
public record HeaderRow(String name, String value) {
    public HeaderRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Fetch's "get" on a header list: the values of the headers named {@code name}
     * (case-insensitively), joined with ", "; null when there is none.
     */
    public static String combined(List<HeaderRow> headers, String name) {
        StringBuilder value = null;
        for (HeaderRow header : headers) {
            if (header.name.equalsIgnoreCase(name)) {
                if (value == null) {
                    value = new StringBuilder(header.value);
                } else {
                    value.append(", ").append(header.value);
                }
            }
        }
        return value == null ? null : value.toString();
    }
}
