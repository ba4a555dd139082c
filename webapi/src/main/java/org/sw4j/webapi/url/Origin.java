package org.sw4j.webapi.url;

import java.util.Objects;

/**
 * An origin as HTML defines it (https://html.spec.whatwg.org/multipage/browsers.html#concept-origin): either
 * an opaque origin or a tuple origin. {@link Url#originValue()} computes a URL's origin.
 */
public sealed interface Origin permits Origin.Tuple, Origin.Opaque {

    /**
     * Implements HTML's serialization of an origin
     * (https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin): "null" for an
     * opaque origin.
     */
    String serialize();

    /**
     * Implements HTML's same origin (https://html.spec.whatwg.org/multipage/browsers.html#same-origin): two
     * tuple origins with the same scheme, host and port, or the very same opaque origin.
     */
    boolean isSameOrigin(Origin other);

    /**
     * Implements Secure Contexts' "Is origin potentially trustworthy?"
     * (https://w3c.github.io/webappsec-secure-contexts/#is-origin-trustworthy) for the origins a
     * service worker platform meets: https and wss, and hosts that are loopback by definition
     * (127.0.0.0/8, [::1], localhost and names under .localhost); file is trustworthy too.
     */
    default boolean isPotentiallyTrustworthy() {
        if (!(this instanceof Tuple tuple)) {
            return false;
        }
        String scheme = tuple.scheme();
        if (scheme.equals("https") || scheme.equals("wss") || scheme.equals("file")) {
            return true;
        }
        String host = tuple.host();
        return host.equals("[::1]") || host.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}")
                || host.equals("localhost") || host.endsWith(".localhost");
    }

    /** Whether this is an opaque origin. */
    default boolean isOpaque() {
        return this instanceof Opaque;
    }

    /** A new opaque origin, same origin only with itself. */
    static Origin opaque() {
        return new Opaque();
    }

    /**
     * A tuple origin: scheme, host and port. The domain component HTML also carries (for
     * {@code document.domain}) has no place in a service worker runtime and is left out.
     *
     * @param scheme an ASCII string, such as "https"
     * @param host the host, serialized: a domain, an IPv4 address, or an IPv6 address in brackets
     * @param port the port, or -1 for null (the scheme's default port)
     */
    record Tuple(String scheme, String host, int port) implements Origin {
        public Tuple {
            Objects.requireNonNull(scheme, "scheme");
            Objects.requireNonNull(host, "host");
            if (port < -1 || port > 0xFFFF) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        @Override
        public String serialize() {
            return port == -1 ? scheme + "://" + host : scheme + "://" + host + ":" + port;
        }

        @Override
        public boolean isSameOrigin(Origin other) {
            return equals(other);
        }

        @Override
        public String toString() {
            return serialize();
        }
    }

    /** An opaque origin: an internal value that is only same origin with itself, hence identity equality. */
    final class Opaque implements Origin {
        private Opaque() {
        }

        @Override
        public String serialize() {
            return "null";
        }

        @Override
        public boolean isSameOrigin(Origin other) {
            return this == other;
        }

        @Override
        public String toString() {
            return "null";
        }
    }
}
