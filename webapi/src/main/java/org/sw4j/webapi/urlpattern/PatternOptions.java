package org.sw4j.webapi.urlpattern;

/**
 * The options struct (https://urlpattern.spec.whatwg.org/#options) that controls how a pattern string is
 * parsed and matched.
 *
 * @param delimiterCodePoint "" or one ASCII code point: the segment separator a named group stops at
 * @param prefixCodePoint "" or one ASCII code point: the automatic prefix of a group
 * @param ignoreCase whether matching is case-insensitive
 */
record PatternOptions(String delimiterCodePoint, String prefixCodePoint, boolean ignoreCase) {

    /** The default options (https://urlpattern.spec.whatwg.org/#default-options). */
    static final PatternOptions DEFAULT = new PatternOptions("", "", false);

    /** The hostname options (https://urlpattern.spec.whatwg.org/#hostname-options). */
    static final PatternOptions HOSTNAME = new PatternOptions(".", "", false);

    /** The pathname options (https://urlpattern.spec.whatwg.org/#pathname-options). */
    static final PatternOptions PATHNAME = new PatternOptions("/", "/", false);

    PatternOptions withIgnoreCase(boolean value) {
        return new PatternOptions(delimiterCodePoint, prefixCodePoint, value);
    }
}
