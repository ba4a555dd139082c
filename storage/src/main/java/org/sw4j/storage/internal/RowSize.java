package org.sw4j.storage.internal;

import java.util.List;
import org.sw4j.core.spi.cache.CachedRequest;
import org.sw4j.core.spi.cache.CachedResponse;
import org.sw4j.core.spi.cache.HeaderRow;

/**
 * What an entry's rows count against its storage key's quota: the sum of the lengths (in chars) of
 * every string stored for it — URL, method, the request's other members, every header name and
 * value, the response's type, status text, URL list and exposed header names. Numbers and flags
 * are not counted. An estimate, deliberately simple: both stores use it, so their usage figures
 * agree, and the persistent store records each entry's figure so a later change of this formula
 * never makes a delete free a different number of bytes than its put took.
 */
public final class RowSize {
    private RowSize() {
    }

    public static long of(CachedRequest request, CachedResponse response) {
        long size = (long) request.url().length() + request.method().length() + request.mode().length()
                + request.credentials().length() + request.cache().length() + request.redirect().length()
                + request.referrer().length() + request.referrerPolicy().length() + request.integrity().length()
                + request.destination().length();
        size += headers(request.headers());
        size += response.type().length() + response.statusText().length();
        size += strings(response.urlList());
        size += headers(response.headers());
        size += strings(response.corsExposedHeaderNames());
        return size;
    }

    private static long headers(List<HeaderRow> headers) {
        long size = 0;
        for (HeaderRow header : headers) {
            size += header.name().length() + header.value().length();
        }
        return size;
    }

    private static long strings(List<String> strings) {
        long size = 0;
        for (String s : strings) {
            size += s.length();
        }
        return size;
    }
}
