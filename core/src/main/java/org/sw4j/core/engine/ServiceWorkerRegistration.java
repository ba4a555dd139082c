package org.sw4j.core.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.sw4j.core.spi.RegistrationInfo;
import org.sw4j.core.spi.registration.StoredRegistration;
import org.sw4j.webapi.url.Url;

/**
 * A service worker registration (Service Workers § "service worker registration"): a scope and up
 * to three workers, installing, waiting and active. Read from any thread; changed only by the
 * engine, under its lock.
 */
public final class ServiceWorkerRegistration {
    private final String storageKey;
    private final Url scope;
    private volatile UpdateViaCache updateViaCache;
    private volatile Instant lastUpdateCheck;
    private volatile ServiceWorkerVersion installing;
    private volatile ServiceWorkerVersion waiting;
    private volatile ServiceWorkerVersion active;
    private volatile boolean uninstalling;
    /** Cleared: every worker redundant, removed from the map and the store. */
    private volatile boolean cleared;
    private volatile boolean navigationPreloadEnabled;
    private volatile String navigationPreloadHeaderValue = StoredRegistration.DEFAULT_NAVIGATION_PRELOAD_HEADER_VALUE;

    ServiceWorkerRegistration(String storageKey, Url scope, UpdateViaCache updateViaCache) {
        this.storageKey = storageKey;
        this.scope = scope;
        this.updateViaCache = updateViaCache;
    }

    /** The storage key (the scope's origin, serialized) the registration belongs to. */
    public String storageKey() {
        return storageKey;
    }

    public Url scope() {
        return scope;
    }

    public UpdateViaCache updateViaCache() {
        return updateViaCache;
    }

    /** When an update check last fetched the main script from the network; null before any. */
    public Instant lastUpdateCheck() {
        return lastUpdateCheck;
    }

    public ServiceWorkerVersion installing() {
        return installing;
    }

    public ServiceWorkerVersion waiting() {
        return waiting;
    }

    public ServiceWorkerVersion active() {
        return active;
    }

    /** Whether unregister() was called; the registration goes once no client uses it. */
    public boolean isUninstalling() {
        return uninstalling;
    }

    /** Whether Clear Registration ran: the registration is gone. */
    public boolean isCleared() {
        return cleared;
    }

    /** The navigation preload enabled flag: navigations fetch in parallel with starting the worker. */
    public boolean navigationPreloadEnabled() {
        return navigationPreloadEnabled;
    }

    /** The navigation preload header value, sent as {@code Service-Worker-Navigation-Preload}. */
    public String navigationPreloadHeaderValue() {
        return navigationPreloadHeaderValue;
    }

    /** Implements Get Newest Worker: installing, else waiting, else active, else null. */
    public ServiceWorkerVersion newestWorker() {
        ServiceWorkerVersion newest = installing;
        if (newest == null) {
            newest = waiting;
        }
        return newest != null ? newest : active;
    }

    /** The workers present, installing first. */
    public List<ServiceWorkerVersion> versions() {
        List<ServiceWorkerVersion> versions = new ArrayList<>(3);
        for (ServiceWorkerVersion version : new ServiceWorkerVersion[] {installing, waiting, active}) {
            if (version != null) {
                versions.add(version);
            }
        }
        return versions;
    }

    /** A snapshot for a {@code ServiceWorkerRegistration} object. */
    public RegistrationInfo info() {
        return new RegistrationInfo(scope.href(), updateViaCache.jsName(), info(installing), info(waiting), info(active));
    }

    private static org.sw4j.core.spi.WorkerInfo info(ServiceWorkerVersion version) {
        return version == null ? null : version.info();
    }

    void setUpdateViaCache(UpdateViaCache updateViaCache) {
        this.updateViaCache = updateViaCache;
    }

    void setLastUpdateCheck(Instant lastUpdateCheck) {
        this.lastUpdateCheck = lastUpdateCheck;
    }

    void setInstalling(ServiceWorkerVersion installing) {
        this.installing = installing;
    }

    void setWaiting(ServiceWorkerVersion waiting) {
        this.waiting = waiting;
    }

    void setActive(ServiceWorkerVersion active) {
        this.active = active;
    }

    void setUninstalling(boolean uninstalling) {
        this.uninstalling = uninstalling;
    }

    void setNavigationPreloadEnabled(boolean enabled) {
        this.navigationPreloadEnabled = enabled;
    }

    void setNavigationPreloadHeaderValue(String value) {
        this.navigationPreloadHeaderValue = value;
    }

    void markCleared() {
        this.cleared = true;
    }

    @Override
    public String toString() {
        return "ServiceWorkerRegistration[" + scope.href() + "]";
    }
}
