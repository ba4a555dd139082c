package org.sw4j.webapi.fetch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sw4j.webapi.error.WebError;

/**
 * The {@code Headers} class (https://fetch.spec.whatwg.org/#headers-class): a {@link HeaderList}
 * seen through a {@link Guard} that decides what script may change.
 *
 * <p>A {@code Headers} shares its header list with the request or response it belongs to, so
 * changes here are changes there. Names and values are byte strings (see {@link Header}); invalid
 * ones, and any change under the {@link Guard#IMMUTABLE immutable} guard, throw a
 * {@link WebError#typeError TypeError}. Changes that the guard forbids silently (forbidden request
 * headers, {@code Set-Cookie} on a response) are ignored, as the standard says. Not thread-safe.
 */
public final class Headers {

    /** A headers guard (https://fetch.spec.whatwg.org/#concept-headers-guard). */
    public enum Guard {
        /** Anything valid may be changed: {@code new Headers()}. */
        NONE,
        /** No change at all: the headers of fetched responses and of {@code Response.error()}. */
        IMMUTABLE,
        /** A request's headers: forbidden request-headers are ignored. */
        REQUEST,
        /** A {@code no-cors} request's headers: only no-CORS-safelisted request-headers. */
        REQUEST_NO_CORS,
        /** A response's headers: forbidden response-header names are ignored. */
        RESPONSE
    }

    private final HeaderList headerList;
    private Guard guard;

    /** {@code Headers} over {@code headerList} (shared, not copied) with {@code guard}. */
    public Headers(HeaderList headerList, Guard guard) {
        this.headerList = headerList;
        this.guard = guard;
    }

    /** As {@code new Headers()}: an empty list, guard none. */
    public Headers() {
        this(new HeaderList(), Guard.NONE);
    }

    /**
     * As {@code new Headers(init)} for a sequence of pairs or a record: an empty list with guard
     * none, then filled (https://fetch.spec.whatwg.org/#concept-headers-fill) from {@code init}.
     * The binding checks that each JavaScript pair has exactly two items.
     */
    public static Headers of(List<Header> init) {
        Headers headers = new Headers();
        headers.fill(init);
        return headers;
    }

    /** The header list this object is a view of (live, shared). */
    public HeaderList headerList() {
        return headerList;
    }

    public Guard guard() {
        return guard;
    }

    /**
     * Changes the guard; the Request constructor needs it (it turns {@code request} into
     * {@code request-no-cors}) and so does a response made immutable.
     */
    public void setGuard(Guard guard) {
        this.guard = guard;
    }

    /**
     * A copy: a new {@code Headers} with an independent copy of the header list and the same
     * guard, as {@code request.clone()} and {@code response.clone()} need.
     */
    public Headers copy() {
        return new Headers(headerList.copy(), guard);
    }

    /**
     * Implements fill (https://fetch.spec.whatwg.org/#concept-headers-fill): appends every pair of
     * {@code init} in order. For a record, the binding passes its entries in order.
     */
    public void fill(List<Header> init) {
        for (Header header : init) {
            append(header.name(), header.value());
        }
    }

    /** {@link #fill(List)} from name-value entries. */
    public void fillEntries(Iterable<? extends Map.Entry<String, String>> init) {
        for (Map.Entry<String, String> entry : init) {
            append(entry.getKey(), entry.getValue());
        }
    }

    /**
     * Implements {@code append(name, value)} (https://fetch.spec.whatwg.org/#dom-headers-append),
     * the "append" of a header to a Headers object (https://fetch.spec.whatwg.org/#concept-headers-append).
     */
    public void append(String name, String value) {
        value = Header.normalizeValue(value);
        if (!validate(name, value, "append")) {
            return;
        }
        if (guard == Guard.REQUEST_NO_CORS) {
            String existing = headerList.get(name);
            String temporaryValue = existing == null ? value : existing + ", " + value;
            if (!Header.isNoCorsSafelistedRequestHeader(name, temporaryValue)) {
                return;
            }
        }
        headerList.append(name, value);
        if (guard == Guard.REQUEST_NO_CORS) {
            removePrivilegedNoCorsRequestHeaders();
        }
    }

    /** Implements {@code delete(name)} (https://fetch.spec.whatwg.org/#dom-headers-delete). */
    public void delete(String name) {
        if (!validate(name, "", "delete")) {
            return;
        }
        if (guard == Guard.REQUEST_NO_CORS && !HeaderNames.isNoCorsSafelistedRequestHeaderName(name)
                && !HeaderNames.isPrivilegedNoCorsRequestHeaderName(name)) {
            return;
        }
        if (!headerList.contains(name)) {
            return;
        }
        headerList.delete(name);
        if (guard == Guard.REQUEST_NO_CORS) {
            removePrivilegedNoCorsRequestHeaders();
        }
    }

    /** Implements {@code get(name)} (https://fetch.spec.whatwg.org/#dom-headers-get): the combined value or null. */
    public String get(String name) {
        requireName(name, "get");
        return headerList.get(name);
    }

    /**
     * Implements {@code getSetCookie()} (https://fetch.spec.whatwg.org/#dom-headers-getsetcookie):
     * each {@code Set-Cookie} value separately, in order.
     */
    public List<String> getSetCookie() {
        return headerList.getAll("Set-Cookie");
    }

    /** Implements {@code has(name)} (https://fetch.spec.whatwg.org/#dom-headers-has). */
    public boolean has(String name) {
        requireName(name, "has");
        return headerList.contains(name);
    }

    /** Implements {@code set(name, value)} (https://fetch.spec.whatwg.org/#dom-headers-set). */
    public void set(String name, String value) {
        value = Header.normalizeValue(value);
        if (!validate(name, value, "set")) {
            return;
        }
        if (guard == Guard.REQUEST_NO_CORS && !Header.isNoCorsSafelistedRequestHeader(name, value)) {
            return;
        }
        headerList.set(name, value);
        if (guard == Guard.REQUEST_NO_CORS) {
            removePrivilegedNoCorsRequestHeaders();
        }
    }

    /**
     * The value pairs to iterate over (https://fetch.spec.whatwg.org/#concept-headers-iterable):
     * the header list sorted and combined, names lower-cased. The binding computes this afresh
     * when the iterator advances, as WebIDL's pair iterators do.
     */
    public List<Header> entries() {
        return headerList.sortAndCombine();
    }

    /**
     * Implements validate (https://fetch.spec.whatwg.org/#headers-validate).
     *
     * @return false when the guard silently refuses the header
     * @throws WebError a TypeError for an invalid name or value, or under the immutable guard
     */
    private boolean validate(String name, String value, String operation) {
        requireName(name, operation);
        if (!Header.isValue(value)) {
            throw WebError.typeError("Headers." + operation + ": \"" + value + "\" is an invalid header value.");
        }
        if (guard == Guard.IMMUTABLE) {
            throw WebError.typeError("Headers." + operation + ": Headers are immutable and cannot be modified.");
        }
        if (guard == Guard.REQUEST && Header.isForbiddenRequestHeader(name, value)) {
            return false;
        }
        return guard != Guard.RESPONSE || !HeaderNames.isForbiddenResponseHeaderName(name);
    }

    private static void requireName(String name, String operation) {
        if (!Header.isName(name)) {
            throw WebError.typeError("Headers." + operation + ": \"" + name + "\" is an invalid header name.");
        }
    }

    /**
     * Implements remove privileged no-CORS request-headers
     * (https://fetch.spec.whatwg.org/#concept-headers-remove-privileged-no-cors-request-headers).
     */
    private void removePrivilegedNoCorsRequestHeaders() {
        headerList.delete("Range");
    }

    @Override
    public String toString() {
        List<String> shown = new ArrayList<>();
        for (Header header : entries()) {
            shown.add(header.name() + ": " + header.value());
        }
        return "Headers" + shown;
    }
}
