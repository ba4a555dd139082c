package org.sw4j.core.cache;

import org.sw4j.core.spi.cache.StorageException;
import org.sw4j.webapi.error.DomExceptionName;
import org.sw4j.webapi.error.WebError;

/** The one place a store's failures become the exceptions JavaScript sees. */
public final class CacheErrors {
    private CacheErrors() {}

    /**
     * QuotaExceededError for a full quota or disk; InvalidStateError for a closed store; an
     * UnknownError (what Chromium rejects with for backend failures) for the rest.
     */
    public static WebError toWebError(StorageException failure) {
        return switch (failure.kind()) {
            case QUOTA_EXCEEDED -> WebError.dom(DomExceptionName.QUOTA_EXCEEDED_ERROR, failure.getMessage(), failure);
            case CLOSED -> WebError.dom(DomExceptionName.INVALID_STATE_ERROR, failure.getMessage(), failure);
            case NOT_FOUND, IO -> WebError.dom(DomExceptionName.UNKNOWN_ERROR, failure.getMessage(), failure);
        };
    }
}
