package org.sw4j.core.spi.cache;

/**
 * A body staged by a {@link BodySink}, waiting for the {@link CacheStore#commit} that stores it.
 * One commit uses it up; {@link #discard()} drops it if no commit will.
 */
public interface StagedBody {
    /** Its length in bytes. */
    long size();

    /** Drops the staged bytes unless a commit has taken them. Idempotent. */
    void discard();
}
