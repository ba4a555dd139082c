package org.sw4j.js.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sw4j.js.WorkerLimits;

/**
 * One daemon thread per host that cuts off workers whose current task runs too long or grows the
 * heap too much. Tasks report their start; the watchdog samples them, so a task that stays within
 * the limits costs one volatile write.
 *
 * <p>Heap growth is judged on the whole JVM's heap, which is all a stock JVM can measure (GraalJS's
 * per-context heap limits need Oracle GraalVM): when the heap has grown past the limit since the
 * watchdog first saw a task, it runs a full collection, and only if the growth survives it is the
 * running task held responsible. Garbage, however much a task makes, is never a reason to stop it.
 */
public final class Watchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    private final WorkerLimits limits;
    private final Set<WorkerInstance> workers = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private final MemoryMXBean memory;
    private volatile boolean closed;

    public Watchdog(WorkerLimits limits) {
        this.limits = limits;
        this.memory = ManagementFactory.getMemoryMXBean();
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
                } else if (grewTooMuch(task)) {
                    cutOff(worker, "its " + task.name() + " grew the heap by more than "
                            + (limits.taskHeapGrowthLimit() >> 20) + " MiB");
                }
            }
        }
    }

    private boolean grewTooMuch(WorkerInstance.TaskInfo task) {
        long used = memory.getHeapMemoryUsage().getUsed();
        if (task.heapBaseline < 0) {
            task.heapBaseline = used;
            return false;
        }
        if (used - task.heapBaseline <= limits.taskHeapGrowthLimit()) {
            return false;
        }
        memory.gc();
        long retained = memory.getHeapMemoryUsage().getUsed();
        if (retained - task.heapBaseline > limits.taskHeapGrowthLimit()) {
            return true;
        }
        // Garbage only: judge the task from here on against what it really holds.
        task.heapBaseline = Math.min(task.heapBaseline, retained);
        return false;
    }

    private void cutOff(WorkerInstance worker, String why) {
        if (!workers.remove(worker)) {
            return;
        }
        String reason = "Worker " + worker.scriptUrl() + " was terminated because " + why;
        LOG.error(reason);
        worker.cutOff(reason);
    }

    /** Terminates every worker still running: their host is closing. */
    public void terminateAll() {
        for (WorkerInstance worker : workers) {
            worker.terminate();
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
