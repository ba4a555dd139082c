package org.sw4j.webapi.fetch;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The Fetch Standard's classifications of header names, and the name sets computed from header lists. */
public final class HeaderNames {
    private HeaderNames() {
    }

    /**
     * Whether {@code name} is a forbidden response-header name
     * (https://fetch.spec.whatwg.org/#forbidden-response-header-name): {@code Set-Cookie} or
     * {@code Set-Cookie2}, which script never sees on a response.
     */
    public static boolean isForbiddenResponseHeaderName(String name) {
        String lower = HttpSyntax.asciiLowercase(name);
        return lower.equals("set-cookie") || lower.equals("set-cookie2");
    }

    /**
     * Whether {@code name} is a no-CORS-safelisted request-header name
     * (https://fetch.spec.whatwg.org/#no-cors-safelisted-request-header-name): {@code Accept},
     * {@code Accept-Language}, {@code Content-Language} or {@code Content-Type}.
     */
    public static boolean isNoCorsSafelistedRequestHeaderName(String name) {
        return switch (HttpSyntax.asciiLowercase(name)) {
            case "accept", "accept-language", "content-language", "content-type" -> true;
            default -> false;
        };
    }

    /**
     * Whether {@code name} is a privileged no-CORS request-header name
     * (https://fetch.spec.whatwg.org/#privileged-no-cors-request-header-name): {@code Range}, which
     * only the user agent may put on a {@code no-cors} request.
     */
    public static boolean isPrivilegedNoCorsRequestHeaderName(String name) {
        return HttpSyntax.equalsIgnoreAsciiCase(name, "range");
    }

    /**
     * Whether {@code name} is a CORS non-wildcard request-header name
     * (https://fetch.spec.whatwg.org/#cors-non-wildcard-request-header-name): {@code Authorization},
     * which {@code Access-Control-Allow-Headers: *} does not cover.
     */
    public static boolean isCorsNonWildcardRequestHeaderName(String name) {
        return HttpSyntax.equalsIgnoreAsciiCase(name, "authorization");
    }

    /**
     * Whether {@code name} is a CORS-safelisted response-header name
     * (https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name) given the response's
     * CORS-exposed header-name list {@code exposed}: the always-visible names plus the exposed ones,
     * except that {@code Set-Cookie} can never be exposed.
     */
    public static boolean isCorsSafelistedResponseHeaderName(String name, List<String> exposed) {
        String lower = HttpSyntax.asciiLowercase(name);
        switch (lower) {
            case "cache-control", "content-language", "content-length", "content-type", "expires",
                    "last-modified", "pragma" -> {
                return true;
            }
            default -> {
                for (String item : exposed) {
                    if (HttpSyntax.equalsIgnoreAsciiCase(item, name) && !isForbiddenResponseHeaderName(item)) {
                        return true;
                    }
                }
                return false;
            }
        }
    }

    /**
     * Implements CORS-unsafe request-header names (https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names):
     * the names of headers that are not CORS-safelisted, plus all names when the safelisted values
     * together exceed 1024 bytes; lower-cased, sorted, without duplicates.
     */
    public static List<String> corsUnsafeRequestHeaderNames(HeaderList headers) {
        List<String> unsafeNames = new ArrayList<>();
        List<String> potentiallyUnsafeNames = new ArrayList<>();
        long safelistValueSize = 0;
        for (Header header : headers) {
            if (!Header.isCorsSafelistedRequestHeader(header.name(), header.value())) {
                unsafeNames.add(header.name());
            } else {
                potentiallyUnsafeNames.add(header.name());
                safelistValueSize += header.value().length();
            }
        }
        if (safelistValueSize > 1024) {
            unsafeNames.addAll(potentiallyUnsafeNames);
        }
        return sortedLowercaseSet(unsafeNames);
    }

    /**
     * Implements convert header names to a sorted-lowercase set
     * (https://fetch.spec.whatwg.org/#convert-header-names-to-a-sorted-lowercase-set).
     */
    public static List<String> sortedLowercaseSet(Iterable<String> names) {
        // Names are byte strings, so String's natural order is the spec's byte order.
        TreeSet<String> set = new TreeSet<>();
        for (String name : names) {
            set.add(HttpSyntax.asciiLowercase(name));
        }
        return List.copyOf(set);
    }
}
