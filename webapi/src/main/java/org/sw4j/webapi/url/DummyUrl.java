package org.sw4j.webapi.url;

/**
 * The URL Pattern Standard's dummy URL (https://urlpattern.spec.whatwg.org/#create-a-dummy-url),
 * {@code https://dummy.invalid/}, and the basic URL parser runs with a state override on a fresh copy of it
 * that the standard's "canonicalize a ..." encoding callbacks perform. This class exposes exactly those runs;
 * the parser itself stays package-private.
 *
 * <p>Every method returns the resulting component, or null when the basic URL parser returns failure.
 */
public final class DummyUrl {
    private static final Url DUMMY = Url.parse("https://dummy.invalid/");

    private DummyUrl() {
    }

    /** Set the username (https://url.spec.whatwg.org/#set-the-username) on the dummy URL; its username. */
    public static String username(String value) {
        return PercentEncoding.utf8PercentEncode(value, PercentEncodeSet.USERINFO);
    }

    /** Set the password (https://url.spec.whatwg.org/#set-the-password) on the dummy URL; its password. */
    public static String password(String value) {
        return PercentEncoding.utf8PercentEncode(value, PercentEncodeSet.USERINFO);
    }

    /** Basic URL parse {@code value} with hostname state as state override; the host serialized, or "". */
    public static String hostname(String value) {
        UrlRecord record = new UrlRecord(DUMMY);
        if (!BasicUrlParser.parse(value, record, BasicUrlParser.State.HOSTNAME)) {
            return null;
        }
        return record.host == null ? "" : record.host.serialize();
    }

    /**
     * Basic URL parse {@code value} with port state as state override, the dummy URL's scheme first set to
     * {@code scheme} when not null; the port serialized, or "" when null (e.g. the scheme's default port).
     */
    public static String port(String value, String scheme) {
        UrlRecord record = new UrlRecord(DUMMY);
        if (scheme != null) {
            record.setScheme(scheme);
        }
        if (!BasicUrlParser.parse(value, record, BasicUrlParser.State.PORT)) {
            return null;
        }
        return record.port == -1 ? "" : Integer.toString(record.port);
    }

    /** Empty the path, basic URL parse {@code value} with path start state as state override; the path serialized. */
    public static String path(String value) {
        UrlRecord record = new UrlRecord(DUMMY);
        record.path.clear();
        if (!BasicUrlParser.parse(value, record, BasicUrlParser.State.PATH_START)) {
            return null;
        }
        return serializePath(record);
    }

    /** Set the path to the empty opaque path, basic URL parse {@code value} with opaque path state; the path serialized. */
    public static String opaquePath(String value) {
        UrlRecord record = new UrlRecord(DUMMY);
        record.path.clear();
        record.opaquePath = "";
        if (!BasicUrlParser.parse(value, record, BasicUrlParser.State.OPAQUE_PATH)) {
            return null;
        }
        return serializePath(record);
    }

    /** Set the query to "", basic URL parse {@code value} with query state as state override; the query. */
    public static String query(String value) {
        UrlRecord record = new UrlRecord(DUMMY);
        record.query = "";
        if (!BasicUrlParser.parse(value, record, BasicUrlParser.State.QUERY)) {
            return null;
        }
        return record.query;
    }

    /** Set the fragment to "", basic URL parse {@code value} with fragment state as state override; the fragment. */
    public static String fragment(String value) {
        UrlRecord record = new UrlRecord(DUMMY);
        record.fragment = "";
        if (!BasicUrlParser.parse(value, record, BasicUrlParser.State.FRAGMENT)) {
            return null;
        }
        return record.fragment;
    }

    /**
     * The URL path serializer (https://url.spec.whatwg.org/#url-path-serializer) of {@code url}, also for the
     * URL Pattern Standard's matching and base URL steps.
     */
    public static String serializePath(Url url) {
        return url.hasOpaquePath() ? url.opaquePath() : joinSegments(url.pathSegments());
    }

    /** The query of {@code url}, or "" when null (unlike {@link Url#search()}, which drops an empty "?"). */
    public static String queryOrEmpty(Url url) {
        return url.query() == null ? "" : url.query();
    }

    /** The fragment of {@code url}, or "" when null. */
    public static String fragmentOrEmpty(Url url) {
        return url.fragment() == null ? "" : url.fragment();
    }

    private static String serializePath(UrlRecord record) {
        return record.hasOpaquePath() ? record.opaquePath : joinSegments(record.path);
    }

    private static String joinSegments(java.util.List<String> segments) {
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            out.append('/').append(segment);
        }
        return out.toString();
    }
}
