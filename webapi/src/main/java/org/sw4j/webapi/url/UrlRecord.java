package org.sw4j.webapi.url;

import java.util.ArrayList;
import java.util.List;

/**
 * A URL record (https://url.spec.whatwg.org/#concept-url) while the basic URL parser builds or modifies
 * it. {@link Url} is its immutable form; setters copy a {@code Url} into a record, run the parser with a
 * state override and freeze the result again.
 */
final class UrlRecord {
    private String scheme = "";
    /** Cached {@code SpecialScheme.of(scheme) != null}: the parser asks on nearly every code point. */
    private boolean special;
    String username = "";
    String password = "";
    /** Null, or a host. */
    Host host;
    /** Null (-1), or a 16-bit unsigned integer. */
    int port = -1;
    /** The path when it is a list of URL path segments. */
    final List<String> path;
    /** The path when it is opaque (a single URL path segment), otherwise null. */
    String opaquePath;
    /** Null, or an ASCII string. */
    String query;
    /** Null, or an ASCII string. */
    String fragment;

    UrlRecord() {
        path = new ArrayList<>(4);
    }

    /** A record holding the same URL as {@code url}, ready to be modified. */
    UrlRecord(Url url) {
        setScheme(url.scheme());
        username = url.username();
        password = url.password();
        host = url.hostValue();
        port = url.portValue();
        path = new ArrayList<>(url.pathSegments());
        opaquePath = url.opaquePath();
        query = url.query();
        fragment = url.fragment();
    }

    String scheme() {
        return scheme;
    }

    void setScheme(String scheme) {
        this.scheme = scheme;
        this.special = SpecialScheme.of(scheme) != null;
    }

    /** Whether the URL is special (https://url.spec.whatwg.org/#is-special). */
    boolean isSpecial() {
        return special;
    }

    /** Whether the URL includes credentials (https://url.spec.whatwg.org/#include-credentials). */
    boolean includesCredentials() {
        return !username.isEmpty() || !password.isEmpty();
    }

    boolean hasOpaquePath() {
        return opaquePath != null;
    }

    /** Implements the URL Standard's shorten a URL's path (https://url.spec.whatwg.org/#shorten-a-urls-path). */
    void shortenPath() {
        if (scheme.equals("file") && path.size() == 1 && isNormalizedWindowsDriveLetter(path.get(0))) {
            return;
        }
        if (!path.isEmpty()) {
            path.remove(path.size() - 1);
        }
    }

    /** A normalized Windows drive letter (https://url.spec.whatwg.org/#normalized-windows-drive-letter). */
    static boolean isNormalizedWindowsDriveLetter(CharSequence s) {
        return s.length() == 2 && isAsciiAlpha(s.charAt(0)) && s.charAt(1) == ':';
    }

    /** A Windows drive letter (https://url.spec.whatwg.org/#windows-drive-letter). */
    static boolean isWindowsDriveLetter(CharSequence s) {
        return s.length() == 2 && isAsciiAlpha(s.charAt(0)) && (s.charAt(1) == ':' || s.charAt(1) == '|');
    }

    static boolean isAsciiAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
