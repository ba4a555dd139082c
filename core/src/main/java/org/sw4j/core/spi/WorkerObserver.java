package org.sw4j.core.spi;

/** What a running worker reports to the platform besides event results. All methods optional. */
public interface WorkerObserver {
    WorkerObserver NONE = new WorkerObserver() { };

    /**
     * An exception was reported and not handled by the script (no {@code error} or
     * {@code unhandledrejection} listener cancelled it), the case where a browser logs
     * "Uncaught ...".
     */
    default void uncaughtError(ScriptFailure failure) {
    }

    /** The worker stopped; {@code reason} says why when a limit cut it off, else it is null. */
    default void terminated(String reason) {
    }

    /**
     * An observer that hands uncaught errors to {@code onUncaught} and the reasons of workers cut
     * off by a limit to {@code onCutOff} (a plain termination, with no reason, is not passed on).
     */
    static WorkerObserver of(java.util.function.Consumer<ScriptFailure> onUncaught,
            java.util.function.Consumer<String> onCutOff) {
        return new WorkerObserver() {
            @Override
            public void uncaughtError(ScriptFailure failure) {
                onUncaught.accept(failure);
            }

            @Override
            public void terminated(String reason) {
                if (reason != null) {
                    onCutOff.accept(reason);
                }
            }
        };
    }
}
