package org.sw4j.core.version;

/** A service worker's lifecycle state (Service Workers § "service worker" concept: state). */
public enum ServiceWorkerState {
    PARSED("parsed"),
    INSTALLING("installing"),
    INSTALLED("installed"),
    ACTIVATING("activating"),
    ACTIVATED("activated"),
    REDUNDANT("redundant");

    private final String jsName;

    ServiceWorkerState(String jsName) {
        this.jsName = jsName;
    }

    /** The value of {@code ServiceWorker.state} in JavaScript. */
    public String jsName() {
        return jsName;
    }
}
