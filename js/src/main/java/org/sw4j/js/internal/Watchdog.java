package org.sw4j.js.internal;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sw4j.js.WorkerLimits;

/**
 * One daemon thread per host that cuts off workers whose current task runs too long or allocates
 * too much. Tasks report their start; the watchdog samples them, so a task that stays within the
 * limits costs two volatile writes.
 */
public final class Watchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    private final WorkerLimits limits;
    private final Set<WorkerInstance> workers = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private final com.sun.management.ThreadMXBean threads;
    private volatile boolean closed;

    public Watchdog(WorkerLimits limits) {
        this.limits = limits;
        this.threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long periodMillis = Math.max(1, Math.min(50, limits.taskTimeLimit().toMillis() / 10));
        this.thread = Thread.ofPlatform().daemon().name("sw4j-watchdog").unstarted(() -> loop(periodMillis));
        this.thread.start();
    }

    void register(WorkerInstance worker) {
        workers.add(worker);
    }

    void unregister(WorkerInstance worker) {
        workers.remove(worker);
    }

    /** Bytes the given thread has allocated so far, or -1 when the JVM cannot tell. */
    long allocatedBytes(Thread worker) {
        return threads.getThreadAllocatedBytes(worker.threadId());
    }

    private void loop(long periodMillis) {
        long timeLimit = limits.taskTimeLimit().toNanos();
        while (!closed) {
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (WorkerInstance worker : workers) {
                WorkerInstance.TaskInfo task = worker.currentTask();
                if (task == null) {
                    continue;
                }
                if (now - task.startNanos() > timeLimit) {
                    cutOff(worker, "its " + task.name() + " ran for longer than "
                            + limits.taskTimeLimit().toMillis() + " ms");
                } else if (task.startAllocated() >= 0) {
                    long allocated = allocatedBytes(worker.thread()) - task.startAllocated();
                    if (allocated > limits.taskAllocationLimit()) {
                        cutOff(worker, "its " + task.name() + " allocated more than "
                                + (limits.taskAllocationLimit() >> 20) + " MiB of heap");
                    }
                }
            }
        }
    }

    private void cutOff(WorkerInstance worker, String why) {
        if (!workers.remove(worker)) {
            return;
        }
        String reason = "Worker " + worker.scriptUrl() + " was terminated because " + why;
        LOG.error(reason);
        worker.cutOff(reason);
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
