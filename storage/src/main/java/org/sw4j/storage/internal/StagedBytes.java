package org.sw4j.storage.internal;

import java.util.List;
import org.sw4j.core.spi.cache.StagedBody;
import org.sw4j.core.spi.cache.StorageException;

/**
 * A finished body waiting for its commit: its bytes in memory (a body of at most
 * {@link BodyFiles#INLINE_LIMIT} bytes, stored in the database by the commit) or in its file. A
 * commit {@linkplain #claim claims} it first, so that a concurrent {@link #discard} or a second
 * commit cannot take it too, then marks it {@linkplain #committed} or {@linkplain #release discards}
 * it.
 */
public final class StagedBytes implements StagedBody {
    private enum State { STAGED, CLAIMED, COMMITTED, DISCARDED }

    private final BodyFiles files;
    private final String storageKey;
    private final long id;
    private final long size;
    private byte[] inline;
    private State state = State.STAGED;

    StagedBytes(BodyFiles files, String storageKey, long id, long size, byte[] inline) {
        this.files = files;
        this.storageKey = storageKey;
        this.id = id;
        this.size = size;
        this.inline = inline;
    }

    public long id() {
        return id;
    }

    @Override
    public long size() {
        return size;
    }

    /** The bytes, when the body goes into the database; null when it is in its file. */
    public byte[] inline() {
        return inline;
    }

    String storageKey() {
        return storageKey;
    }

    BodyFiles files() {
        return files;
    }

    synchronized void claim() throws StorageException {
        if (state != State.STAGED) {
            throw new StorageException(StorageException.Kind.NOT_FOUND, "the staged body " + id + " was "
                    + (state == State.DISCARDED ? "discarded" : "used by another commit"));
        }
        state = State.CLAIMED;
    }

    /** The commit that claimed it stored it. */
    public synchronized void committed() {
        state = State.COMMITTED;
        inline = null;
    }

    /** The commit that claimed it failed: the body goes. */
    public void release() {
        synchronized (this) {
            if (state != State.CLAIMED) {
                return;
            }
            state = State.STAGED;
        }
        discard();
    }

    @Override
    public void discard() {
        synchronized (this) {
            if (state != State.STAGED) {
                return;
            }
            state = State.DISCARDED;
            if (inline == null) {
                files.deleteLater(List.of(id));
            }
            inline = null;
        }
        files.ledger().unstage(storageKey, size);
    }

    @Override
    public String toString() {
        return "staged body " + id + " (" + size + " bytes" + (inline != null ? ", inline)" : ")");
    }
}
