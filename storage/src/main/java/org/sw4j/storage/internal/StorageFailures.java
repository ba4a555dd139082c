package org.sw4j.storage.internal;

import java.io.IOException;
import java.sql.SQLException;
import org.sw4j.core.spi.cache.StorageException;
import org.sw4j.core.spi.cache.StorageException.Kind;

/**
 * The one place that turns I/O and database failures into {@link StorageException}s: a full disk
 * is {@link Kind#QUOTA_EXCEEDED} (to a script, a full disk and a full quota are the same
 * QuotaExceededError), anything else {@link Kind#IO}.
 */
public final class StorageFailures {
    /** SQLite's result code for a full disk or database (SQLITE_FULL). */
    private static final int SQLITE_FULL = 13;

    private StorageFailures() {
    }

    public static StorageException of(String what, Exception failure) {
        if (failure instanceof StorageException storage) {
            return storage;
        }
        Kind kind = isDiskFull(failure) ? Kind.QUOTA_EXCEEDED : Kind.IO;
        String message = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
        return new StorageException(kind, what + ": " + message, failure);
    }

    /** Whether the failure says the disk is full (ENOSPC, EDQUOT, SQLITE_FULL). */
    static boolean isDiskFull(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() & 0xff) == SQLITE_FULL) {
                return true;
            }
            if (t instanceof IOException && t.getMessage() != null) {
                String message = t.getMessage();
                if (message.contains("No space left on device") || message.contains("Disk quota exceeded")) {
                    return true;
                }
            }
        }
        return false;
    }
}
