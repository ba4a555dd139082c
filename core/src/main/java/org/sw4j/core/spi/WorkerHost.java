package org.sw4j.core.spi;

/**
 * What runs a service worker's JavaScript. The {@code js} module implements it with GraalJS; core
 * tests use a fake.
 */
public interface WorkerHost {
    /**
     * Creates a worker's global scope and queues the evaluation of its main script; returns at
     * once. See {@link RunningWorker#evaluated()}.
     */
    RunningWorker start(WorkerStart start);
}
