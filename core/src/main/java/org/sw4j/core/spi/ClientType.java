package org.sw4j.core.spi;

/** A service worker client's type, and the {@code type} of a {@code clients.matchAll()} query. */
public enum ClientType {
    WINDOW("window"),
    WORKER("worker"),
    SHAREDWORKER("sharedworker"),
    /** Only in queries: every type. */
    ALL("all");

    private final String jsName;

    ClientType(String jsName) {
        this.jsName = jsName;
    }

    /** The IDL enum value ({@code ClientType} / {@code Client.type}). */
    public String jsName() {
        return jsName;
    }

    /** The value for an IDL string, or null when it is not one. */
    public static ClientType fromJsName(String name) {
        for (ClientType type : values()) {
            if (type.jsName.equals(name)) {
                return type;
            }
        }
        return null;
    }
}
