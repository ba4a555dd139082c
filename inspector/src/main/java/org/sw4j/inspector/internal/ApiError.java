package org.sw4j.inspector.internal;

/**
 * A request the API cannot answer, with the HTTP status and the {@code {error, message}} body it
 * answers with instead. The one place statuses come from.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String error;

    private ApiError(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    /** 400: the request is malformed (bad JSON, a missing or wrong field). */
    public static ApiError badRequest(String message) {
        return new ApiError(400, "bad_request", message);
    }

    /** 401: no token, or a wrong one. */
    public static ApiError unauthorized() {
        return new ApiError(401, "unauthorized", "this API needs the inspector's token: open the URL printed at start,"
                + " or send 'Authorization: Bearer <token>'");
    }

    /** 403: a Host or Origin that is not this loopback listener (DNS rebinding, cross-site requests). */
    public static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message);
    }

    /** 404: no such route, registration, worker, cache or entry. */
    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }

    /** 405: the route exists for another method. */
    public static ApiError methodNotAllowed(String message) {
        return new ApiError(405, "method_not_allowed", message);
    }

    /** 409: the action is not possible in the current state (nothing waiting, worker not running, ...). */
    public static ApiError conflict(String message) {
        return new ApiError(409, "conflict", message);
    }

    /** 413: a request body larger than the API reads. */
    public static ApiError tooLarge(String message) {
        return new ApiError(413, "too_large", message);
    }

    /** 500: the engine or the store failed. */
    public static ApiError internal(String message) {
        return new ApiError(500, "internal", message);
    }

    /** 503: too many live event streams. */
    public static ApiError unavailable(String message) {
        return new ApiError(503, "unavailable", message);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
