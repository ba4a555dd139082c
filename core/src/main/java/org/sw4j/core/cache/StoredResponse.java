package org.sw4j.core.cache;

import java.util.Objects;
import org.sw4j.core.spi.cache.CacheEntry;
import org.sw4j.webapi.fetch.BodySource;
import org.sw4j.webapi.fetch.FetchResponse;

/**
 * A matched entry with its body opened at match time (null for a null body): the response keeps
 * its bytes even if the entry is deleted or replaced afterwards. Whoever takes it owns the body.
 */
public record StoredResponse(CacheEntry entry, BodySource body) {
    public StoredResponse {
        Objects.requireNonNull(entry, "entry");
    }

    /** The response, filtered as it was put, over {@link #body()}. */
    public FetchResponse toResponse() {
        return CacheRows.toResponse(entry, body);
    }

    /** Closes the body if nobody is going to read it. */
    public void discard() {
        if (body != null) {
            body.close();
        }
    }
}
