package org.sw4j.webapi.urlpattern;

import java.util.Optional;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.url.DummyUrl;
import org.sw4j.webapi.url.Url;

/**
 * The encoding callbacks (https://urlpattern.spec.whatwg.org/#canon-encoding-callbacks): each canonicalizes
 * a piece of fixed text of one component by running the URL Standard's basic URL parser on a dummy URL
 * ({@link DummyUrl}), and throws a TypeError where the parser fails.
 */
final class Canonicalizer {

    private Canonicalizer() {
    }

    /** Implements canonicalize a protocol (https://urlpattern.spec.whatwg.org/#canonicalize-a-protocol). */
    static String protocol(String value) {
        if (value.isEmpty()) {
            return value;
        }
        Optional<Url> parseResult = Url.tryParse(value + "://dummy.invalid/", null);
        return parseResult.orElseThrow(() -> invalid("protocol", value)).scheme();
    }

    /** Implements canonicalize a username (https://urlpattern.spec.whatwg.org/#canonicalize-a-username). */
    static String username(String value) {
        return value.isEmpty() ? value : DummyUrl.username(value);
    }

    /** Implements canonicalize a password (https://urlpattern.spec.whatwg.org/#canonicalize-a-password). */
    static String password(String value) {
        return value.isEmpty() ? value : DummyUrl.password(value);
    }

    /** Implements canonicalize a hostname (https://urlpattern.spec.whatwg.org/#canonicalize-a-hostname). */
    static String hostname(String value) {
        if (value.isEmpty()) {
            return value;
        }
        String result = DummyUrl.hostname(value);
        if (result == null) {
            throw invalid("hostname", value);
        }
        return result;
    }

    /** Implements canonicalize an IPv6 hostname (https://urlpattern.spec.whatwg.org/#canonicalize-an-ipv6-hostname). */
    static String ipv6Hostname(String value) {
        StringBuilder result = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex && c != '[' && c != ']' && c != ':') {
                throw invalid("IPv6 hostname", value);
            }
            result.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return result.toString();
    }

    /** Implements canonicalize a port (https://urlpattern.spec.whatwg.org/#canonicalize-a-port) without a protocol. */
    static String port(String portValue) {
        return port(portValue, null);
    }

    /**
     * Implements canonicalize a port (https://urlpattern.spec.whatwg.org/#canonicalize-a-port).
     *
     * @param protocolValue the scheme whose default port becomes "", or null when not given
     */
    static String port(String portValue, String protocolValue) {
        if (portValue.isEmpty()) {
            return portValue;
        }
        String result = DummyUrl.port(portValue, protocolValue);
        if (result == null) {
            throw invalid("port", portValue);
        }
        return result;
    }

    /** Implements canonicalize a pathname (https://urlpattern.spec.whatwg.org/#canonicalize-a-pathname). */
    static String pathname(String value) {
        if (value.isEmpty()) {
            return value;
        }
        boolean leadingSlash = value.charAt(0) == '/';
        String modifiedValue = (leadingSlash ? "" : "/-") + value;
        String result = DummyUrl.path(modifiedValue);
        return leadingSlash ? result : result.substring(2);
    }

    /** Implements canonicalize an opaque pathname (https://urlpattern.spec.whatwg.org/#canonicalize-an-opaque-pathname). */
    static String opaquePathname(String value) {
        if (value.isEmpty()) {
            return value;
        }
        String result = DummyUrl.opaquePath(value);
        if (result == null) {
            throw invalid("pathname", value);
        }
        return result;
    }

    /** Implements canonicalize a search (https://urlpattern.spec.whatwg.org/#canonicalize-a-search). */
    static String search(String value) {
        return value.isEmpty() ? value : DummyUrl.query(value);
    }

    /** Implements canonicalize a hash (https://urlpattern.spec.whatwg.org/#canonicalize-a-hash). */
    static String hash(String value) {
        return value.isEmpty() ? value : DummyUrl.fragment(value);
    }

    private static WebError invalid(String component, String value) {
        return WebError.typeError("Invalid " + component + " \"" + value + "\" in URL pattern");
    }
}
