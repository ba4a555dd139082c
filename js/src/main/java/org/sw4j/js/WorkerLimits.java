package org.sw4j.js;

import java.time.Duration;

/**
 * The bounds a running worker's JavaScript is held to. A worker past either bound is terminated
 * with an error in the log; the next event starts it afresh.
 *
 * @param taskTimeLimit how long one task (an event dispatch, a timer callback, script
 *     evaluation, with its microtasks) may run before the worker is cut off
 * @param taskAllocationLimit how many bytes of heap one task may allocate before the worker is
 *     cut off; this bounds a worker's heap growth per turn of its event loop
 */
public record WorkerLimits(Duration taskTimeLimit, long taskAllocationLimit) {
    /** 30 seconds and 512 MiB per task. */
    public static final WorkerLimits DEFAULT = new WorkerLimits(Duration.ofSeconds(30), 512L << 20);

    public WorkerLimits {
        if (taskTimeLimit.isNegative() || taskTimeLimit.isZero()) {
            throw new IllegalArgumentException("taskTimeLimit must be positive");
        }
        if (taskAllocationLimit <= 0) {
            throw new IllegalArgumentException("taskAllocationLimit must be positive");
        }
    }
}
