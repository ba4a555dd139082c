package org.sw4j.webapi.url;

/**
 * The JavaScript {@code URL} object (https://url.spec.whatwg.org/#url-class): a {@link Url} that its setters
 * replace, and a query object, {@link #searchParams()}, kept in step with it in both directions. A script
 * binding wraps this class; Java code that only needs URL values uses {@link Url}.
 *
 * <p>Not thread-safe, like the JavaScript object it models.
 */
public final class MutableUrl {
    private Url url;
    private final UrlSearchParams queryObject;

    /**
     * Implements {@code new URL(url, base)}.
     *
     * @param base the base URL string, or null
     * @throws UrlParseException if {@code base} or {@code input} fails to parse
     */
    public MutableUrl(String input, String base) {
        this(Url.parse(input, base));
    }

    /** Implements the URL object's initialize (https://url.spec.whatwg.org/#url-initialize) with {@code url}. */
    public MutableUrl(Url url) {
        this.url = url;
        this.queryObject = UrlSearchParams.ofQuery(url.query());
        this.queryObject.attachTo(this);
    }

    /** The URL as it is now. */
    public Url url() {
        return url;
    }

    /** Implements the {@code searchParams} getter: always the same object, linked to this URL's query. */
    public UrlSearchParams searchParams() {
        return queryObject;
    }

    // The getters are those of the current Url; the setters replace it.

    public String href() {
        return url.href();
    }

    /**
     * Implements the {@code href} setter: the URL is replaced by the parse of {@code value}, and the query
     * object's list by the parse of its query.
     *
     * @throws UrlParseException if {@code value} fails to parse; the URL is then unchanged
     */
    public void setHref(String value) {
        url = Url.parse(value);
        queryObject.replaceList(url.query());
    }

    /**
     * Runs the setter of the URL attribute named {@code attribute} ({@code href}, {@code protocol},
     * … {@code hash}), as a binding that receives attribute names does.
     *
     * @throws UrlParseException from the {@code href} setter
     * @throws IllegalArgumentException for a name that is no settable attribute
     */
    public void set(String attribute, String value) {
        switch (attribute) {
            case "href" -> setHref(value);
            case "protocol" -> setProtocol(value);
            case "username" -> setUsername(value);
            case "password" -> setPassword(value);
            case "host" -> setHost(value);
            case "hostname" -> setHostname(value);
            case "port" -> setPort(value);
            case "pathname" -> setPathname(value);
            case "search" -> setSearch(value);
            case "hash" -> setHash(value);
            default -> throw new IllegalArgumentException("no settable URL attribute " + attribute);
        }
    }

    public String origin() {
        return url.origin();
    }

    public String protocol() {
        return url.protocol();
    }

    /** Implements the {@code protocol} setter; see {@link Url#withProtocol}. */
    public void setProtocol(String value) {
        url = url.withProtocol(value);
    }

    public String username() {
        return url.username();
    }

    /** Implements the {@code username} setter; see {@link Url#withUsername}. */
    public void setUsername(String value) {
        url = url.withUsername(value);
    }

    public String password() {
        return url.password();
    }

    /** Implements the {@code password} setter; see {@link Url#withPassword}. */
    public void setPassword(String value) {
        url = url.withPassword(value);
    }

    public String host() {
        return url.host();
    }

    /** Implements the {@code host} setter; see {@link Url#withHost}. */
    public void setHost(String value) {
        url = url.withHost(value);
    }

    public String hostname() {
        return url.hostname();
    }

    /** Implements the {@code hostname} setter; see {@link Url#withHostname}. */
    public void setHostname(String value) {
        url = url.withHostname(value);
    }

    public String port() {
        return url.port();
    }

    /** Implements the {@code port} setter; see {@link Url#withPort}. */
    public void setPort(String value) {
        url = url.withPort(value);
    }

    public String pathname() {
        return url.pathname();
    }

    /** Implements the {@code pathname} setter; see {@link Url#withPathname}. */
    public void setPathname(String value) {
        url = url.withPathname(value);
    }

    public String search() {
        return url.search();
    }

    /**
     * Implements the {@code search} setter: see {@link Url#withSearch}; the query object's list becomes the
     * parse of the given value without its leading "?" (empty for "").
     */
    public void setSearch(String value) {
        url = url.withSearch(value);
        String input = ScalarValueString.of(value);
        queryObject.replaceList(input.startsWith("?") ? input.substring(1) : input);
    }

    public String hash() {
        return url.hash();
    }

    /** Implements the {@code hash} setter; see {@link Url#withHash}. */
    public void setHash(String value) {
        url = url.withHash(value);
    }

    /** Implements {@code toJSON()} and the stringifier: the href. */
    @Override
    public String toString() {
        return url.href();
    }

    /** The end of the query object's update steps: the URL's query becomes {@code query} (nullable). */
    void setQueryFromSearchParams(String query) {
        url = url.withQuery(query);
    }
}
