package org.sw4j.core.spi.cache;

/** A store could not do what was asked; nothing was changed. */
public final class StorageException extends Exception {
    /** Why, in the categories the Cache API's errors follow. */
    public enum Kind {
        /** The storage key's quota, or the disk, is full: JavaScript sees a QuotaExceededError. */
        QUOTA_EXCEEDED,
        /** Something expected is not there (a body lost from disk, a handle on a removed cache). */
        NOT_FOUND,
        /** The store is closed. */
        CLOSED,
        /** Any other I/O or database failure. */
        IO
    }

    private final Kind kind;

    public StorageException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public StorageException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
