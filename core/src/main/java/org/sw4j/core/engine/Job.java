package org.sw4j.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.sw4j.core.version.WorkerType;
import org.sw4j.webapi.url.Url;

/**
 * A job (Service Workers § "job"): one register, update or unregister request, queued per scope
 * and run one at a time. A job equivalent to the last one queued, while that one's promise is
 * pending, is coalesced into it and settles with it.
 */
public sealed interface Job {

    /** The job's scope URL: the key of its job queue. */
    Url scope();

    /** The client that asked, or null (a soft update). */
    ServiceWorkerClient client();

    /** The job promise: a registration (register, update) or a boolean (unregister). */
    CompletableFuture<Object> promise();

    /** The equivalent jobs coalesced into this one; they settle as it does. */
    List<Job> equivalentJobs();

    /** Implements "job equivalent": same type and the same scope (and script, type and mode for register/update). */
    default boolean isEquivalentTo(Job other) {
        if (getClass() != other.getClass() || !scope().equals(other.scope())) {
            return false;
        }
        if (this instanceof Unregister) {
            return true;
        }
        ScriptJob a = (ScriptJob) this;
        ScriptJob b = (ScriptJob) other;
        return a.scriptUrl().equals(b.scriptUrl()) && a.workerType() == b.workerType()
                && a.updateViaCache() == b.updateViaCache();
    }

    /** A register or update job: it names a script. */
    sealed interface ScriptJob extends Job {
        Url scriptUrl();

        WorkerType workerType();

        UpdateViaCache updateViaCache();

        /** Whether the script fetch must bypass the HTTP cache (soft updates). */
        boolean forceBypassCache();
    }

    /** A register job, from {@code navigator.serviceWorker.register()}. */
    record Register(Url scope, Url scriptUrl, WorkerType workerType, UpdateViaCache updateViaCache,
            ServiceWorkerClient client, Url referrer, CompletableFuture<Object> promise, List<Job> equivalentJobs)
            implements ScriptJob {
        public Register {
            Objects.requireNonNull(scope);
            Objects.requireNonNull(scriptUrl);
            Objects.requireNonNull(referrer);
        }

        Register(Url scope, Url scriptUrl, WorkerType type, UpdateViaCache mode, ServiceWorkerClient client, Url referrer) {
            this(scope, scriptUrl, type, mode, client, referrer, new CompletableFuture<>(), new ArrayList<>());
        }

        @Override
        public boolean forceBypassCache() {
            return false;
        }
    }

    /** An update job: {@code registration.update()} or a soft update. */
    record Update(Url scope, Url scriptUrl, WorkerType workerType, UpdateViaCache updateViaCache,
            ServiceWorkerClient client, boolean forceBypassCache, CompletableFuture<Object> promise,
            List<Job> equivalentJobs) implements ScriptJob {
        Update(Url scope, Url scriptUrl, WorkerType type, UpdateViaCache mode, ServiceWorkerClient client,
                boolean forceBypassCache) {
            this(scope, scriptUrl, type, mode, client, forceBypassCache, new CompletableFuture<>(), new ArrayList<>());
        }
    }

    /** An unregister job. */
    record Unregister(Url scope, ServiceWorkerClient client, Url referrer, CompletableFuture<Object> promise,
            List<Job> equivalentJobs) implements Job {
        Unregister(Url scope, ServiceWorkerClient client, Url referrer) {
            this(scope, client, referrer, new CompletableFuture<>(), new ArrayList<>());
        }
    }
}
