package org.sw4j.agent;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.sw4j.core.engine.ServiceWorkerClient;
import org.sw4j.core.engine.ServiceWorkerVersion;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.url.Url;

/** A window's {@code navigator.serviceWorker}. Failures are {@link WebError}s named as in JavaScript. */
public final class ServiceWorkerContainer {
    private final UserAgent agent;
    private final ServiceWorkerClient client;

    ServiceWorkerContainer(UserAgent agent, ServiceWorkerClient client) {
        this.agent = agent;
        this.client = client;
    }

    /** {@code register(scriptUrl)} with the default options; returns once the register job resolved. */
    public Registration register(String scriptUrl) throws InterruptedException {
        return register(scriptUrl, RegistrationOptions.DEFAULT);
    }

    /**
     * {@code register(scriptUrl, options)}: returns once the register job resolved — the new worker
     * is then installing (see {@link Registration#awaitActivated}).
     *
     * @throws WebError TypeError or SecurityError, as the job rejected
     */
    public Registration register(String scriptUrl, RegistrationOptions options) throws InterruptedException {
        return await(registerAsync(scriptUrl, options));
    }

    public CompletableFuture<Registration> registerAsync(String scriptUrl, RegistrationOptions options) {
        return agent.context().register(client, scriptUrl, options.scope(), options.type(), options.updateViaCache())
                .thenApply(registration -> new Registration(agent, registration, client));
    }

    /** {@code getRegistration()}: the registration whose scope matches the window's URL. */
    public Optional<Registration> getRegistration() {
        return getRegistration(client.url().href());
    }

    /** {@code getRegistration(url)}: the registration whose scope matches {@code url} (relative to the window's). */
    public Optional<Registration> getRegistration(String url) {
        return agent.context().getRegistration(client, Url.parse(url, client.url()))
                .map(registration -> new Registration(agent, registration, client));
    }

    /** {@code getRegistrations()}: every registration of the window's origin. */
    public List<Registration> getRegistrations() {
        return agent.context().getRegistrations(client).stream()
                .map(registration -> new Registration(agent, registration, client)).toList();
    }

    /** {@code ready}: completes with the registration matching the window once it has an active worker. */
    public CompletableFuture<Registration> ready() {
        return agent.context().ready(client).thenApply(registration -> new Registration(agent, registration, client));
    }

    /** {@code controller}: the activated worker controlling the window, if any. */
    public Optional<WorkerState> controller() {
        ServiceWorkerVersion controller = agent.context().controller(client);
        return Optional.ofNullable(WorkerState.of(controller));
    }

    /** {@code controller} as a {@link ServiceWorker}, to post messages to. */
    public Optional<ServiceWorker> controllerWorker() {
        return Optional.ofNullable(agent.context().controller(client)).map(v -> new ServiceWorker(agent, v, client));
    }

    static <T> T await(CompletableFuture<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    static RuntimeException unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException(cause);
    }
}
