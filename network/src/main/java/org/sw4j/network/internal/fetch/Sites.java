package org.sw4j.network.internal.fetch;

import java.util.function.Predicate;
import org.sw4j.webapi.url.Origin;
import org.sw4j.webapi.url.Url;

/**
 * Origins and sites as Fetch's security checks compare them: potentially trustworthy URLs
 * (https://w3c.github.io/webappsec-secure-contexts/#is-url-trustworthy) and same site
 * (https://html.spec.whatwg.org/multipage/browsers.html#same-site).
 *
 * <p>Registrable domains come from a public-suffix predicate (by default the cookie jar's short
 * list of well-known suffixes, not the full Public Suffix List), so two hosts under an unknown
 * multi-label suffix may be judged same site where a browser would not.
 */
public final class Sites {
    private final Predicate<String> publicSuffix;

    public Sites(Predicate<String> publicSuffix) {
        this.publicSuffix = publicSuffix;
    }

    /**
     * Whether {@code url} is potentially trustworthy
     * (https://w3c.github.io/webappsec-secure-contexts/#is-url-trustworthy): about:blank,
     * about:srcdoc and data: URLs, and URLs whose origin is.
     */
    public static boolean isPotentiallyTrustworthy(Url url) {
        if (url.scheme().equals("data") || url.href().equals("about:blank") || url.href().equals("about:srcdoc")) {
            return true;
        }
        return isPotentiallyTrustworthy(url.originValue());
    }

    /**
     * Whether {@code origin} is potentially trustworthy
     * (https://w3c.github.io/webappsec-secure-contexts/#is-origin-trustworthy): https and wss, loopback
     * addresses and localhost names.
     */
    public static boolean isPotentiallyTrustworthy(Origin origin) {
        return origin.isPotentiallyTrustworthy();
    }

    /**
     * Implements same site (https://html.spec.whatwg.org/multipage/browsers.html#same-site): both
     * opaque and same origin, or both tuples with the same scheme and schemelessly same site hosts
     * (equal, or with the same non-null registrable domain).
     */
    public boolean isSameSite(Origin a, Origin b) {
        if (a instanceof Origin.Tuple ta && b instanceof Origin.Tuple tb) {
            if (!ta.scheme().equals(tb.scheme())) {
                return false;
            }
            if (ta.host().equals(tb.host())) {
                return true;
            }
            String domain = registrableDomain(ta.host());
            return domain != null && domain.equals(registrableDomain(tb.host()));
        }
        return a.isSameOrigin(b);
    }

    /**
     * The registrable domain (https://url.spec.whatwg.org/#host-registrable-domain) of a serialized
     * host: its public suffix plus one label; null for IP addresses and public suffixes themselves.
     */
    public String registrableDomain(String host) {
        if (host.startsWith("[") || host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            return null;
        }
        String trimmed = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String previous = null;
        String candidate = trimmed;
        while (true) {
            if (publicSuffix.test(candidate)) {
                return previous;
            }
            int dot = candidate.indexOf('.');
            if (dot < 0) {
                // Every single label is a public suffix by default; without one, the host is its own site.
                return previous != null ? previous : trimmed;
            }
            previous = candidate;
            candidate = candidate.substring(dot + 1);
        }
    }
}
