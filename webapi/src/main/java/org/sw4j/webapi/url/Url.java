package org.sw4j.webapi.url;

import java.util.List;
import java.util.Optional;

/**
 * A URL (https://url.spec.whatwg.org/#concept-url) as the WHATWG URL Standard defines it, with the getters
 * of the JavaScript {@code URL} interface.
 *
 * <p>A {@code Url} is an immutable value: equal when the serializations ({@link #href()}) are equal. The
 * {@code URL} interface's setters are {@code with...} methods that return the URL the setter would leave
 * behind, following the standard's steps exactly (including the cases where a setter silently does
 * nothing). {@link MutableUrl} is the mutable {@code URL} object built on it, with a live
 * {@link UrlSearchParams}.
 *
 * <p>Parsing always uses UTF-8; {@code blob:} URLs are not resolved against a blob URL store.
 */
public final class Url {
    private final String scheme;
    private final String username;
    private final String password;
    private final Host host;
    /** The host, serialized; null when the host is null. */
    private final String hostname;
    private final int port;
    private final List<String> path;
    private final String opaquePath;
    private final String query;
    private final String fragment;
    private final String href;
    /** Where the fragment's "#" starts in {@link #href}, or its length when the fragment is null. */
    private final int fragmentStart;

    private Url(UrlRecord record) {
        scheme = record.scheme();
        username = record.username;
        password = record.password;
        host = record.host;
        hostname = host == null ? null : host.serialize();
        port = record.port;
        path = record.hasOpaquePath() ? List.of() : List.copyOf(record.path);
        opaquePath = record.opaquePath;
        query = record.query;
        fragment = record.fragment;

        StringBuilder serialized = serializeExcludingFragment();
        fragmentStart = serialized.length();
        if (fragment != null) {
            serialized.append('#').append(fragment);
        }
        href = serialized.toString();
    }

    /**
     * Parses {@code input} without a base URL.
     *
     * @throws UrlParseException if the basic URL parser returns failure
     */
    public static Url parse(String input) {
        return parse(input, (Url) null);
    }

    /**
     * Implements the URL Standard's basic URL parser (https://url.spec.whatwg.org/#concept-basic-url-parser)
     * on {@code input} with {@code base}.
     *
     * @param base the base URL, or null
     * @throws UrlParseException if the parser returns failure
     */
    public static Url parse(String input, Url base) {
        UrlRecord record = BasicUrlParser.parse(input, base);
        if (record == null) {
            throw UrlParseException.invalidUrl(input, base == null ? null : base.href);
        }
        return new Url(record);
    }

    /**
     * Implements the URL Standard's API URL parser (https://url.spec.whatwg.org/#api-url-parser), as
     * {@code new URL(input, base)} does.
     *
     * @param base the base URL string, or null
     * @throws UrlParseException if {@code base} or {@code input} fails to parse
     */
    public static Url parse(String input, String base) {
        Url parsedBase = null;
        if (base != null) {
            UrlRecord baseRecord = BasicUrlParser.parse(base, null);
            if (baseRecord == null) {
                throw UrlParseException.invalidBase(input, base);
            }
            parsedBase = new Url(baseRecord);
        }
        UrlRecord record = BasicUrlParser.parse(input, parsedBase);
        if (record == null) {
            throw UrlParseException.invalidUrl(input, base);
        }
        return new Url(record);
    }

    /**
     * The API URL parser without an exception, as the static {@code URL.parse(url, base)} does: empty when
     * {@code base} (nullable) or {@code input} fails to parse.
     */
    public static Optional<Url> tryParse(String input, String base) {
        Url parsedBase = null;
        if (base != null) {
            UrlRecord baseRecord = BasicUrlParser.parse(base, null);
            if (baseRecord == null) {
                return Optional.empty();
            }
            parsedBase = new Url(baseRecord);
        }
        UrlRecord record = BasicUrlParser.parse(input, parsedBase);
        return record == null ? Optional.empty() : Optional.of(new Url(record));
    }

    /**
     * Implements the static {@code URL.canParse(url, base)} (https://url.spec.whatwg.org/#dom-url-canparse).
     *
     * @param base the base URL string, or null
     */
    public static boolean canParse(String input, String base) {
        return tryParse(input, base).isPresent();
    }

    // ---------------------------------------------------------------------------------------------
    // The URL interface's getters

    /** Implements the {@code href} getter: the URL serializer (https://url.spec.whatwg.org/#concept-url-serializer). */
    public String href() {
        return href;
    }

    /** Implements the {@code origin} getter: the serialization of this URL's {@link #originValue() origin}. */
    public String origin() {
        return originValue().serialize();
    }

    /** Implements the {@code protocol} getter: the scheme followed by ":". */
    public String protocol() {
        return scheme + ":";
    }

    /** Implements the {@code username} getter. */
    public String username() {
        return username;
    }

    /** Implements the {@code password} getter. */
    public String password() {
        return password;
    }

    /** Implements the {@code host} getter: the serialized host and, if non-null, ":" and the port. */
    public String host() {
        if (hostname == null) {
            return "";
        }
        return port == -1 ? hostname : hostname + ":" + port;
    }

    /** Implements the {@code hostname} getter: the serialized host, or "" if the host is null. */
    public String hostname() {
        return hostname == null ? "" : hostname;
    }

    /** Implements the {@code port} getter: "" if the port is null. */
    public String port() {
        return port == -1 ? "" : Integer.toString(port);
    }

    /**
     * Implements the {@code pathname} getter: the URL path serializer
     * (https://url.spec.whatwg.org/#url-path-serializer).
     */
    public String pathname() {
        if (opaquePath != null) {
            return opaquePath;
        }
        StringBuilder output = new StringBuilder();
        for (String segment : path) {
            output.append('/').append(segment);
        }
        return output.toString();
    }

    /** Implements the {@code search} getter: "" if the query is null or empty, otherwise "?" and the query. */
    public String search() {
        return query == null || query.isEmpty() ? "" : "?" + query;
    }

    /** Implements the {@code hash} getter: "" if the fragment is null or empty, otherwise "#" and the fragment. */
    public String hash() {
        return fragment == null || fragment.isEmpty() ? "" : "#" + fragment;
    }

    /** This URL's scheme (https://url.spec.whatwg.org/#concept-url-scheme), without the ":". */
    public String scheme() {
        return scheme;
    }

    /** Whether this URL is special (https://url.spec.whatwg.org/#is-special): ftp, file, http, https, ws or wss. */
    public boolean isSpecial() {
        return SpecialScheme.of(scheme) != null;
    }

    /**
     * Whether this URL has an opaque path (https://url.spec.whatwg.org/#url-opaque-path), as {@code mailto:}
     * URLs do.
     */
    public boolean hasOpaquePath() {
        return opaquePath != null;
    }

    /** Whether this URL includes credentials (https://url.spec.whatwg.org/#include-credentials). */
    public boolean includesCredentials() {
        return !username.isEmpty() || !password.isEmpty();
    }

    /**
     * Implements the URL Standard's origin of a URL (https://url.spec.whatwg.org/#concept-url-origin). A URL
     * whose origin is opaque gets a new opaque origin on every call, as the standard prescribes; such URLs
     * are not even same origin with themselves. {@code file:} URLs get an opaque origin.
     */
    public Origin originValue() {
        return switch (scheme) {
            case "blob" -> {
                // No blob URL store here, so the blob URL entry is always null: use the path's URL.
                UrlRecord pathUrl = BasicUrlParser.parse(pathname(), null);
                if (pathUrl != null && (pathUrl.scheme().equals("http") || pathUrl.scheme().equals("https")
                        || pathUrl.scheme().equals("file"))) {
                    yield new Url(pathUrl).originValue();
                }
                yield Origin.opaque();
            }
            case "ftp", "http", "https", "ws", "wss" -> new Origin.Tuple(scheme, hostname, port);
            default -> Origin.opaque();
        };
    }

    /**
     * A new {@link UrlSearchParams} holding this URL's query parsed as {@code application/x-www-form-urlencoded}.
     * It is a copy: changing it does not change this (immutable) URL; see {@link #withSearchParams} and
     * {@link MutableUrl#searchParams()}.
     */
    public UrlSearchParams searchParams() {
        return UrlSearchParams.ofQuery(query);
    }

    // ---------------------------------------------------------------------------------------------
    // The URL interface's setters, as methods returning the resulting URL

    /**
     * Implements the {@code href} setter: the basic URL parser on {@code value}.
     *
     * @throws UrlParseException if {@code value} fails to parse
     */
    public Url withHref(String value) {
        return parse(value);
    }

    /**
     * Implements the {@code protocol} setter: basic URL parse {@code value} followed by ":" with this URL as
     * url and scheme start state as state override.
     */
    public Url withProtocol(String value) {
        UrlRecord record = new UrlRecord(this);
        BasicUrlParser.parse(value + ":", record, BasicUrlParser.State.SCHEME_START);
        return new Url(record);
    }

    /** Implements the {@code username} setter, via set the username (https://url.spec.whatwg.org/#set-the-username). */
    public Url withUsername(String value) {
        if (cannotHaveUsernamePasswordPort()) {
            return this;
        }
        UrlRecord record = new UrlRecord(this);
        record.username = PercentEncoding.utf8PercentEncode(value, PercentEncodeSet.USERINFO);
        return new Url(record);
    }

    /** Implements the {@code password} setter, via set the password (https://url.spec.whatwg.org/#set-the-password). */
    public Url withPassword(String value) {
        if (cannotHaveUsernamePasswordPort()) {
            return this;
        }
        UrlRecord record = new UrlRecord(this);
        record.password = PercentEncoding.utf8PercentEncode(value, PercentEncodeSet.USERINFO);
        return new Url(record);
    }

    /** Implements the {@code host} setter: basic URL parse with host state as state override. */
    public Url withHost(String value) {
        if (hasOpaquePath()) {
            return this;
        }
        UrlRecord record = new UrlRecord(this);
        BasicUrlParser.parse(value, record, BasicUrlParser.State.HOST);
        return new Url(record);
    }

    /** Implements the {@code hostname} setter: basic URL parse with hostname state as state override. */
    public Url withHostname(String value) {
        if (hasOpaquePath()) {
            return this;
        }
        UrlRecord record = new UrlRecord(this);
        BasicUrlParser.parse(value, record, BasicUrlParser.State.HOSTNAME);
        return new Url(record);
    }

    /**
     * Implements the {@code port} setter: "" makes the port null, anything else is parsed with port state as
     * state override.
     */
    public Url withPort(String value) {
        if (cannotHaveUsernamePasswordPort()) {
            return this;
        }
        UrlRecord record = new UrlRecord(this);
        if (value.isEmpty()) {
            record.port = -1;
        } else {
            BasicUrlParser.parse(value, record, BasicUrlParser.State.PORT);
        }
        return new Url(record);
    }

    /**
     * Implements the {@code pathname} setter: empty the path, then basic URL parse with path start state as
     * state override.
     */
    public Url withPathname(String value) {
        if (hasOpaquePath()) {
            return this;
        }
        UrlRecord record = new UrlRecord(this);
        record.path.clear();
        BasicUrlParser.parse(value, record, BasicUrlParser.State.PATH_START);
        return new Url(record);
    }

    /**
     * Implements the {@code search} setter: "" makes the query null; otherwise a single leading "?" is removed
     * and the rest parsed with query state as state override.
     */
    public Url withSearch(String value) {
        UrlRecord record = new UrlRecord(this);
        if (value.isEmpty()) {
            record.query = null;
        } else {
            record.query = "";
            String input = value.charAt(0) == '?' ? value.substring(1) : value;
            BasicUrlParser.parse(input, record, BasicUrlParser.State.QUERY);
        }
        return new Url(record);
    }

    /**
     * Implements the {@code hash} setter: "" makes the fragment null; otherwise a single leading "#" is removed
     * and the rest parsed with fragment state as state override.
     */
    public Url withHash(String value) {
        UrlRecord record = new UrlRecord(this);
        if (value.isEmpty()) {
            record.fragment = null;
        } else {
            record.fragment = "";
            String input = value.charAt(0) == '#' ? value.substring(1) : value;
            BasicUrlParser.parse(input, record, BasicUrlParser.State.FRAGMENT);
        }
        return new Url(record);
    }

    /**
     * This URL with its query replaced by the serialization of {@code params}, or null if that is empty:
     * the URLSearchParams update steps (https://url.spec.whatwg.org/#concept-urlsearchparams-update).
     */
    public Url withSearchParams(UrlSearchParams params) {
        String serializedQuery = params.toString();
        return withQuery(serializedQuery.isEmpty() ? null : serializedQuery);
    }

    /** This URL with its fragment set to null, as Fetch and the Cache API need for matching. */
    public Url withoutFragment() {
        if (fragment == null) {
            return this;
        }
        UrlRecord record = new UrlRecord(this);
        record.fragment = null;
        return new Url(record);
    }

    /**
     * Implements the URL Standard's URL equals (https://url.spec.whatwg.org/#concept-url-equals) with the
     * exclude fragments flag set.
     */
    public boolean equalsExcludingFragment(Url other) {
        return fragmentStart == other.fragmentStart && href.regionMatches(0, other.href, 0, fragmentStart);
    }

    /** Implements the URL Standard's URL equals (https://url.spec.whatwg.org/#concept-url-equals). */
    @Override
    public boolean equals(Object other) {
        return other instanceof Url url && href.equals(url.href);
    }

    @Override
    public int hashCode() {
        return href.hashCode();
    }

    /** The serialization, {@link #href()}. */
    @Override
    public String toString() {
        return href;
    }

    // ---------------------------------------------------------------------------------------------
    // The URL record's components, for the parser and the other classes of this package

    Host hostValue() {
        return host;
    }

    /** The port, or -1 for null. */
    int portValue() {
        return port;
    }

    /** The path's segments; empty when the path is opaque. */
    List<String> pathSegments() {
        return path;
    }

    /** The opaque path, or null when the path is a list. */
    String opaquePath() {
        return opaquePath;
    }

    /** The query, or null. */
    String query() {
        return query;
    }

    /** The fragment, or null. */
    String fragment() {
        return fragment;
    }

    /** This URL with its query replaced, unparsed, by {@code newQuery} (nullable). */
    Url withQuery(String newQuery) {
        UrlRecord record = new UrlRecord(this);
        record.query = newQuery;
        return new Url(record);
    }

    /**
     * Whether this URL cannot have a username/password/port
     * (https://url.spec.whatwg.org/#cannot-have-a-username-password-port).
     */
    private boolean cannotHaveUsernamePasswordPort() {
        return host == null || host instanceof Host.EmptyHost || scheme.equals("file");
    }

    /**
     * Implements the URL Standard's URL serializer (https://url.spec.whatwg.org/#concept-url-serializer) with
     * exclude fragment set; the constructor appends the fragment.
     */
    private StringBuilder serializeExcludingFragment() {
        StringBuilder output = new StringBuilder(64).append(scheme).append(':');
        if (host != null) {
            output.append("//");
            if (includesCredentials()) {
                output.append(username);
                if (!password.isEmpty()) {
                    output.append(':').append(password);
                }
                output.append('@');
            }
            output.append(hostname);
            if (port != -1) {
                output.append(':').append(port);
            }
        }
        if (opaquePath != null) {
            output.append(opaquePath);
        } else {
            // "/." keeps a path starting with an empty segment from being read back as a host.
            if (host == null && path.size() > 1 && path.get(0).isEmpty()) {
                output.append("/.");
            }
            for (String segment : path) {
                output.append('/').append(segment);
            }
        }
        if (query != null) {
            output.append('?').append(query);
        }
        return output;
    }
}
