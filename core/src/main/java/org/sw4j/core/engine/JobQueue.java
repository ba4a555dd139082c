package org.sw4j.core.engine;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The scope to job queue map (Service Workers § "job queue", Chromium's
 * {@code ServiceWorkerJobCoordinator}): one FIFO of jobs per scope, each run on a virtual thread of
 * its own once the ones before it finished. Guarded by the engine's lock.
 */
final class JobQueue {
    private final Map<String, ArrayDeque<Job>> queues = new HashMap<>();
    private final Consumer<Job> runner;

    /** {@code runner} runs one job to its end (blocking) and must not throw. */
    JobQueue(Consumer<Job> runner) {
        this.runner = runner;
    }

    /**
     * Implements Schedule Job (https://w3c.github.io/ServiceWorker/#schedule-job-algorithm): run at
     * once when the scope's queue is empty; coalesced into the last job when equivalent and that
     * job's promise is pending; else queued behind it. Call under the engine's lock.
     */
    void schedule(Job job) {
        ArrayDeque<Job> queue = queues.computeIfAbsent(job.scope().href(), key -> new ArrayDeque<>());
        if (queue.isEmpty()) {
            queue.add(job);
            run(job);
            return;
        }
        Job last = queue.peekLast();
        if (job.isEquivalentTo(last) && !last.promise().isDone()) {
            last.equivalentJobs().add(job);
            return;
        }
        queue.add(job);
    }

    /**
     * Implements Finish Job (https://w3c.github.io/ServiceWorker/#finish-job-algorithm): dequeues
     * the job and runs the next one. Call under the engine's lock.
     */
    void finish(Job job) {
        ArrayDeque<Job> queue = queues.get(job.scope().href());
        if (queue == null || queue.peekFirst() != job) {
            return;
        }
        queue.pollFirst();
        Job next = queue.peekFirst();
        if (next == null) {
            queues.remove(job.scope().href());
        } else {
            run(next);
        }
    }

    /** Whether jobs are queued or running for any scope. Under the lock. */
    boolean isBusy() {
        return !queues.isEmpty();
    }

    /** Implements Run Job: the job runs in parallel. */
    private void run(Job job) {
        Thread.ofVirtual().name("sw4j-job " + job.getClass().getSimpleName().toLowerCase() + " " + job.scope().href())
                .start(() -> runner.accept(job));
    }
}
