package org.sw4j.storage.internal;

import org.sw4j.core.spi.cache.StagedBody;
import org.sw4j.core.spi.cache.StorageException;

/**
 * A staged body's life in either store: staged; {@linkplain #claim claimed} by a commit (so a
 * concurrent {@link #discard} or a second commit cannot take it too); then {@linkplain #committed
 * committed}, or {@linkplain #release released} and dropped when the commit failed. A body no
 * commit takes is dropped by {@link #discard}. Subclasses say what committing and dropping do.
 */
public abstract class ClaimableStagedBody implements StagedBody {
    private enum State { STAGED, CLAIMED, COMMITTED, DISCARDED }

    private State state = State.STAGED;

    /** Takes the body for a commit; fails when it was discarded or another commit took it. */
    public final synchronized void claim() throws StorageException {
        if (state != State.STAGED) {
            throw new StorageException(StorageException.Kind.NOT_FOUND, "the " + this + " was "
                    + (state == State.DISCARDED ? "discarded" : "used by another commit"));
        }
        state = State.CLAIMED;
    }

    /** The commit that claimed it stored it. */
    public final synchronized void committed() {
        state = State.COMMITTED;
        onCommitted();
    }

    /** The commit that claimed it failed: the body goes. */
    public final void release() {
        synchronized (this) {
            if (state != State.CLAIMED) {
                return;
            }
            state = State.STAGED;
        }
        discard();
    }

    @Override
    public final void discard() {
        synchronized (this) {
            if (state != State.STAGED) {
                return;
            }
            state = State.DISCARDED;
        }
        dropped();
    }

    /** Called once, under the body's lock, when a commit has stored it. */
    protected void onCommitted() {
    }

    /** Called once, when the body is discarded: give back what it holds and its quota. */
    protected abstract void dropped();
}
