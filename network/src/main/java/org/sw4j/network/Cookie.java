package org.sw4j.network;

import java.time.Instant;
import java.util.Objects;

/**
 * A cookie as RFC 6265's storage model (section 5.3) keeps it.
 *
 * @param domain the host for a host-only cookie, else the Domain attribute (lower case, no leading dot)
 * @param expiry when the cookie expires; null for a session cookie (not {@link #persistent()})
 * @param creation when it was first stored (kept when a cookie is replaced), which orders cookies of
 *     equal path length in a {@code Cookie} header
 * @param lastAccess when it was last stored or sent
 * @param hostOnly whether it is sent to its host only, not to subdomains (no Domain attribute)
 * @param secure sent only to secure URLs (https, or localhost)
 * @param httpOnly hidden from script APIs (stored; the HTTP side ignores it)
 * @param sameSite as parsed; enforcing it is the Fetch layer's decision, which knows the request's site
 */
public record Cookie(String name, String value, String domain, String path, Instant expiry, Instant creation,
        Instant lastAccess, boolean hostOnly, boolean secure, boolean httpOnly, SameSite sameSite) {
    /** The SameSite attribute. */
    public enum SameSite {
        STRICT, LAX, NONE,
        /** No (recognized) SameSite attribute: browsers treat it as LAX. */
        UNSPECIFIED
    }

    public Cookie {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(creation, "creation");
        Objects.requireNonNull(lastAccess, "lastAccess");
        Objects.requireNonNull(sameSite, "sameSite");
    }

    /** Whether it outlives the session: it had Expires or Max-Age. */
    public boolean persistent() {
        return expiry != null;
    }

    public boolean isExpired(Instant now) {
        return expiry != null && !expiry.isAfter(now);
    }

    /** As in a Cookie header: {@code name=value}, or just the value when the name is empty. */
    public String pair() {
        return name.isEmpty() ? value : name + "=" + value;
    }

    Cookie withLastAccess(Instant when) {
        return new Cookie(name, value, domain, path, expiry, creation, when, hostOnly, secure, httpOnly, sameSite);
    }

    Cookie withCreation(Instant when) {
        return new Cookie(name, value, domain, path, expiry, when, lastAccess, hostOnly, secure, httpOnly, sameSite);
    }
}
