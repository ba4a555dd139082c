package org.sw4j.inspector;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import org.sw4j.agent.UserAgent;
import org.sw4j.inspector.internal.InspectorServer;

/**
 * An Application panel for a {@link UserAgent}: a page and a JSON API on loopback showing its
 * registrations, clients, caches, storage and recent fetches, with actions (update, skip waiting,
 * unregister, stop, delete, clear site data, offline). Every API call needs the access token.
 *
 * <pre>{@code
 * try (Inspector inspector = Inspector.builder(agent).port(9229).build()) {
 *     inspector.start();
 *     System.out.println("inspector: " + inspector.url());   // http://127.0.0.1:9229/?token=...
 * }
 * }</pre>
 */
public final class Inspector implements AutoCloseable {
    private final InspectorServer server;

    private Inspector(Builder builder) {
        this.server = new InspectorServer(builder.agent, builder.host, builder.port, builder.token,
                builder.fetchHistory);
    }

    public static Builder builder(UserAgent agent) {
        return new Builder(agent);
    }

    /**
     * Starts listening.
     *
     * @throws java.io.UncheckedIOException when the port cannot be bound
     */
    public Inspector start() {
        server.start();
        return this;
    }

    /** The page's URL with the token, e.g. {@code http://127.0.0.1:9229/?token=...}: what to print. */
    public String url() {
        return server.baseUrl() + "/?token=" + server.token();
    }

    /** The bound port (useful when 0 was asked). */
    public int port() {
        return server.port();
    }

    /** The access token the API requires ({@code Authorization: Bearer <token>}). */
    public String token() {
        return server.token();
    }

    /** Stops listening; the user agent stays open. */
    @Override
    public void close() {
        server.close();
    }

    /** Configures an {@link Inspector}. */
    public static final class Builder {
        private static final SecureRandom RANDOM = new SecureRandom();
        private final UserAgent agent;
        private InetAddress host = InetAddress.getLoopbackAddress();
        private int port;
        private String token;
        private int fetchHistory = 200;

        private Builder(UserAgent agent) {
            this.agent = Objects.requireNonNull(agent, "agent");
        }

        /**
         * The address to bind: a loopback address only (default 127.0.0.1), since the inspector can
         * read and delete every site's data.
         *
         * @throws IllegalArgumentException for an address that is not loopback or cannot be resolved
         */
        public Builder host(String host) {
            InetAddress address;
            try {
                address = InetAddress.getByName(Objects.requireNonNull(host, "host"));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("the inspector's address does not resolve: " + host, e);
            }
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("the inspector binds to loopback only (127.0.0.1, ::1), not " + host);
            }
            this.host = address;
            return this;
        }

        /** The port (default 0: any free port). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The access token (default: 128 random bits in hex). At least 16 characters of
         * {@code [A-Za-z0-9_-]}, so it travels in URLs and cookies unchanged.
         */
        public Builder token(String token) {
            if (token == null || !token.matches("[A-Za-z0-9_-]{16,}")) {
                throw new IllegalArgumentException("an inspector token has at least 16 characters of A-Z a-z 0-9 _ -");
            }
            this.token = token;
            return this;
        }

        /** How many recent fetches {@code /api/fetches} keeps (default 200). */
        public Builder fetchHistory(int count) {
            if (count < 1 || count > 100_000) {
                throw new IllegalArgumentException("fetch history out of range (1..100000): " + count);
            }
            this.fetchHistory = count;
            return this;
        }

        public Inspector build() {
            if (token == null) {
                byte[] bits = new byte[16];
                RANDOM.nextBytes(bits);
                token = HexFormat.of().formatHex(bits);
            }
            return new Inspector(this);
        }
    }
}
