package org.sw4j.core.engine;

/** A registration's update via cache mode (Service Workers § ServiceWorkerUpdateViaCache). */
public enum UpdateViaCache {
    /** The HTTP cache serves imported scripts, never the main script. The default. */
    IMPORTS("imports"),
    /** The HTTP cache serves the main script and imported scripts. */
    ALL("all"),
    /** The HTTP cache serves neither. */
    NONE("none");

    private final String jsName;

    UpdateViaCache(String jsName) {
        this.jsName = jsName;
    }

    public String jsName() {
        return jsName;
    }

    /** The mode for an IDL value; throws IllegalArgumentException for any other string. */
    public static UpdateViaCache fromJsName(String name) {
        for (UpdateViaCache mode : values()) {
            if (mode.jsName.equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("The provided value '" + name
                + "' is not a valid enum value of type ServiceWorkerUpdateViaCache.");
    }
}
