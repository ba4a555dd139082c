package org.sw4j.network.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.sw4j.network.NetworkException;
import org.sw4j.network.NetworkRequest;
import org.sw4j.webapi.url.Url;

/**
 * Builds the {@link URI} the transport needs from a WHATWG URL, only at the very bottom.
 *
 * <p>The WHATWG serializer leaves some characters unescaped that {@code java.net.URI} refuses
 * ({@code | ^ [ ] { } `} and a '%' not starting an escape, outside the host); they are
 * percent-encoded here, which servers decode to the same bytes. The fragment and any credentials
 * are dropped: neither is ever sent (Fetch handles credentials in URLs before the transport).
 */
final class Uris {
    private Uris() {
    }

    static URI toUri(Url url, NetworkRequest request) throws NetworkException {
        Url plain = url.withoutFragment();
        if (plain.includesCredentials()) {
            plain = plain.withUsername("").withPassword("");
        }
        String href = plain.href();
        int authorityStart = href.indexOf("//") + 2;
        int pathStart = href.indexOf('/', authorityStart);
        if (pathStart < 0) {
            pathStart = href.length();
        }
        StringBuilder out = new StringBuilder(href.length() + 8).append(href, 0, pathStart);
        for (int i = pathStart; i < href.length(); i++) {
            char c = href.charAt(i);
            if (c == '%' && !(i + 2 < href.length() && isHex(href.charAt(i + 1)) && isHex(href.charAt(i + 2)))) {
                out.append("%25");
            } else if (c <= 0x20 || c >= 0x7f || "\"<>\\^`{|}[]".indexOf(c) >= 0) {
                out.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        try {
            return new URI(out.toString());
        } catch (URISyntaxException e) {
            throw new NetworkException(NetworkException.Kind.INVALID_REQUEST,
                    "cannot send " + request + ": " + e.getMessage(), e);
        }
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
