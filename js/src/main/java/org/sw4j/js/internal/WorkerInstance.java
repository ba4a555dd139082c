package org.sw4j.js.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.graalvm.polyglot.PolyglotException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sw4j.core.spi.ExtendableEventResult;
import org.sw4j.core.spi.FetchEventDispatch;
import org.sw4j.core.spi.FetchEventInit;
import org.sw4j.core.spi.FetchEventResult;
import org.sw4j.core.spi.PendingExtension;
import org.sw4j.core.spi.RegistrationInfo;
import org.sw4j.core.spi.RunningWorker;
import org.sw4j.core.spi.ScriptEvaluationException;
import org.sw4j.core.spi.ScriptFailure;
import org.sw4j.core.spi.WorkerStart;
import org.sw4j.core.spi.WorkerTerminatedException;
import org.sw4j.core.version.ScriptResource;
import org.sw4j.core.version.WorkerType;

/**
 * One running service worker: a GraalJS context with a {@code ServiceWorkerGlobalScope}, and the
 * thread that runs its event loop. The loop follows the HTML event loop's processing model: it
 * runs one task, then (GraalJS does this when the task's call into JavaScript returns) every
 * microtask; timers become tasks when they are due.
 */
public final class WorkerInstance implements RunningWorker {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerInstance.class);
    /** How long an idle loop watches for new work before it parks. */
    private static final long SPIN_NANOS = SpinWaitFuture.SPIN_NANOS;

    /** The task the worker's thread is running, for the watchdog (compared by identity). */
    static final class TaskInfo {
        private final String name;
        private final long startNanos;
        /** The watchdog's heap baseline for this task; written by the watchdog only. */
        long heapBaseline = -1;

        TaskInfo(String name, long startNanos) {
            this.name = name;
            this.startNanos = startNanos;
        }

        String name() {
            return name;
        }

        long startNanos() {
            return startNanos;
        }
    }

    private record Task(String name, Runnable body) {
    }

    private record Timer(int id, long dueNanos, long sequence, boolean keepsAlive) {
    }

    private final GlobalScopePool scopes;
    private final WorkerStart start;
    private final Watchdog watchdog;
    private volatile Thread thread;
    private final ScriptLoader scripts;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final ArrayDeque<Task> tasks = new ArrayDeque<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            (a, b) -> a.dueNanos != b.dueNanos ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.sequence, b.sequence));
    private final Map<Integer, Timer> timersById = new HashMap<>();
    private final Map<Integer, CompletableFuture<ExtendableEventResult>> openEvents = new HashMap<>();
    /** The fetch events whose answer is still due, by the same id as their entry in openEvents. */
    private final Map<Integer, CompletableFuture<FetchEventResult>> openFetches = new HashMap<>();
    /** pendingExtensions() answers still due, answered empty if the worker stops first. */
    private final List<CompletableFuture<List<PendingExtension>>> pendingQueries = new ArrayList<>();
    private final List<CompletableFuture<Void>> idleWaiters = new ArrayList<>();
    private int keepAliveTimers;
    private int pendingHostOperations;
    private long timerSequence;
    private int nextEventId;
    private boolean stopping;
    /** Bumped whenever a task is queued, so the loop can watch for work without the lock. */
    private volatile long queued;
    private String terminationReason;

    private final CompletableFuture<Void> evaluated = new SpinWaitFuture<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private volatile TaskInfo currentTask;
    private volatile boolean running = true;

    private volatile GlobalScope scope;

    private WorkerInstance(GlobalScopePool scopes, WorkerStart start, Watchdog watchdog) {
        this.scopes = scopes;
        this.start = start;
        this.watchdog = watchdog;
        this.scripts = new ScriptLoader(start);
    }

    /** Starts a worker thread that creates the global scope and evaluates the main script. */
    public static WorkerInstance start(GlobalScopePool scopes, WorkerStart start, Watchdog watchdog) {
        WorkerInstance worker = new WorkerInstance(scopes, start, watchdog);
        worker.thread = scopes.start(worker::run);
        return worker;
    }

    String scriptUrl() {
        return start.scriptUrl();
    }

    /** The global scope this worker runs in; null until it has started. */
    GlobalScope scope() {
        return scope;
    }

    Thread thread() {
        return thread;
    }

    TaskInfo currentTask() {
        return currentTask;
    }

    WorkerStart startParameters() {
        return start;
    }

    ScriptLoader scripts() {
        return scripts;
    }

    // ---------------------------------------------------------------- RunningWorker

    @Override
    public CompletableFuture<Void> evaluated() {
        return evaluated;
    }

    @Override
    public CompletableFuture<ExtendableEventResult> dispatchExtendableEvent(String type) {
        return queueExtendableEvent("'" + type + "' event", id -> () -> scope.dispatchExtendableEvent(type, id));
    }

    /**
     * Opens an extendable event (its result completes when its lifetime promises settled, or
     * exceptionally when the worker stops first) and queues the task {@code dispatch} makes for its id.
     */
    private CompletableFuture<ExtendableEventResult> queueExtendableEvent(String what,
            java.util.function.IntFunction<Runnable> dispatch) {
        CompletableFuture<ExtendableEventResult> result = new SpinWaitFuture<>();
        int id;
        lock.lock();
        try {
            if (stopping) {
                result.completeExceptionally(terminatedException());
                return result;
            }
            id = ++nextEventId;
            openEvents.put(id, result);
        } finally {
            lock.unlock();
        }
        post(what, dispatch.apply(id));
        return result;
    }

    /**
     * Service Workers § Handle Fetch, the worker's part: queues the task that fires the
     * {@code FetchEvent}. {@code response} completes as soon as respondWith()'s promise settles
     * (or dispatch ends without respondWith()); {@code finished} when every lifetime promise has
     * settled. Both complete exceptionally with a {@link WorkerTerminatedException} when the worker
     * stops first.
     */
    @Override
    public FetchEventDispatch dispatchFetchEvent(FetchEventInit init) {
        CompletableFuture<FetchEventResult> response;
        CompletableFuture<ExtendableEventResult> finished = new CompletableFuture<>();
        int id;
        lock.lock();
        try {
            // A worker with nothing else to do answers within the microseconds a waiter spins; a
            // busy one (tasks queued, under load) takes longer, and spinning would only take the
            // CPU it needs.
            response = tasks.isEmpty() && currentTask == null ? new SpinWaitFuture<>() : new CompletableFuture<>();
            if (stopping) {
                WorkerTerminatedException cause = terminatedException();
                response.completeExceptionally(cause);
                finished.completeExceptionally(cause);
                return new FetchEventDispatch(response, finished);
            }
            id = ++nextEventId;
            openEvents.put(id, finished);
            openFetches.put(id, response);
        } finally {
            lock.unlock();
        }
        post("'fetch' event", () -> scope.dispatchFetchEvent(id, init));
        return new FetchEventDispatch(response, finished);
    }

    /**
     * Service Workers § ServiceWorker postMessage(), the worker's part: queues the task that fires
     * the ExtendableMessageEvent; completes when its lifetime promises settled (exceptionally with a
     * {@link WorkerTerminatedException} when the worker stops first).
     */
    @Override
    public CompletableFuture<ExtendableEventResult> dispatchMessageEvent(
            org.sw4j.core.spi.ExtendableMessageEventInit init) {
        return queueExtendableEvent("'message' event", id -> () -> scope.dispatchMessageEvent(id, init));
    }

    /** Called by JavaScript when fetch event {@code id} has its answer. */
    void fetchEventAnswered(int id, FetchEventResult result) {
        CompletableFuture<FetchEventResult> future;
        lock.lock();
        try {
            future = openFetches.remove(id);
        } finally {
            lock.unlock();
        }
        if (future != null) {
            future.complete(result);
        }
    }

    @Override
    public Set<String> eventTypesToHandle() {
        GlobalScope current = scope;
        return current == null ? Set.of() : current.eventTypesToHandle();
    }

    @Override
    public void registrationChanged(RegistrationInfo registration, boolean updateFound) {
        java.util.Objects.requireNonNull(registration, "registration");
        post("registration change", () -> scope.registrationChanged(registration, updateFound));
    }

    @Override
    public CompletableFuture<List<PendingExtension>> pendingExtensions() {
        CompletableFuture<List<PendingExtension>> answer = new SpinWaitFuture<>();
        lock.lock();
        try {
            if (stopping) {
                answer.complete(List.of());
                return answer;
            }
            pendingQueries.add(answer);
        } finally {
            lock.unlock();
        }
        post("pending extensions", () -> {
            lock.lock();
            try {
                pendingQueries.remove(answer);
            } finally {
                lock.unlock();
            }
            answer.complete(scope.pendingExtensions());
        });
        return answer;
    }

    @Override
    public CompletableFuture<Void> idle() {
        CompletableFuture<Void> waiter = new SpinWaitFuture<>();
        lock.lock();
        try {
            if (!running || isIdleLocked()) {
                waiter.complete(null);
            } else {
                idleWaiters.add(waiter);
            }
        } finally {
            lock.unlock();
        }
        return waiter;
    }

    @Override
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void terminate() {
        stop(null);
    }

    /** Stops the worker because a limit was exceeded; {@code reason} is logged and reported. */
    void cutOff(String reason) {
        stop(reason);
    }

    private void stop(String reason) {
        lock.lock();
        try {
            if (stopping) {
                return;
            }
            stopping = true;
            terminationReason = reason;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        GlobalScope running = scope;
        if (running != null && currentTask != null) {
            // Cancel JavaScript that is executing; done off this thread because close(true) waits
            // for the cancellation, and the caller may be the watchdog.
            thread.interrupt();
            // A platform thread: Truffle warns about contexts used from virtual threads.
            Thread.ofPlatform().daemon().name("sw4j-cancel").start(running::close);
        }
    }

    private WorkerTerminatedException terminatedException() {
        String reason = terminationReason;
        return new WorkerTerminatedException(reason != null ? reason : "the worker " + start.scriptUrl() + " was terminated");
    }

    // ---------------------------------------------------------------- tasks and timers

    /** Queues a task; returns false when the worker is stopping. Any thread may call it. */
    boolean post(String name, Runnable body) {
        lock.lock();
        try {
            if (stopping) {
                return false;
            }
            tasks.add(new Task(name, body));
            queued++;
            wake.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Schedules timer {@code id} to run after {@code delayMillis}; replaces an earlier schedule. */
    void scheduleTimer(int id, double delayMillis, boolean keepsAlive) {
        long delayNanos = (long) Math.max(0, delayMillis * 1_000_000d);
        lock.lock();
        try {
            removeTimerLocked(id);
            Timer timer = new Timer(id, System.nanoTime() + delayNanos, timerSequence++, keepsAlive);
            timers.add(timer);
            timersById.put(id, timer);
            if (keepsAlive) {
                keepAliveTimers++;
            }
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    void cancelTimer(int id) {
        lock.lock();
        try {
            removeTimerLocked(id);
        } finally {
            lock.unlock();
        }
    }

    private void removeTimerLocked(int id) {
        Timer old = timersById.remove(id);
        if (old != null) {
            timers.remove(old);
            if (old.keepsAlive) {
                keepAliveTimers--;
            }
        }
    }

    /** What a host operation hands back to the worker's thread. */
    @FunctionalInterface
    interface Completion<T> {
        /** Runs as a task on the worker's thread with the operation's result or failure. */
        void complete(T result, Throwable failure);
    }

    /**
     * Runs blocking host work (I/O) on a virtual thread, off the worker's thread, and queues
     * {@code completion} as a task when it is done. Until then the worker is not idle.
     */
    <T> void runHostOperation(String name, java.util.concurrent.Callable<T> work, Completion<T> completion) {
        if (!beginHostOperation()) {
            return;
        }
        Thread.ofVirtual().name("sw4j-host-op").start(() -> {
            T result = null;
            Throwable failure = null;
            try {
                result = work.call();
            } catch (Throwable t) {
                failure = t;
            }
            T finalResult = result;
            Throwable finalFailure = failure;
            endHostOperation(name, () -> completion.complete(finalResult, finalFailure));
        });
    }

    /**
     * Counts a host operation that something else (a callback) will finish with
     * {@link #endHostOperation}; until then the worker is not idle. False when the worker is
     * stopping: then nothing was counted and nothing must be ended.
     */
    boolean beginHostOperation() {
        lock.lock();
        try {
            if (stopping) {
                return false;
            }
            pendingHostOperations++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Ends a host operation begun by {@link #beginHostOperation()}, queueing {@code task}; any thread. */
    void endHostOperation(String name, Runnable task) {
        lock.lock();
        try {
            pendingHostOperations--;
            if (!stopping) {
                tasks.add(new Task(name, task));
                queued++;
            }
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Called by JavaScript when an extendable event's lifetime promises have all settled. */
    void eventSettled(int id, ScriptFailure rejection) {
        CompletableFuture<ExtendableEventResult> future;
        lock.lock();
        try {
            future = openEvents.remove(id);
        } finally {
            lock.unlock();
        }
        if (future != null) {
            future.complete(new ExtendableEventResult(Optional.ofNullable(rejection)));
        }
    }

    private boolean isIdleLocked() {
        return tasks.isEmpty() && keepAliveTimers == 0 && pendingHostOperations == 0 && openEvents.isEmpty()
                && currentTask == null && evaluated.isDone();
    }

    private Task nextTask() throws InterruptedException {
        List<CompletableFuture<Void>> nowIdle = null;
        lock.lock();
        try {
            while (true) {
                if (stopping) {
                    return null;
                }
                long now = System.nanoTime();
                for (Timer due = timers.peek(); due != null && due.dueNanos <= now; due = timers.peek()) {
                    timers.poll();
                    timersById.remove(due.id);
                    if (due.keepsAlive) {
                        keepAliveTimers--;
                    }
                    int id = due.id;
                    tasks.add(new Task("timer", () -> scope.runTimer(id)));
                }
                Task task = tasks.poll();
                if (task != null) {
                    currentTask = new TaskInfo(task.name, System.nanoTime());
                    return task;
                }
                if (isIdleLocked() && !idleWaiters.isEmpty()) {
                    nowIdle = new ArrayList<>(idleWaiters);
                    idleWaiters.clear();
                    break;
                }
                Timer next = timers.peek();
                if (next == null || next.dueNanos - now > SPIN_NANOS) {
                    // Waking a parked thread costs more than a dispatch itself: watch for the next
                    // task for a few microseconds before parking.
                    long seen = queued;
                    lock.unlock();
                    try {
                        long spinUntil = System.nanoTime() + SPIN_NANOS;
                        while (queued == seen && System.nanoTime() < spinUntil) {
                            Thread.onSpinWait();
                        }
                    } finally {
                        lock.lock();
                    }
                    // Anything queued while the lock was released (whoever queued it, and however it
                    // signalled the parked-thread condition nobody was waiting on yet) is seen here.
                    if (queued != seen || stopping || !tasks.isEmpty()) {
                        continue;
                    }
                }
                if (next == null) {
                    wake.await();
                } else {
                    wake.awaitNanos(next.dueNanos - System.nanoTime());
                }
            }
        } finally {
            lock.unlock();
        }
        nowIdle.forEach(waiter -> waiter.complete(null));
        return nextTask();
    }

    // ---------------------------------------------------------------- the worker thread

    private void run(Supplier<GlobalScope> prepared) {
        thread = Thread.currentThread();
        watchdog.register(this);
        try {
            if (!startScope(prepared)) {
                return;
            }
            while (true) {
                Task task = nextTask();
                if (task == null) {
                    break;
                }
                if (!runTask(task)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            LOG.debug("worker thread interrupted", e);
        } catch (RuntimeException | Error e) {
            LOG.error("worker {} failed", start.scriptUrl(), e);
        } finally {
            shutdown();
        }
    }

    /** Creates the context, runs the bootstrap and evaluates the main script. */
    private boolean startScope(Supplier<GlobalScope> prepared) {
        try {
            // sw4j's own bootstrap (done ahead of time when the pool had a scope ready) is not the
            // script's time: the limits apply from the binding on.
            scope = prepared.get();
            scope.bind(this);
            currentTask = new TaskInfo("script evaluation", System.nanoTime());
            ScriptResource main = start.scripts().get(start.scriptUrl()).orElseThrow();
            Optional<ScriptFailure> failure = scope.evaluateMainScript(main, start.type() == WorkerType.MODULE);
            if (failure.isPresent()) {
                evaluated.completeExceptionally(new ScriptEvaluationException(failure.get()));
            } else {
                evaluated.complete(null);
            }
            scope.afterTask();
            return true;
        } catch (PolyglotException e) {
            if (e.isCancelled() || e.isInterrupted() || stopping) {
                return false;
            }
            evaluated.completeExceptionally(new ScriptEvaluationException(
                    new ScriptFailure("Error", e.getMessage(), e.getMessage())));
            throw e;
        } catch (IllegalStateException e) {
            if (stopping) {
                return false;
            }
            throw e;
        } finally {
            currentTask = null;
        }
    }

    /** Runs one task and then its microtasks; returns false when the worker must stop. */
    private boolean runTask(Task task) {
        try {
            task.body.run();
            scope.afterTask();
            return true;
        } catch (PolyglotException e) {
            if (e.isCancelled() || e.isInterrupted() || stopping) {
                return false;
            }
            if (e.isResourceExhausted()) {
                stop("Worker " + start.scriptUrl() + " was terminated because its " + task.name
                        + " exhausted a resource: " + e.getMessage());
                return false;
            }
            // The bootstrap's entry points catch and report script exceptions, so one reaching
            // here is sw4j's own fault; log it and keep the worker alive.
            LOG.error("internal error in {} of {}", task.name, start.scriptUrl(), e);
            return true;
        } catch (IllegalStateException e) {
            if (stopping) {
                return false;
            }
            throw e;
        } finally {
            currentTask = null;
        }
    }

    private void shutdown() {
        running = false;
        watchdog.unregister(this);
        List<CompletableFuture<ExtendableEventResult>> events;
        List<CompletableFuture<Void>> waiters;
        List<CompletableFuture<FetchEventResult>> fetches;
        List<CompletableFuture<List<PendingExtension>>> queries;
        lock.lock();
        try {
            stopping = true;
            events = new ArrayList<>(openEvents.values());
            openEvents.clear();
            fetches = new ArrayList<>(openFetches.values());
            openFetches.clear();
            queries = new ArrayList<>(pendingQueries);
            pendingQueries.clear();
            waiters = new ArrayList<>(idleWaiters);
            idleWaiters.clear();
            tasks.clear();
            timers.clear();
            timersById.clear();
            keepAliveTimers = 0;
        } finally {
            lock.unlock();
        }
        if (scope != null) {
            scope.close();
        }
        // The observer hears of it first, so whoever waits on a future below sees it told.
        try {
            start.observer().terminated(terminationReason);
        } catch (RuntimeException e) {
            LOG.warn("worker observer failed", e);
        }
        WorkerTerminatedException cause = terminatedException();
        evaluated.completeExceptionally(cause);
        fetches.forEach(fetch -> fetch.completeExceptionally(cause));
        events.forEach(event -> event.completeExceptionally(cause));
        queries.forEach(query -> query.complete(List.of()));
        waiters.forEach(waiter -> waiter.complete(null));
        terminated.complete(null);
    }
}
