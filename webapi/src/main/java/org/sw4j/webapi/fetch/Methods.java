package org.sw4j.webapi.fetch;

/** The Fetch Standard's predicates on HTTP methods (https://fetch.spec.whatwg.org/#methods). */
public final class Methods {
    private Methods() {
    }

    /** Whether {@code method} is a method (https://fetch.spec.whatwg.org/#concept-method): a token. */
    public static boolean isValid(String method) {
        return HttpSyntax.isToken(method);
    }

    /**
     * Whether {@code method} is a CORS-safelisted method (https://fetch.spec.whatwg.org/#cors-safelisted-method):
     * exactly {@code GET}, {@code HEAD} or {@code POST} (case-sensitive, as methods are after
     * normalization).
     */
    public static boolean isCorsSafelisted(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("POST");
    }

    /**
     * Whether {@code method} is a forbidden method (https://fetch.spec.whatwg.org/#forbidden-method):
     * {@code CONNECT}, {@code TRACE} or {@code TRACK}, in any case.
     */
    public static boolean isForbidden(String method) {
        return switch (HttpSyntax.asciiLowercase(method)) {
            case "connect", "trace", "track" -> true;
            default -> false;
        };
    }

    /**
     * Implements normalize (https://fetch.spec.whatwg.org/#concept-method-normalize): upper-cases
     * {@code DELETE}, {@code GET}, {@code HEAD}, {@code OPTIONS}, {@code POST} and {@code PUT} in any
     * case; every other method (notably {@code patch}) is left as written.
     */
    public static String normalize(String method) {
        return switch (HttpSyntax.asciiLowercase(method)) {
            case "delete" -> "DELETE";
            case "get" -> "GET";
            case "head" -> "HEAD";
            case "options" -> "OPTIONS";
            case "post" -> "POST";
            case "put" -> "PUT";
            default -> method;
        };
    }
}
