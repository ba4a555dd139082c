package org.sw4j.js.internal;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.graalvm.polyglot.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sw4j.core.spi.Fetcher;
import org.sw4j.core.spi.cache.CacheStore;
import org.sw4j.js.ConsoleSink;

/**
 * Keeps worker threads ready, each with a global scope it has already prepared, so that starting
 * a worker costs binding the scope and evaluating the script, not creating a context and running
 * sw4j's bootstrap (browsers keep spare renderer processes for the same reason). A scope is
 * prepared on the thread that will run it: GraalJS contexts are fastest when one thread uses them.
 * Each take starts a new thread that prepares the next scope. Taking never blocks: a worker that
 * comes while a scope is still being prepared is handed to the thread preparing it, which runs the
 * worker as soon as the scope is ready (callers start workers while holding the engine's lock, which
 * requests also need).
 */
public final class GlobalScopePool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GlobalScopePool.class);
    private static final AtomicInteger THREAD_NUMBERS = new AtomicInteger();

    /** A thread preparing a scope, or with a prepared one, waiting for the worker it will run. */
    private static final class Slot {
        final CompletableFuture<Consumer<Supplier<GlobalScope>>> work = new CompletableFuture<>();
        Thread thread;
    }

    private final Supplier<Engine> engine;
    private final ConsoleSink console;
    private final String userAgent;
    private final Fetcher fetcher;
    private final CacheStore cacheStore;
    private final int size;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Slot> ready = new ArrayDeque<>();
    /** Slots whose thread is preparing their scope and that no worker has taken yet. */
    private final ArrayDeque<Slot> unclaimed = new ArrayDeque<>();
    /** Slots whose thread is preparing their scope, taken or not. */
    private int preparing;
    /** Threads inside {@link GlobalScope#prepare}, slots' and others'. */
    private int inPreparation;
    private boolean closed;

    /**
     * @param engine the engine, waited for by each preparation (it may still be starting)
     * @param size how many threads with prepared scopes to keep; 0 prepares each on demand
     */
    public GlobalScopePool(Supplier<Engine> engine, ConsoleSink console, String userAgent, Fetcher fetcher,
            CacheStore cacheStore, int size) {
        this.fetcher = fetcher;
        this.cacheStore = cacheStore;
        this.engine = engine;
        this.console = console;
        this.userAgent = userAgent;
        this.size = size;
        refill();
    }

    /**
     * Runs {@code body} on a thread of its own, with a supplier of its global scope, and returns
     * that thread at once: a waiting one whose scope is prepared when there is one, else one whose
     * scope is being prepared (a scope being prepared will be ready sooner than a new one would
     * be), else a new one whose supplier prepares the scope.
     */
    Thread start(Consumer<Supplier<GlobalScope>> body) {
        Slot slot;
        lock.lock();
        try {
            slot = ready.poll();
            if (slot == null && !closed) {
                slot = unclaimed.poll();
            }
        } finally {
            lock.unlock();
        }
        if (slot == null) {
            return newThread(() -> body.accept(this::prepareNow));
        }
        slot.work.complete(body);
        refill();
        return slot.thread;
    }

    /** Prepares a scope for a worker waiting for it (see {@link #prepareNow(Slot)}). */
    private GlobalScope prepareNow() {
        return prepareNow(null);
    }

    /**
     * Prepares a scope on the calling thread, counted so that {@link #close} can wait for it:
     * for {@code slot} (warmed up unless a worker took the slot meanwhile), or, when null, for a
     * worker waiting for it (not warmed up).
     */
    private GlobalScope prepareNow(Slot slot) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the worker host is closed");
            }
            inPreparation++;
        } finally {
            lock.unlock();
        }
        try {
            return GlobalScope.prepare(engine.get(), console, userAgent, fetcher, cacheStore,
                    () -> slot != null && unclaimed(slot));
        } finally {
            lock.lock();
            try {
                inPreparation--;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private static Thread newThread(Runnable run) {
        return Thread.ofPlatform()
                .name("sw4j-worker-" + THREAD_NUMBERS.incrementAndGet())
                .daemon()
                .start(run);
    }

    private void refill() {
        lock.lock();
        try {
            // A slot taken while preparing still counts until its scope is ready (runSlot refills
            // then): one preparation at a time, as two on a small machine would halve the CPU of
            // the worker that is waiting for its scope.
            while (!closed && ready.size() + preparing < size) {
                preparing++;
                Slot slot = new Slot();
                slot.thread = Thread.ofPlatform()
                        .name("sw4j-worker-" + THREAD_NUMBERS.incrementAndGet())
                        .daemon()
                        .unstarted(() -> runSlot(slot));
                unclaimed.add(slot);
                slot.thread.start();
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean unclaimed(Slot slot) {
        lock.lock();
        try {
            return unclaimed.contains(slot);
        } finally {
            lock.unlock();
        }
    }

    private void runSlot(Slot slot) {
        GlobalScope scope;
        try {
            scope = prepareNow(slot);
        } catch (RuntimeException e) {
            boolean taken;
            lock.lock();
            try {
                preparing--;
                taken = !unclaimed.remove(slot);
                changed.signalAll();
                if (!closed) {
                    // A closed pool's engine is closed too; only a failure while open is news.
                    LOG.error("cannot prepare a global scope", e);
                }
            } finally {
                lock.unlock();
            }
            if (taken) {
                // A worker was handed this slot: it prepares its scope itself, as with no slot.
                runTaken(slot, this::prepareNow);
            }
            return;
        }
        boolean taken;
        lock.lock();
        try {
            preparing--;
            taken = !unclaimed.remove(slot);
            changed.signalAll();
            if (closed && !taken) {
                scope.close();
                return;
            }
            if (!taken) {
                ready.add(slot);
            }
        } finally {
            lock.unlock();
        }
        if (taken) {
            refill();
        }
        runTaken(slot, () -> scope);
        // A worker that never came (the pool closed) leaves the scope to close.
        if (!slot.work.isDone() || slot.work.isCancelled()) {
            scope.close();
        }
    }

    /** Waits for the worker handed this slot and runs it with {@code scope}; returns when it ends. */
    private void runTaken(Slot slot, Supplier<GlobalScope> scope) {
        Consumer<Supplier<GlobalScope>> body;
        try {
            body = slot.work.get();
        } catch (InterruptedException | ExecutionException | java.util.concurrent.CancellationException e) {
            // The pool closed before a worker came.
            return;
        }
        body.accept(scope);
    }

    /**
     * Stops preparing scopes, discards the prepared ones and waits (up to 30 s) until no thread is
     * still preparing one: closing the engine while a context is being created can deadlock in
     * Truffle, so the engine must be closed only after this returns.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
            ready.forEach(slot -> slot.work.cancel(false));
            ready.clear();
            unclaimed.forEach(slot -> slot.work.cancel(false));
            unclaimed.clear();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (inPreparation > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("{} global scope(s) still being prepared after 30 s", inPreparation);
                    break;
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }
}
