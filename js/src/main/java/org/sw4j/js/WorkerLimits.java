package org.sw4j.js;

import java.time.Duration;

/**
 * The bounds a running worker's JavaScript is held to. A worker past either bound is terminated
 * with an error in the log; the next event starts it afresh.
 *
 * @param taskTimeLimit how long one task (an event dispatch, a timer callback, script
 *     evaluation, with its microtasks) may run before the worker is cut off
 * @param taskHeapGrowthLimit how many bytes one task may add to the heap, counting only what
 *     survives a full garbage collection: this bounds what a worker hoards in one turn of its
 *     event loop, while garbage (however much) is no reason to stop it
 */
public record WorkerLimits(Duration taskTimeLimit, long taskHeapGrowthLimit) {
    /** 30 seconds and 512 MiB per task. */
    public static final WorkerLimits DEFAULT = new WorkerLimits(Duration.ofSeconds(30), 512L << 20);

    public WorkerLimits {
        if (taskTimeLimit.isNegative() || taskTimeLimit.isZero()) {
            throw new IllegalArgumentException("taskTimeLimit must be positive");
        }
        if (taskHeapGrowthLimit <= 0) {
            throw new IllegalArgumentException("taskHeapGrowthLimit must be positive");
        }
    }
}
