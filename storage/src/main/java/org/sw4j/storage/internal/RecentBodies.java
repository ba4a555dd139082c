package org.sw4j.storage.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the latest lookups read of their entries' bodies — a small body's bytes, a file body's
 * length — so that opening the body right after (a match) needs no second query. Bounded (a lookup
 * whose bodies are never opened, such as a put's search for the entries it replaces, only
 * pushes out older ones); each body is taken once. Bodies never change once stored and their ids
 * are never reused, so what is here is never stale: at worst its entry was deleted meanwhile, and
 * a body opened just before its entry's delete is readable anyway.
 */
public final class RecentBodies {
    /** A looked-up body: its bytes if the database holds them (null for a file), and its length. */
    public record Body(long size, byte[] inline) {
    }

    private static final int MAX_BODIES = 512;
    private static final long MAX_BYTES = 8L * 1024 * 1024;

    private final LinkedHashMap<Long, Body> bodies = new LinkedHashMap<>();
    private long bytes;

    public synchronized void put(long bodyId, Body body) {
        Body previous = bodies.put(bodyId, body);
        bytes += weight(body) - (previous == null ? 0 : weight(previous));
        Iterator<Map.Entry<Long, Body>> eldest = bodies.entrySet().iterator();
        while (bodies.size() > MAX_BODIES || bytes > MAX_BYTES) {
            bytes -= weight(eldest.next().getValue());
            eldest.remove();
        }
    }

    /** The body {@code bodyId} if a lookup just read it (and forgets it); null if not. */
    public synchronized Body take(long bodyId) {
        Body body = bodies.remove(bodyId);
        if (body != null) {
            bytes -= weight(body);
        }
        return body;
    }

    private static long weight(Body body) {
        return body.inline() == null ? 0 : body.inline().length;
    }
}
