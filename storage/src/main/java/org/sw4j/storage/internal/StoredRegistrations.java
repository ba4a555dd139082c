package org.sw4j.storage.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sw4j.core.spi.registration.StoredRegistration;
import org.sw4j.core.spi.registration.StoredVersion;
import org.sw4j.core.version.ScriptResource;

/**
 * What both registration stores check of a registration before storing it, and the copies the
 * memory store keeps: the SPI's records hold byte arrays, which a caller can still change.
 */
public final class StoredRegistrations {
    private StoredRegistrations() {
    }

    /**
     * Rejects what no store can keep: an active and a waiting worker with the same id, a script
     * without a URL or bytes, a last update check beyond what epoch milliseconds hold.
     */
    public static void check(StoredRegistration registration) {
        Objects.requireNonNull(registration, "registration");
        StoredVersion active = registration.active();
        StoredVersion waiting = registration.waiting();
        if (active != null && waiting != null && active.id().equals(waiting.id())) {
            throw new IllegalArgumentException("the active and the waiting worker of " + registration.scope()
                    + " are both version " + active.id());
        }
        for (StoredVersion version : versions(registration)) {
            for (ScriptResource script : version.scripts()) {
                Objects.requireNonNull(script, "a script of version " + version.id());
                Objects.requireNonNull(script.url(), "a script URL of version " + version.id());
                Objects.requireNonNull(script.bytes(), "the bytes of " + script.url());
            }
        }
        epochMillis(registration.lastUpdateCheck());
    }

    /** The active worker then the waiting one, those present. */
    public static List<StoredVersion> versions(StoredRegistration registration) {
        List<StoredVersion> versions = new ArrayList<>(2);
        if (registration.active() != null) {
            versions.add(registration.active());
        }
        if (registration.waiting() != null) {
            versions.add(registration.waiting());
        }
        return versions;
    }

    /** The instant as stored: epoch milliseconds (null for none). */
    public static Long epochMillis(Instant instant) {
        if (instant == null) {
            return null;
        }
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("the last update check " + instant + " is out of range", e);
        }
    }

    /**
     * A copy sharing no byte array with {@code registration}, its last update check cut to the
     * millisecond as the database keeps it.
     */
    public static StoredRegistration copy(StoredRegistration registration) {
        Long millis = epochMillis(registration.lastUpdateCheck());
        return new StoredRegistration(registration.storageKey(), registration.scope(), registration.updateViaCache(),
                millis == null ? null : Instant.ofEpochMilli(millis), copy(registration.active()),
                copy(registration.waiting()), registration.navigationPreloadEnabled(),
                registration.navigationPreloadHeaderValue());
    }

    private static StoredVersion copy(StoredVersion version) {
        if (version == null) {
            return null;
        }
        List<ScriptResource> scripts = new ArrayList<>(version.scripts().size());
        for (ScriptResource script : version.scripts()) {
            scripts.add(new ScriptResource(script.url(), script.responseUrl(), script.contentType(),
                    script.bytes().clone()));
        }
        return new StoredVersion(version.id(), version.scriptUrl(), version.type(), version.state(),
                version.eventTypesToHandle(), scripts, version.routerRules());
    }
}
