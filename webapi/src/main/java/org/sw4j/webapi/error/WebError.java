package org.sw4j.webapi.error;

/**
 * A failure that JavaScript must see as a specific exception type: one of ECMAScript's simple
 * error types or a named {@code DOMException}. Java code anywhere below the JavaScript binding
 * throws these; the binding converts them in one place.
 */
public final class WebError extends RuntimeException {

    /** ECMAScript's native error types that Web APIs throw. */
    public enum EcmaType { TYPE_ERROR, RANGE_ERROR, SYNTAX_ERROR }

    private final EcmaType ecmaType;
    private final DomExceptionName domName;

    private WebError(EcmaType ecmaType, DomExceptionName domName, String message, Throwable cause) {
        super(message, cause);
        this.ecmaType = ecmaType;
        this.domName = domName;
    }

    public static WebError typeError(String message) {
        return new WebError(EcmaType.TYPE_ERROR, null, message, null);
    }

    public static WebError rangeError(String message) {
        return new WebError(EcmaType.RANGE_ERROR, null, message, null);
    }

    public static WebError syntaxError(String message) {
        return new WebError(EcmaType.SYNTAX_ERROR, null, message, null);
    }

    public static WebError dom(DomExceptionName name, String message) {
        return new WebError(null, name, message, null);
    }

    public static WebError dom(DomExceptionName name, String message, Throwable cause) {
        return new WebError(null, name, message, cause);
    }

    /**
     * The JavaScript constructor name this error becomes: "TypeError", "RangeError",
     * "SyntaxError", or the DOMException name (e.g. "NetworkError").
     */
    public String jsName() {
        if (domName != null) {
            return domName.jsName();
        }
        return switch (ecmaType) {
            case TYPE_ERROR -> "TypeError";
            case RANGE_ERROR -> "RangeError";
            case SYNTAX_ERROR -> "SyntaxError";
        };
    }

    /** True when JavaScript sees a {@code DOMException}, false for an ECMAScript error. */
    public boolean isDomException() {
        return domName != null;
    }
}
