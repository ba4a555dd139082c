package org.sw4j.agent;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.sw4j.core.engine.LifecycleDiagnosis;
import org.sw4j.core.engine.ServiceWorkerClient;
import org.sw4j.core.engine.ServiceWorkerRegistration;
import org.sw4j.core.spi.NavigationPreloadState;
import org.sw4j.core.version.ServiceWorkerState;

/** A service worker registration seen from a window ({@code ServiceWorkerRegistration}). */
public final class Registration {
    private final UserAgent agent;
    private final ServiceWorkerRegistration registration;
    private final ServiceWorkerClient client;

    Registration(UserAgent agent, ServiceWorkerRegistration registration, ServiceWorkerClient client) {
        this.agent = agent;
        this.registration = registration;
        this.client = client;
    }

    public String scope() {
        return registration.scope().href();
    }

    /** The registration's installing, waiting and active workers, now. */
    public RegistrationState state() {
        return RegistrationState.of(registration);
    }

    /** {@code registration.installing}: the installing worker, to post messages to. */
    public java.util.Optional<ServiceWorker> installing() {
        return worker(registration.installing());
    }

    /** {@code registration.waiting}: the waiting worker, to post messages to. */
    public java.util.Optional<ServiceWorker> waiting() {
        return worker(registration.waiting());
    }

    /** {@code registration.active}: the active worker, to post messages to. */
    public java.util.Optional<ServiceWorker> active() {
        return worker(registration.active());
    }

    private java.util.Optional<ServiceWorker> worker(org.sw4j.core.engine.ServiceWorkerVersion version) {
        return java.util.Optional.ofNullable(version).map(v -> new ServiceWorker(agent, v, client));
    }

    /**
     * {@code registration.update()}: checks the scripts byte for byte and installs a new worker when
     * they changed; returns when the update job is done (a new worker is then installing).
     *
     * @throws org.sw4j.webapi.error.WebError as the job rejected (TypeError, SecurityError, InvalidStateError)
     */
    public void update() throws InterruptedException {
        ServiceWorkerContainer.await(agent.context().update(registration, client));
    }

    /** {@code registration.unregister()}: true when it was unregistered now. */
    public boolean unregister() throws InterruptedException {
        return ServiceWorkerContainer.await(agent.context().unregister(registration, client));
    }

    /**
     * {@code registration.navigationPreload.enable()} / {@code disable()} from the window.
     *
     * @throws org.sw4j.webapi.error.WebError InvalidStateError when the registration has no active worker
     */
    public void setNavigationPreloadEnabled(boolean enabled) throws InterruptedException {
        ServiceWorkerContainer.await(agent.context().setNavigationPreloadEnabled(registration, enabled));
    }

    /**
     * {@code registration.navigationPreload.setHeaderValue(value)} from the window.
     *
     * @throws org.sw4j.webapi.error.WebError TypeError for a value that is not a header value,
     *     InvalidStateError when the registration has no active worker
     */
    public void setNavigationPreloadHeaderValue(String value) throws InterruptedException {
        ServiceWorkerContainer.await(agent.context().setNavigationPreloadHeaderValue(registration, value));
    }

    /** {@code registration.navigationPreload.getState()}: whether preload is enabled, and its header value. */
    public NavigationPreloadState navigationPreloadState() {
        return new NavigationPreloadState(registration.navigationPreloadEnabled(),
                registration.navigationPreloadHeaderValue());
    }

    /**
     * Allows the active worker window interaction for {@code duration}: {@code clients.openWindow()}
     * and {@code WindowClient.focus()} succeed meanwhile (they reject with InvalidAccessError
     * otherwise). This is what a click on one of the worker's notifications will grant (its
     * {@code notificationclick} event) once notifications exist; until then the embedder grants it.
     */
    public void allowWindowInteraction(Duration duration) {
        agent.context().allowWindowInteraction(registration, duration);
    }

    /** Why the workers are where they are: which clients hold the old worker, which promises an install waits for. */
    public LifecycleDiagnosis diagnose() throws InterruptedException {
        return ServiceWorkerContainer.await(agent.context().diagnose(registration));
    }

    /**
     * Waits until the registration's state satisfies {@code condition}.
     *
     * @throws TimeoutException when it did not within {@code timeout}
     */
    public RegistrationState awaitState(Predicate<RegistrationState> condition, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            RegistrationState state = state();
            if (condition.test(state)) {
                return state;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the registration " + scope() + " did not reach the state in " + timeout
                        + "; it is " + state);
            }
            TimeUnit.MILLISECONDS.sleep(2);
        }
    }

    /** Waits until the registration has an activated worker and nothing installing. */
    public RegistrationState awaitActivated(Duration timeout) throws InterruptedException, TimeoutException {
        return awaitState(state -> state.active() != null && state.active().state() == ServiceWorkerState.ACTIVATED
                && state.installing() == null, timeout);
    }

    /**
     * Waits until the active worker has no pending events (Service Workers § "Service Worker Has
     * No Pending Events"): every event dispatched to it handled and every {@code waitUntil()}
     * promise settled — for example a cache update a fetch handler started after answering.
     *
     * @throws TimeoutException when it still had some after {@code timeout}
     */
    public RegistrationState awaitNoPendingEvents(Duration timeout) throws InterruptedException, TimeoutException {
        return awaitState(state -> state.active() == null || state.active().pendingEvents() == 0, timeout);
    }

    /** Waits until a worker is waiting. */
    public RegistrationState awaitWaiting(Duration timeout) throws InterruptedException, TimeoutException {
        return awaitState(state -> state.waiting() != null, timeout);
    }

    @Override
    public String toString() {
        return "Registration[" + scope() + "]";
    }
}
