package org.sw4j.core.engine;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sw4j.core.registration.ScopeRules;
import org.sw4j.core.script.JavaScriptMimeType;
import org.sw4j.core.spi.ExtendableEventResult;
import org.sw4j.core.spi.ResourceRequest;
import org.sw4j.core.spi.ResourceResponse;
import org.sw4j.core.spi.RunningWorker;
import org.sw4j.core.spi.ScriptEvaluationException;
import org.sw4j.core.spi.ScriptFailure;
import org.sw4j.core.spi.WorkerObserver;
import org.sw4j.core.spi.WorkerStart;
import org.sw4j.core.version.EmbeddedWorker;
import org.sw4j.core.version.ScriptResource;
import org.sw4j.core.version.ScriptResourceMap;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.core.version.WorkerType;
import org.sw4j.webapi.error.DomExceptionName;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.url.Url;

/**
 * The lifecycle algorithms of Service Workers § "Algorithms": the jobs (Register, Update,
 * Unregister), Install, Activate, Try Activate, Clear Registration, Soft Update, Run Service
 * Worker and Terminate Service Worker. Jobs run on their own virtual threads and block on the
 * network and on the worker; state steps take the context's lock.
 */
final class Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
    /** The pending "event" a worker's script evaluation counts as. */
    static final String SCRIPT_EVALUATION = "script evaluation";

    private final ServiceWorkerContext context;
    private final Object lock;

    Lifecycle(ServiceWorkerContext context) {
        this.context = context;
        this.lock = context.lock;
    }

    // ------------------------------------------------------------------------ jobs

    /** Implements Run Job's body: runs one job to its end; never throws. */
    void runJob(Job job) {
        try {
            switch (job) {
                case Job.Register register -> register(register);
                case Job.Update update -> update(update);
                case Job.Unregister unregister -> unregister(unregister);
            }
        } catch (WebError e) {
            rejectAndFinish(job, e);
        } catch (RuntimeException e) {
            LOG.error("the {} job for {} failed", job.getClass().getSimpleName(), job.scope().href(), e);
            rejectAndFinish(job, WebError.typeError("an internal error ended the job: " + e));
        }
    }

    private void rejectAndFinish(Job job, RuntimeException error) {
        reject(job, error);
        finish(job);
    }

    /** Implements Resolve Job Promise, for the job and its equivalent jobs. */
    private static void resolve(Job job, Object value) {
        job.promise().complete(value);
        for (Job equivalent : job.equivalentJobs()) {
            equivalent.promise().complete(value);
        }
    }

    /** Implements Reject Job Promise. */
    private void reject(Job job, RuntimeException error) {
        if (job.promise().completeExceptionally(error)) {
            context.notifyObservers(observer -> observer.jobFailed(job, error));
        }
        for (Job equivalent : job.equivalentJobs()) {
            equivalent.promise().completeExceptionally(error);
        }
    }

    private void finish(Job job) {
        synchronized (lock) {
            context.jobs().finish(job);
        }
    }

    /** Implements Register (https://w3c.github.io/ServiceWorker/#register-algorithm). */
    private void register(Job.Register job) {
        ScopeRules.checkRegisterOrigins(new org.sw4j.core.registration.RegistrationUrls(job.scriptUrl(), job.scope()),
                job.referrer());
        synchronized (lock) {
            Optional<ServiceWorkerRegistration> existing = context.getRegistrationLocked(job.scope());
            if (existing.isPresent()) {
                ServiceWorkerRegistration registration = existing.get();
                ServiceWorkerVersion newest = registration.newestWorker();
                if (newest != null && newest.scriptUrl().equals(job.scriptUrl()) && newest.type() == job.workerType()
                        && registration.updateViaCache() == job.updateViaCache()) {
                    resolve(job, registration);
                    context.jobs().finish(job);
                    return;
                }
            } else {
                context.setRegistrationLocked(job.scope(), job.updateViaCache());
            }
        }
        update(job);
    }

    /** Implements Unregister (https://w3c.github.io/ServiceWorker/#unregister-algorithm). */
    private void unregister(Job.Unregister job) {
        if (job.client() != null && !job.scope().originValue().isSameOrigin(job.referrer().originValue())) {
            throw WebError.dom(DomExceptionName.SECURITY_ERROR, "Failed to unregister a ServiceWorkerRegistration: The"
                    + " origin of the scope does not match the current origin.");
        }
        synchronized (lock) {
            Optional<ServiceWorkerRegistration> found = context.getRegistrationLocked(job.scope());
            if (found.isEmpty()) {
                resolve(job, false);
                context.jobs().finish(job);
                return;
            }
            ServiceWorkerRegistration registration = found.get();
            context.removeRegistrationLocked(registration);
            registration.setUninstalling(true);
            context.persistLocked(registration);
            resolve(job, true);
            tryClearRegistration(registration);
            context.jobs().finish(job);
        }
    }

    /**
     * Implements Update (https://w3c.github.io/ServiceWorker/#update-algorithm): fetches the main
     * script, compares it and every imported script byte for byte with the newest worker's, and
     * installs a new worker when anything changed. A failed fetch or a broken script leaves the
     * registration's workers as they were.
     */
    private void update(Job.ScriptJob job) {
        ServiceWorkerRegistration registration;
        ServiceWorkerVersion newest;
        synchronized (lock) {
            registration = context.getRegistrationLocked(job.scope()).orElse(null);
            if (registration == null || registration.isUninstalling()) {
                throw WebError.typeError("Failed to update a ServiceWorker for scope ('" + job.scope().href()
                        + "'): The registration is not found.");
            }
            newest = registration.newestWorker();
            if (job instanceof Job.Update && newest != null && !newest.scriptUrl().equals(job.scriptUrl())) {
                throw WebError.typeError("Failed to update a ServiceWorker for scope ('" + job.scope().href()
                        + "'): The script URL of the newest worker (" + newest.scriptUrl().href()
                        + ") differs from the job's (" + job.scriptUrl().href() + ").");
            }
        }
        ResourceResponse main;
        try {
            main = fetchMainScript(job, registration);
        } catch (WebError e) {
            failUpdate(job, registration, newest, e);
            return;
        }
        ScriptResourceMap updated = new ScriptResourceMap();
        ScriptResource mainScript = new ScriptResource(job.scriptUrl().href(), main.url(),
                main.header("content-type").orElse(null), main.body());
        updated.put(mainScript);
        boolean hasUpdatedResources = true;
        if (newest != null && newest.scriptUrl().equals(job.scriptUrl()) && newest.type() == job.workerType()) {
            Optional<ScriptResource> stored = newest.scripts().get(job.scriptUrl().href());
            if (stored.isPresent() && Arrays.equals(stored.get().bytes(), main.body())) {
                hasUpdatedResources = importsChanged(newest, job, registration, updated);
            }
        }
        if (!hasUpdatedResources) {
            synchronized (lock) {
                registration.setUpdateViaCache(job.updateViaCache());
                context.persistLocked(registration);
                resolve(job, registration);
                context.jobs().finish(job);
            }
            return;
        }
        ServiceWorkerVersion worker;
        synchronized (lock) {
            worker = newVersion(UUID.randomUUID().toString(), registration, job.scriptUrl(), job.workerType(), updated,
                    null);
        }
        try {
            runServiceWorker(worker);
        } catch (WorkerStartFailure e) {
            terminate(worker);
            failUpdate(job, registration, newest, WebError.typeError("Failed to register a ServiceWorker for scope ('"
                    + job.scope().href() + "') with script ('" + job.scriptUrl().href()
                    + "'): ServiceWorker script evaluation failed: " + e.getMessage()));
            return;
        }
        install(job, worker, registration);
    }

    private void failUpdate(Job job, ServiceWorkerRegistration registration, ServiceWorkerVersion newest,
            WebError error) {
        synchronized (lock) {
            reject(job, error);
            if (newest == null && registration.newestWorker() == null) {
                context.removeRegistrationLocked(registration);
                registration.markCleared();
                context.notifyObservers(observer -> observer.registrationCleared(registration));
            }
            context.jobs().finish(job);
        }
    }

    /**
     * Update's "perform the fetch" steps for the main script: {@code Service-Worker: script}, no
     * redirects, an OK status, a JavaScript MIME type, and the scope within the maximum scope.
     */
    private ResourceResponse fetchMainScript(Job.ScriptJob job, ServiceWorkerRegistration registration) {
        String what = "Failed to register a ServiceWorker for scope ('" + job.scope().href() + "') with script ('"
                + job.scriptUrl().href() + "'): ";
        ResourceResponse response;
        try {
            response = context.scriptFetcher.fetch(scriptRequest(job.scriptUrl().href(),
                    bypassCache(job, registration, true)));
        } catch (IOException e) {
            throw WebError.typeError(what + "An unknown error occurred when fetching the script: " + e.getMessage());
        }
        if (!response.url().equals(job.scriptUrl().href())) {
            throw WebError.dom(DomExceptionName.SECURITY_ERROR, what
                    + "The script resource is behind a redirect, which is disallowed.");
        }
        if (!response.ok()) {
            throw WebError.typeError(what + "A bad HTTP response code (" + response.status()
                    + ") was received when fetching the script.");
        }
        String contentType = response.header("content-type").orElse(null);
        if (!JavaScriptMimeType.matches(contentType)) {
            throw WebError.dom(DomExceptionName.SECURITY_ERROR, what + "The script has an unsupported MIME type ('"
                    + (contentType == null ? "" : contentType) + "').");
        }
        ScopeRules.checkMaxScope(job.scope(), job.scriptUrl(), response.header("service-worker-allowed").orElse(null));
        synchronized (lock) {
            registration.setLastUpdateCheck(context.clock.instant());
        }
        return response;
    }

    /** A script request of an update check: {@code Service-Worker: script}, and no-cache when bypassing. */
    private static ResourceRequest scriptRequest(String url, boolean bypassCache) {
        return ResourceRequest.get(url, bypassCache
                ? Map.of("Service-Worker", "script", "Cache-Control", "max-age=0")
                : Map.of("Service-Worker", "script"));
    }

    /** Whether a script fetch must skip the HTTP cache, as updateViaCache and the 24-hour rule say. */
    private boolean bypassCache(Job.ScriptJob job, ServiceWorkerRegistration registration, boolean mainScript) {
        if (job.forceBypassCache() || isStale(registration)) {
            return true;
        }
        UpdateViaCache mode = job.updateViaCache();
        return mode == UpdateViaCache.NONE || (mainScript && mode == UpdateViaCache.IMPORTS);
    }

    /** Whether the last update check is older than the update check interval (24 h). */
    boolean isStale(ServiceWorkerRegistration registration) {
        Instant last = registration.lastUpdateCheck();
        return last == null || Duration.between(last, context.clock.instant()).compareTo(context.updateCheckInterval) > 0;
    }

    /**
     * Update's comparison of imported scripts: fetches every script of the newest worker's script
     * resource map but the main one; true when any fetched body differs. Bad import responses are
     * skipped, as the spec says.
     */
    private boolean importsChanged(ServiceWorkerVersion newest, Job.ScriptJob job,
            ServiceWorkerRegistration registration, ScriptResourceMap updated) {
        boolean changed = false;
        for (ScriptResource stored : newest.scripts().all()) {
            if (stored.url().equals(job.scriptUrl().href())) {
                continue;
            }
            ResourceResponse fetched;
            try {
                fetched = context.scriptFetcher.fetch(scriptRequest(stored.url(), bypassCache(job, registration, false)));
            } catch (IOException e) {
                LOG.debug("update check of {}: import {} unreachable: {}", job.scriptUrl().href(), stored.url(),
                        e.getMessage());
                continue;
            }
            if (!fetched.ok() || !JavaScriptMimeType.matches(fetched.header("content-type").orElse(null))) {
                continue;
            }
            updated.put(new ScriptResource(stored.url(), fetched.url(), fetched.header("content-type").orElse(null),
                    fetched.body()));
            if (!Arrays.equals(stored.bytes(), fetched.body())) {
                changed = true;
            }
        }
        return changed;
    }

    /**
     * Implements Install (https://w3c.github.io/ServiceWorker/#installation-algorithm): the worker
     * becomes installing, the job resolves, {@code updatefound} fires, the install event runs; on
     * success the worker waits (replacing an older waiting one) and Try Activate follows; on
     * failure it becomes redundant and the workers before it go on serving.
     */
    private void install(Job.ScriptJob job, ServiceWorkerVersion worker, ServiceWorkerRegistration registration) {
        ServiceWorkerVersion newest;
        synchronized (lock) {
            newest = registration.newestWorker();
            registration.setUpdateViaCache(job.updateViaCache());
            registration.setInstalling(worker);
            updateWorkerState(worker, ServiceWorkerState.INSTALLING);
            resolve(job, registration);
            broadcast(registration, true, null);
            context.notifyObservers(observer -> observer.updateFound(registration));
        }
        boolean installFailed = false;
        if (!shouldSkipEvent("install", worker)) {
            Optional<ExtendableEventResult> result = dispatchExtendableEvent(worker, "install");
            installFailed = result.isEmpty() || !result.get().succeeded();
            if (result.isPresent() && !result.get().succeeded()) {
                LOG.info("install of {} failed: {}", worker.scriptUrl().href(),
                        result.get().rejection().map(ScriptFailure::describe).orElse(""));
            }
        }
        synchronized (lock) {
            if (installFailed || worker.state() == ServiceWorkerState.REDUNDANT) {
                terminate(worker);
                updateWorkerState(worker, ServiceWorkerState.REDUNDANT);
                if (registration.installing() == worker) {
                    registration.setInstalling(null);
                }
                broadcast(registration, false, worker);
                if (newest == null && registration.newestWorker() == null) {
                    context.removeRegistrationLocked(registration);
                    registration.markCleared();
                    context.notifyObservers(observer -> observer.registrationCleared(registration));
                }
                context.jobs().finish(job);
                return;
            }
            ServiceWorkerVersion oldWaiting = registration.waiting();
            if (oldWaiting != null) {
                terminate(oldWaiting);
                updateWorkerState(oldWaiting, ServiceWorkerState.REDUNDANT);
            }
            registration.setWaiting(worker);
            registration.setInstalling(null);
            updateWorkerState(worker, ServiceWorkerState.INSTALLED);
            broadcast(registration, false, oldWaiting);
            context.persistLocked(registration);
            context.jobs().finish(job);
            tryActivate(registration);
        }
    }

    /**
     * Implements Try Activate (https://w3c.github.io/ServiceWorker/#try-activate-algorithm): the
     * waiting worker activates when there is no active worker, or when the active one has no
     * pending events and no client uses the registration (or the waiting one called
     * skipWaiting()). Under the lock.
     */
    void tryActivate(ServiceWorkerRegistration registration) {
        ServiceWorkerVersion waiting = registration.waiting();
        if (waiting == null || registration.isCleared() || context.isClosed()) {
            return;
        }
        ServiceWorkerVersion active = registration.active();
        if (active != null && active.state() == ServiceWorkerState.ACTIVATING) {
            return;
        }
        if (active == null || (active.hasNoPendingEvents()
                && (!context.isUsedLocked(registration) || waiting.skipWaitingFlag()))) {
            activate(registration);
        }
    }

    /**
     * Implements Activate (https://w3c.github.io/ServiceWorker/#activation-algorithm): the old
     * active worker is terminated and made redundant, the waiting one becomes active and
     * "activating", every client using the registration gets it as controller, the activate
     * event runs (in parallel), then the worker is "activated". Under the lock.
     */
    private void activate(ServiceWorkerRegistration registration) {
        ServiceWorkerVersion waiting = registration.waiting();
        if (waiting == null) {
            return;
        }
        ServiceWorkerVersion old = registration.active();
        if (old != null) {
            terminate(old);
            updateWorkerState(old, ServiceWorkerState.REDUNDANT);
        }
        registration.setActive(waiting);
        registration.setWaiting(null);
        updateWorkerState(waiting, ServiceWorkerState.ACTIVATING);
        broadcast(registration, false, old);
        for (ServiceWorkerClient client : context.clientsUsingLocked(registration)) {
            client.setActiveServiceWorker(waiting);
            notifyControllerChange(client, waiting);
        }
        context.persistLocked(registration);
        context.checkReadyLocked();
        Thread.ofVirtual().name("sw4j-activate " + registration.scope().href()).start(() -> {
            if (!shouldSkipEvent("activate", waiting)) {
                dispatchExtendableEvent(waiting, "activate");
            }
            synchronized (lock) {
                if (registration.active() == waiting && waiting.state() == ServiceWorkerState.ACTIVATING) {
                    updateWorkerState(waiting, ServiceWorkerState.ACTIVATED);
                    broadcast(registration, false, null);
                }
                // A waiting worker that arrived meanwhile may activate now.
                tryActivate(registration);
            }
        });
    }

    /** Implements Notify Controller Change: the client's {@code controllerchange}. */
    private void notifyControllerChange(ServiceWorkerClient client, ServiceWorkerVersion controller) {
        context.notifyObservers(observer -> observer.controllerChanged(client, controller));
    }

    /**
     * Implements Try Clear Registration: clears an uninstalling registration once no client uses
     * it and none of its workers has pending events. Under the lock.
     */
    void tryClearRegistration(ServiceWorkerRegistration registration) {
        if (context.isUsedLocked(registration)) {
            return;
        }
        for (ServiceWorkerVersion version : registration.versions()) {
            if (!version.hasNoPendingEvents()) {
                return;
            }
        }
        clearRegistration(registration);
    }

    /**
     * Implements Clear Registration (https://w3c.github.io/ServiceWorker/#clear-registration-algorithm):
     * every worker terminated and redundant, the registration gone from the store. Under the lock.
     */
    void clearRegistration(ServiceWorkerRegistration registration) {
        List<ServiceWorkerVersion> versions = registration.versions();
        for (ServiceWorkerVersion version : versions) {
            terminate(version);
            updateWorkerState(version, ServiceWorkerState.REDUNDANT);
        }
        registration.setInstalling(null);
        registration.setWaiting(null);
        registration.setActive(null);
        registration.markCleared();
        context.removeRegistrationLocked(registration);
        context.persistLocked(registration);
        context.notifyObservers(observer -> observer.registrationCleared(registration));
    }

    /** Implements Update Worker State: the state changes and {@code statechange} is observed. Under the lock. */
    private void updateWorkerState(ServiceWorkerVersion worker, ServiceWorkerState state) {
        if (worker.state() == state) {
            return;
        }
        worker.setState(state);
        context.notifyObservers(observer -> observer.stateChanged(worker, state));
    }

    /**
     * Tells the running workers of the registration (and {@code leaving}, a worker that just left
     * it) of the new registration state: their objects update and fire statechange (and
     * updatefound). Under the lock.
     */
    private void broadcast(ServiceWorkerRegistration registration, boolean updateFound, ServiceWorkerVersion leaving) {
        org.sw4j.core.spi.RegistrationInfo info = registration.info();
        List<ServiceWorkerVersion> targets = new ArrayList<>(registration.versions());
        if (leaving != null && !targets.contains(leaving)) {
            targets.add(leaving);
        }
        for (ServiceWorkerVersion version : targets) {
            RunningWorker running = version.running();
            if (running != null) {
                running.registrationChanged(info, updateFound);
            }
        }
    }

    /**
     * Implements Soft Update (https://w3c.github.io/ServiceWorker/#soft-update): an update job for
     * the newest worker's script, bypassing the HTTP cache, with no client.
     */
    void softUpdate(ServiceWorkerRegistration registration) {
        synchronized (lock) {
            if (registration.isUninstalling() || registration.isCleared() || context.isClosed()) {
                return;
            }
            ServiceWorkerVersion newest = registration.newestWorker();
            if (newest == null) {
                return;
            }
            context.jobs().schedule(new Job.Update(registration.scope(), newest.scriptUrl(), newest.type(),
                    registration.updateViaCache(), null, true));
        }
    }

    /** Implements Skip Waiting (the worker's half): sets the flag and invokes Try Activate. */
    void skipWaiting(ServiceWorkerVersion version) {
        synchronized (lock) {
            version.setSkipWaiting();
            ServiceWorkerRegistration registration = version.registration();
            if (registration.waiting() == version) {
                tryActivate(registration);
            }
        }
    }

    // ------------------------------------------------------------------------ running

    /** Implements Should Skip Event: the worker has no listener of that type. */
    static boolean shouldSkipEvent(String type, ServiceWorkerVersion worker) {
        Set<String> types = worker.eventTypesToHandle();
        return types != null && !types.contains(type);
    }

    /** A version with its embedded worker and services. Under the lock (or before the context is shared). */
    ServiceWorkerVersion newVersion(String id, ServiceWorkerRegistration registration, Url scriptUrl, WorkerType type,
            ScriptResourceMap scripts, Set<String> eventTypes) {
        ServiceWorkerVersion version = new ServiceWorkerVersion(id, registration, scriptUrl, type, scripts, eventTypes);
        VersionServices services = new VersionServices(context, version);
        WorkerObserver observer = new WorkerObserver() {
            @Override
            public void uncaughtError(ScriptFailure failure) {
                LOG.warn("Uncaught {} in {}", failure.describe(), scriptUrl.href());
                context.notifyObservers(o -> o.uncaughtError(version, failure.describe()));
            }

            @Override
            public void terminated(String reason) {
                // Hosts may report this from inside terminate(), which callers reach holding the
                // embedded worker's monitor: take the context's lock on another thread, never
                // inside that monitor.
                Thread.ofVirtual().name("sw4j-worker-stopped").start(() -> workerStopped(version, reason));
            }
        };
        version.setWorker(new EmbeddedWorker(context.host, () -> new WorkerStart(scriptUrl.href(), type, scripts,
                version::state, context.scriptFetcher, observer, services)));
        return version;
    }

    private void workerStopped(ServiceWorkerVersion version, String reason) {
        if (reason != null) {
            LOG.warn("worker {} stopped: {}", version.scriptUrl().href(), reason);
        }
        synchronized (lock) {
            version.clearEvents();
            ServiceWorkerRegistration registration = version.registration();
            if (registration.active() == version) {
                tryActivate(registration);
            }
            if (registration.isUninstalling() && !registration.isCleared()) {
                tryClearRegistration(registration);
            }
        }
        context.notifyObservers(observer -> observer.runningChanged(version, false));
    }

    /**
     * Implements Run Service Worker (https://w3c.github.io/ServiceWorker/#run-service-worker-algorithm):
     * the running instance, started (and its script evaluated) when none is running; the first
     * evaluation fixes the set of event types to handle. Blocks; call off the lock.
     *
     * @throws WorkerStartFailure when the worker is redundant or its script failed
     */
    RunningWorker runServiceWorker(ServiceWorkerVersion version) throws WorkerStartFailure {
        RunningWorker running;
        boolean started;
        ServiceWorkerVersion.PendingEvent evaluation;
        synchronized (lock) {
            if (version.state() == ServiceWorkerState.REDUNDANT) {
                throw new WorkerStartFailure("the worker is redundant");
            }
            started = !version.worker().isRunning();
            running = version.worker().run();
            evaluation = version.beginEvent(SCRIPT_EVALUATION);
        }
        if (started) {
            context.notifyObservers(observer -> observer.runningChanged(version, true));
        }
        try {
            running.evaluated().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String message = cause instanceof ScriptEvaluationException evaluationFailure
                    ? evaluationFailure.failure().describe() : String.valueOf(cause.getMessage());
            terminate(version);
            throw new WorkerStartFailure(message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerStartFailure("interrupted");
        } finally {
            synchronized (lock) {
                version.endEvent(evaluation);
            }
        }
        if (version.eventTypesToHandle() == null) {
            version.setEventTypesToHandle(running.eventTypesToHandle());
        }
        return running;
    }

    /**
     * Runs the worker if needed and dispatches an extendable event, counted as a pending event
     * until its lifetime promises settle. Empty when the worker could not run or stopped.
     */
    Optional<ExtendableEventResult> dispatchExtendableEvent(ServiceWorkerVersion version, String type) {
        RunningWorker running;
        try {
            running = runServiceWorker(version);
        } catch (WorkerStartFailure e) {
            LOG.info("{} event of {} not dispatched: {}", type, version.scriptUrl().href(), e.getMessage());
            return Optional.empty();
        }
        ServiceWorkerVersion.PendingEvent event;
        synchronized (lock) {
            event = version.beginEvent(type);
        }
        try {
            return Optional.of(running.dispatchExtendableEvent(type).get());
        } catch (ExecutionException e) {
            LOG.info("{} event of {} ended without result: {}", type, version.scriptUrl().href(),
                    e.getCause().getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            eventEnded(version, event);
        }
    }

    /** An event of the worker ended: the pending-event rules may let a waiting worker activate. */
    void eventEnded(ServiceWorkerVersion version, ServiceWorkerVersion.PendingEvent event) {
        synchronized (lock) {
            version.endEvent(event);
            if (version.hasNoPendingEvents()) {
                ServiceWorkerRegistration registration = version.registration();
                if (registration.active() == version) {
                    tryActivate(registration);
                }
                if (registration.isUninstalling() && !registration.isCleared()) {
                    tryClearRegistration(registration);
                }
            }
        }
    }

    /** Implements Terminate Service Worker: stops its JavaScript; the lifecycle state is untouched. */
    void terminate(ServiceWorkerVersion version) {
        EmbeddedWorker worker = version.worker();
        if (worker != null) {
            worker.stop();
        }
    }

    /** Run Service Worker's "failure". */
    static final class WorkerStartFailure extends Exception {
        WorkerStartFailure(String message) {
            super(message);
        }
    }
}
