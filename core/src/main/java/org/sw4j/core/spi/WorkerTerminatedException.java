package org.sw4j.core.spi;

/** The worker stopped (terminated, or cut off by a limit) before the operation finished. */
public final class WorkerTerminatedException extends Exception {
    public WorkerTerminatedException(String message) {
        super(message);
    }
}
