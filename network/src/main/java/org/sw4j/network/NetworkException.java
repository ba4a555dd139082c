package org.sw4j.network;

import java.io.IOException;
import java.util.Objects;

/**
 * The one way the transport fails: no response could be had, or a body could not be read to its
 * end. Fetch turns every one of these into a "network error" (a {@code TypeError} in JavaScript);
 * the {@link #kind()} says why, for developers and for tests.
 *
 * <p>Errors produced by {@link NetworkConditions} rather than by a real network say so in their
 * message and in {@link #isSimulated()}.
 */
public final class NetworkException extends IOException {
    /** Why the network failed. */
    public enum Kind {
        /** The network is offline; nothing was sent. */
        OFFLINE,
        /** The host name could not be resolved. */
        DNS,
        /** Nothing listens at the address, or a connection could not be made. */
        CONNECTION_REFUSED,
        /** The connection was closed or reset before the response was complete. */
        CONNECTION_RESET,
        /** A time limit passed: connecting, or waiting for the response head. */
        TIMEOUT,
        /** The TLS handshake or a TLS record failed. */
        TLS,
        /** The peer broke the HTTP protocol. */
        PROTOCOL,
        /** The call was aborted by its caller. */
        ABORTED,
        /** The request cannot be sent: a scheme other than http(s), a header the transport refuses. */
        INVALID_REQUEST,
        /** Any other I/O failure. */
        OTHER
    }

    private final Kind kind;
    private final boolean simulated;

    public NetworkException(Kind kind, String message) {
        this(kind, message, null, false);
    }

    public NetworkException(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, false);
    }

    private NetworkException(Kind kind, String message, Throwable cause, boolean simulated) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.simulated = simulated;
    }

    /** An error made up by a network simulation; its message ends in "(simulated)". */
    public static NetworkException simulated(Kind kind, String message) {
        return new NetworkException(kind, message + " (simulated)", null, true);
    }

    public Kind kind() {
        return kind;
    }

    /** Whether a {@link NetworkConditions} rule rather than the network caused this. */
    public boolean isSimulated() {
        return simulated;
    }
}
