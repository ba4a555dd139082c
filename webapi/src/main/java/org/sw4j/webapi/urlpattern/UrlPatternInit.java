package org.sw4j.webapi.urlpattern;

/**
 * The {@code URLPatternInit} dictionary (https://urlpattern.spec.whatwg.org/#dictdef-urlpatterninit): one
 * string per URL component, each null when the member is absent. As a pattern, an absent component is a
 * wildcard (unless inherited from {@code baseURL}); as an input to match, an absent component is "".
 */
public record UrlPatternInit(String protocol, String username, String password, String hostname, String port,
        String pathname, String search, String hash, String baseURL) {

    /** The empty dictionary: every member absent. */
    public static final UrlPatternInit EMPTY = new UrlPatternInit(null, null, null, null, null, null, null, null, null);

    public UrlPatternInit withProtocol(String value) {
        return new UrlPatternInit(value, username, password, hostname, port, pathname, search, hash, baseURL);
    }

    public UrlPatternInit withUsername(String value) {
        return new UrlPatternInit(protocol, value, password, hostname, port, pathname, search, hash, baseURL);
    }

    public UrlPatternInit withPassword(String value) {
        return new UrlPatternInit(protocol, username, value, hostname, port, pathname, search, hash, baseURL);
    }

    public UrlPatternInit withHostname(String value) {
        return new UrlPatternInit(protocol, username, password, value, port, pathname, search, hash, baseURL);
    }

    public UrlPatternInit withPort(String value) {
        return new UrlPatternInit(protocol, username, password, hostname, value, pathname, search, hash, baseURL);
    }

    public UrlPatternInit withPathname(String value) {
        return new UrlPatternInit(protocol, username, password, hostname, port, value, search, hash, baseURL);
    }

    public UrlPatternInit withSearch(String value) {
        return new UrlPatternInit(protocol, username, password, hostname, port, pathname, value, hash, baseURL);
    }

    public UrlPatternInit withHash(String value) {
        return new UrlPatternInit(protocol, username, password, hostname, port, pathname, search, value, baseURL);
    }

    public UrlPatternInit withBaseURL(String value) {
        return new UrlPatternInit(protocol, username, password, hostname, port, pathname, search, hash, value);
    }
}
