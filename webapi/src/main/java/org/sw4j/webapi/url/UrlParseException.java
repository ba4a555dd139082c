package org.sw4j.webapi.url;

/**
 * Thrown when the URL parser returns failure (https://url.spec.whatwg.org/#concept-url-parser), where the
 * JavaScript API would throw a {@code TypeError}.
 */
public final class UrlParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String input;
    private final String base;

    private UrlParseException(String message, String input, String base) {
        super(message);
        this.input = input;
        this.base = base;
    }

    /** {@code input} failed to parse, against {@code base} if that is non-null. */
    static UrlParseException invalidUrl(String input, String base) {
        String message = base == null
                ? "Invalid URL: '" + input + "'"
                : "Invalid URL: '" + input + "' against base '" + base + "'";
        return new UrlParseException(message, input, base);
    }

    /** The base URL string {@code base} failed to parse, so {@code input} could not be resolved against it. */
    static UrlParseException invalidBase(String input, String base) {
        return new UrlParseException("Invalid base URL: '" + base + "'", input, base);
    }

    /** The string that was to be parsed as a URL. */
    public String input() {
        return input;
    }

    /** The base URL, serialized or as given; null when parsing without a base. */
    public String base() {
        return base;
    }
}
