package org.sw4j.bench;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The thread hand-off under {@link EventDispatchBenchmark}, without GraalJS: the floor of a round
 * trip to an event-loop thread on this machine.
 *
 * <ul>
 *   <li>{@link #parking} has the shape of sw4j's event loop: a task deque under a
 *       {@link ReentrantLock}, the loop thread parked on a {@link Condition} when idle, the caller
 *       parked in {@link CompletableFuture#get()}; so two park/unpark wake-ups per round trip, each
 *       a futex wake of a sleeping thread (and, on a VM, possibly of a halted virtual CPU).</li>
 *   <li>{@link #spinning}: both sides spin for up to {@value #SPIN_NANOS} ns before they park (the
 *       loop thread polling its queue after going idle, the caller polling the future), so back to
 *       back round trips need no wake-up. Informational, for tuning the event loop: spinning burns
 *       CPU that a host of many workers may not have to spare.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class HandoffBaselineBenchmark {
    static final long SPIN_NANOS = 50_000;

    private ParkingLoop parkingLoop;
    private SpinningLoop spinningLoop;

    @Setup(Level.Trial)
    public void setUp() {
        parkingLoop = new ParkingLoop();
        spinningLoop = new SpinningLoop();
    }

    @Benchmark
    public Object parking() throws Exception {
        CompletableFuture<Object> result = new CompletableFuture<>();
        parkingLoop.post(() -> result.complete(Boolean.TRUE));
        return result.get();
    }

    @Benchmark
    public Object spinning() throws Exception {
        CompletableFuture<Object> result = new CompletableFuture<>();
        spinningLoop.post(() -> result.complete(Boolean.TRUE));
        long deadline = System.nanoTime() + SPIN_NANOS;
        while (!result.isDone() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return result.get();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        parkingLoop.close();
        spinningLoop.close();
    }

    /** WorkerInstance's loop, reduced to its queue and wake-up. */
    static final class ParkingLoop {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition wake = lock.newCondition();
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        private final Thread thread = Thread.ofPlatform().daemon().name("handoff-parking").start(this::run);
        private boolean stopping;

        void post(Runnable task) {
            lock.lock();
            try {
                tasks.add(task);
                wake.signal();
            } finally {
                lock.unlock();
            }
        }

        private void run() {
            while (true) {
                Runnable task;
                lock.lock();
                try {
                    while (tasks.isEmpty() && !stopping) {
                        wake.awaitUninterruptibly();
                    }
                    if (stopping) {
                        return;
                    }
                    task = tasks.poll();
                } finally {
                    lock.unlock();
                }
                task.run();
            }
        }

        void close() throws InterruptedException {
            lock.lock();
            try {
                stopping = true;
                wake.signal();
            } finally {
                lock.unlock();
            }
            thread.join();
        }
    }

    /** A loop that polls a lock-free queue for a while before it parks. */
    static final class SpinningLoop {
        private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        private volatile boolean parked;
        private volatile boolean stopping;
        private final Thread thread = Thread.ofPlatform().daemon().name("handoff-spinning").start(this::run);

        void post(Runnable task) {
            tasks.add(task);
            if (parked) {
                LockSupport.unpark(thread);
            }
        }

        private void run() {
            while (!stopping) {
                Runnable task = tasks.poll();
                if (task != null) {
                    task.run();
                    continue;
                }
                long deadline = System.nanoTime() + SPIN_NANOS;
                while (tasks.isEmpty() && !stopping && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                if (tasks.isEmpty() && !stopping) {
                    // Dekker-style with post(): publish "parked", then look at the queue again.
                    parked = true;
                    if (tasks.isEmpty() && !stopping) {
                        LockSupport.park(this);
                    }
                    parked = false;
                }
            }
        }

        void close() throws InterruptedException {
            stopping = true;
            LockSupport.unpark(thread);
            thread.join();
        }
    }
}
