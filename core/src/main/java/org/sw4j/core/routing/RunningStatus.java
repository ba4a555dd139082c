package org.sw4j.core.routing;

/** The {@code RunningStatus} enum (https://w3c.github.io/ServiceWorker/#enumdef-runningstatus). */
public enum RunningStatus {
    RUNNING("running"),
    NOT_RUNNING("not-running");

    private final String jsName;

    RunningStatus(String jsName) {
        this.jsName = jsName;
    }

    public String jsName() {
        return jsName;
    }

    /** The constant JavaScript spells {@code value}, or null. */
    public static RunningStatus fromJs(String value) {
        for (RunningStatus status : values()) {
            if (status.jsName.equals(value)) {
                return status;
            }
        }
        return null;
    }
}
