package org.sw4j.js.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link CompletableFuture} whose blocking waits watch for completion for a few microseconds
 * before parking. A worker answers most events within that time, and waking a parked thread
 * costs far more (tens of microseconds on a virtual machine) than the event itself.
 */
final class SpinWaitFuture<T> extends CompletableFuture<T> {
    /** How long a blocking wait spins before it parks. */
    static final long SPIN_NANOS = 20_000;

    private void spin() {
        if (isDone()) {
            return;
        }
        long until = System.nanoTime() + SPIN_NANOS;
        while (!isDone() && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        spin();
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        spin();
        return super.get(timeout, unit);
    }

    @Override
    public T join() {
        spin();
        return super.join();
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new SpinWaitFuture<>();
    }
}
