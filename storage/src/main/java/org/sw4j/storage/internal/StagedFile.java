package org.sw4j.storage.internal;

import java.io.IOException;
import java.nio.file.Files;
import org.sw4j.core.spi.cache.StagedBody;
import org.sw4j.core.spi.cache.StorageException;

/**
 * A finished body file waiting for its commit. A commit {@linkplain #claim claims} it first, so
 * that a concurrent {@link #discard} or a second commit cannot take it too, then marks it
 * {@linkplain #committed} or {@linkplain #release discards} it.
 */
public final class StagedFile implements StagedBody {
    private enum State { STAGED, CLAIMED, COMMITTED, DISCARDED }

    private final BodyFiles files;
    private final String storageKey;
    private final long id;
    private final long size;
    private State state = State.STAGED;

    StagedFile(BodyFiles files, String storageKey, long id, long size) {
        this.files = files;
        this.storageKey = storageKey;
        this.id = id;
        this.size = size;
    }

    public long id() {
        return id;
    }

    @Override
    public long size() {
        return size;
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
        }
        try {
            Files.deleteIfExists(files.path(id));
        } catch (IOException ignored) {
            // an orphan, for the next sweep
        }
        files.ledger().unstage(storageKey, size);
    }

    @Override
    public String toString() {
        return "staged body " + id + " (" + size + " bytes)";
    }
}
