package org.sw4j.core.spi;

/** A worker's script (or one it imported) failed to fetch, parse or evaluate. */
public final class ScriptEvaluationException extends Exception {
    private final ScriptFailure failure;

    public ScriptEvaluationException(ScriptFailure failure) {
        super(failure.describe());
        this.failure = failure;
    }

    public ScriptFailure failure() {
        return failure;
    }
}
