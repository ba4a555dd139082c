package org.sw4j.core.engine;

import org.sw4j.core.version.ServiceWorkerState;

/**
 * Hears what a {@link ServiceWorkerContext} does, in the order it happens, on one notifying thread
 * (a slow observer delays the others, not the engine). All methods optional.
 */
public interface ServiceWorkerObserver {

    /** Update Worker State: {@code version} is now in {@code state} (a {@code statechange}). */
    default void stateChanged(ServiceWorkerVersion version, ServiceWorkerState state) {
    }

    /** An installing worker was set: the registration objects fire {@code updatefound}. */
    default void updateFound(ServiceWorkerRegistration registration) {
    }

    /** Notify Controller Change: {@code client}'s controller is now {@code controller} ({@code controllerchange}). */
    default void controllerChanged(ServiceWorkerClient client, ServiceWorkerVersion controller) {
    }

    /** Clear Registration ran, or a first install failed: the registration is gone. */
    default void registrationCleared(ServiceWorkerRegistration registration) {
    }

    /** A worker's JavaScript started ({@code running}) or stopped; its lifecycle state is untouched. */
    default void runningChanged(ServiceWorkerVersion version, boolean running) {
    }

    /** A job failed (register, update or unregister), with the error its promise rejected with. */
    default void jobFailed(Job job, RuntimeException error) {
    }

    /** A worker reported an uncaught exception. */
    default void uncaughtError(ServiceWorkerVersion version, String description) {
    }
}
