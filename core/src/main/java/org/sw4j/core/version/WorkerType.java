package org.sw4j.core.version;

/** A service worker's type: {@code "classic"} or {@code "module"} (RegistrationOptions.type). */
public enum WorkerType {
    CLASSIC, MODULE
}
