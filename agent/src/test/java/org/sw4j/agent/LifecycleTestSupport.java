package org.sw4j.agent;

import java.util.function.BooleanSupplier;

final class LifecycleTestSupport {
    private LifecycleTestSupport() {
    }

    /** Waits (at most 30 s) for {@code condition}. */
    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(5);
        }
    }
}
