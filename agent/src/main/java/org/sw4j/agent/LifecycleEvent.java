package org.sw4j.agent;

import org.sw4j.core.version.ServiceWorkerState;

/** Something the service worker engine did that clients can observe, for {@link UserAgent#onLifecycleEvent}. */
public sealed interface LifecycleEvent {

    /** A worker's {@code statechange}. */
    record StateChanged(String scope, String workerId, String scriptUrl, ServiceWorkerState state)
            implements LifecycleEvent {
    }

    /** A registration's {@code updatefound}: it has a new installing worker. */
    record UpdateFound(String scope) implements LifecycleEvent {
    }

    /** A window's {@code controllerchange}. */
    record ControllerChanged(String windowId, String workerId) implements LifecycleEvent {
    }

    /** A worker's JavaScript started or stopped (its lifecycle state does not change). */
    record RunningChanged(String workerId, boolean running) implements LifecycleEvent {
    }

    /** A registration is gone (unregistered and cleared, or its first install failed). */
    record RegistrationCleared(String scope) implements LifecycleEvent {
    }

    /** A worker reported an uncaught exception. */
    record UncaughtError(String workerId, String description) implements LifecycleEvent {
    }
}
