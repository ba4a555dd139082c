package org.sw4j.webapi.urlpattern;

/**
 * The {@code URLPatternOptions} dictionary (https://urlpattern.spec.whatwg.org/#dictdef-urlpatternoptions).
 *
 * @param ignoreCase whether the pathname, search and hash match case-insensitively
 */
public record UrlPatternOptions(boolean ignoreCase) {
    /** The default options: case-sensitive. */
    public static final UrlPatternOptions DEFAULT = new UrlPatternOptions(false);
}
