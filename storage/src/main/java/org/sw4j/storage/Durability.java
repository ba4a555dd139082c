package org.sw4j.storage;

/**
 * How much of a {@link SqliteCacheStore}'s commits a crash can take away. In both modes no entry
 * is ever torn: an entry is served with its whole body or not at all. A
 * {@link SqliteRegistrationStore} follows the same modes for its SQLite database (it has no body
 * files): a stored registration is there whole or as it was before.
 */
public enum Durability {
    /**
     * The default. Every commit survives the process being killed at any moment (SIGKILL, an
     * {@code OutOfMemoryError}, a JVM crash): it is in the operating system's hands when
     * {@link SqliteCacheStore#commit commit} returns. After an OS crash or a power loss the most
     * recent commits may be lost: those since SQLite last synced its write-ahead log, which a
     * background checkpoint does within about 0.2 s of a commit. The store then opens as it was
     * before them, never with a half-applied one.
     *
     * <p>SQLite runs in WAL mode with {@code synchronous=NORMAL}: a commit appends to the log
     * without an fsync. A body kept in the database (up to 64 KiB) is in the same log frames as
     * its row, so it is lost or kept with it. A body file is written under its final name and
     * fdatasynced before its row is inserted, so the row can never reach the disk before the
     * body's bytes and length do; the file's directory entry is not synced, so after an OS crash a
     * committed body file may be missing. Opening a body checks its file's length against the
     * row's: a missing or short file makes the entry absent (the lookup misses and the row is
     * deleted), as a lost commit would.
     */
    CRASH_SAFE,

    /**
     * Every commit is on disk when it returns and survives a power loss. SQLite runs in WAL mode
     * with {@code synchronous=FULL} (the log is fsynced at every commit); a body file is written as
     * {@code ID.tmp}, fsynced, renamed to {@code ID} and its directory fsynced before its row is
     * inserted. Slower: an fsync of the log per commit (concurrent commits share one), and two more
     * per body file.
     */
    SYNCED
}
