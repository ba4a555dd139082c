package org.sw4j.core.engine;

import java.util.List;
import org.sw4j.core.spi.ClientInfo;
import org.sw4j.core.spi.PendingExtension;
import org.sw4j.core.spi.WorkerInfo;

/**
 * Why a registration's workers are where they are — what browsers do not tell: which clients keep
 * the old worker in control while a new one waits, which lifetime promises hold an install (or the
 * old worker's events) open, and where those promises were made.
 *
 * @param scope the registration's scope
 * @param installing the installing worker, or null
 * @param waiting the waiting worker, or null
 * @param active the active worker, or null
 * @param clientsUsingRegistration the clients controlled by the registration's active worker
 * @param activePendingEvents how many events the active worker is still handling
 * @param skipWaiting whether the waiting worker called {@code skipWaiting()}
 * @param installingPending lifetime promises the installing worker still waits for
 * @param activePending lifetime promises the active worker still waits for
 * @param reasons the explanation, one sentence per line
 */
public record LifecycleDiagnosis(String scope, WorkerInfo installing, WorkerInfo waiting, WorkerInfo active,
        List<ClientInfo> clientsUsingRegistration, int activePendingEvents, boolean skipWaiting,
        List<PendingExtension> installingPending, List<PendingExtension> activePending, List<String> reasons) {

    /** The reasons as one text. */
    public String explain() {
        return String.join("\n", reasons);
    }
}
