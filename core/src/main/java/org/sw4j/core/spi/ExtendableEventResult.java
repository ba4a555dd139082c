package org.sw4j.core.spi;

import java.util.Optional;

/**
 * How an {@code ExtendableEvent} ended once dispatch returned and every lifetime promise settled
 * (the spec's "WaitForAll" over the event's extend lifetime promises).
 *
 * @param rejection the reason of the first lifetime promise that rejected, if any
 */
public record ExtendableEventResult(Optional<ScriptFailure> rejection) {
    public static final ExtendableEventResult SETTLED = new ExtendableEventResult(Optional.empty());

    /** True when no lifetime promise rejected (for install: the install did not fail). */
    public boolean succeeded() {
        return rejection.isEmpty();
    }
}
