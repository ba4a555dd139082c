package org.sw4j.storage.internal;

import java.util.List;

/**
 * A finished body waiting for its commit: its bytes in memory (a body of at most
 * {@link BodyFiles#INLINE_LIMIT} bytes, stored in the database by the commit) or in its file. A
 * commit {@linkplain #claim claims} it first, so that a concurrent {@link #discard} or a second
 * commit cannot take it too, then marks it {@linkplain #committed} or {@linkplain #release discards}
 * it.
 */
public final class StagedBytes extends ClaimableStagedBody {

    private final BodyFiles files;
    private final String storageKey;
    private final long id;
    private final long size;
    private byte[] inline;

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

    @Override
    protected void onCommitted() {
        inline = null;
    }

    @Override
    protected void dropped() {
        synchronized (this) {
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
