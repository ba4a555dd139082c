package org.sw4j.webapi.fetch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * A header list (https://fetch.spec.whatwg.org/#concept-header-list): an ordered list of
 * {@link Header}s that may hold the same name more than once. Names match byte-case-insensitively.
 *
 * <p>The list checks nothing about its headers; validation is {@link Headers}'s job, because the
 * network layer must be able to carry whatever a server sent. Not thread-safe.
 */
public final class HeaderList implements Iterable<Header> {
    private final List<Header> headers;

    /** An empty list. */
    public HeaderList() {
        headers = new ArrayList<>();
    }

    private HeaderList(List<Header> headers) {
        this.headers = headers;
    }

    /** A list holding {@code headers} in order, as the network layer receives them. */
    public static HeaderList of(Collection<Header> headers) {
        return new HeaderList(new ArrayList<>(headers));
    }

    /** A list of the given name, value, name, value … pairs; convenient in tests. */
    public static HeaderList of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        HeaderList list = new HeaderList();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.headers.add(new Header(namesAndValues[i], namesAndValues[i + 1]));
        }
        return list;
    }

    /** An independent copy of this list. */
    public HeaderList copy() {
        return new HeaderList(new ArrayList<>(headers));
    }

    /** The headers in order, as an unmodifiable snapshot: the form the network layer sends. */
    public List<Header> toList() {
        return List.copyOf(headers);
    }

    public int size() {
        return headers.size();
    }

    public boolean isEmpty() {
        return headers.isEmpty();
    }

    /** Implements contains (https://fetch.spec.whatwg.org/#header-list-contains). */
    public boolean contains(String name) {
        for (Header header : headers) {
            if (HttpSyntax.equalsIgnoreAsciiCase(header.name(), name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Implements get (https://fetch.spec.whatwg.org/#concept-header-list-get): the values of all
     * headers named {@code name}, in order, joined by ", "; null when there are none.
     */
    public String get(String name) {
        StringBuilder combined = null;
        for (Header header : headers) {
            if (HttpSyntax.equalsIgnoreAsciiCase(header.name(), name)) {
                if (combined == null) {
                    combined = new StringBuilder(header.value());
                } else {
                    combined.append(", ").append(header.value());
                }
            }
        }
        return combined == null ? null : combined.toString();
    }

    /**
     * Implements get, decode, and split (https://fetch.spec.whatwg.org/#concept-header-list-get-decode-split):
     * the combined value split at commas outside quoted strings; null when there is no such header.
     */
    public List<String> getDecodeSplit(String name) {
        String value = get(name);
        return value == null ? null : HeaderValues.getDecodeSplit(value);
    }

    /** The values of all headers named {@code name}, in order, uncombined (as set-cookie needs). */
    public List<String> getAll(String name) {
        List<String> values = new ArrayList<>();
        for (Header header : headers) {
            if (HttpSyntax.equalsIgnoreAsciiCase(header.name(), name)) {
                values.add(header.value());
            }
        }
        return values;
    }

    /**
     * Implements append (https://fetch.spec.whatwg.org/#concept-header-list-append): adds the header
     * at the end, spelling its name as the first header of that name already does.
     */
    public void append(String name, String value) {
        for (Header header : headers) {
            if (HttpSyntax.equalsIgnoreAsciiCase(header.name(), name)) {
                name = header.name();
                break;
            }
        }
        headers.add(new Header(name, value));
    }

    /** Implements delete (https://fetch.spec.whatwg.org/#concept-header-list-delete): removes every header named {@code name}. */
    public void delete(String name) {
        headers.removeIf(header -> HttpSyntax.equalsIgnoreAsciiCase(header.name(), name));
    }

    /**
     * Implements set (https://fetch.spec.whatwg.org/#concept-header-list-set): replaces the value of
     * the first header named {@code name} and removes the others, or appends when there is none.
     */
    public void set(String name, String value) {
        int first = indexOf(name);
        if (first == -1) {
            headers.add(new Header(name, value));
            return;
        }
        headers.set(first, new Header(headers.get(first).name(), value));
        for (int i = headers.size() - 1; i > first; i--) {
            if (HttpSyntax.equalsIgnoreAsciiCase(headers.get(i).name(), name)) {
                headers.remove(i);
            }
        }
    }

    /**
     * Implements combine (https://fetch.spec.whatwg.org/#concept-header-list-combine): appends
     * ", value" to the first header named {@code name}, or appends a new header.
     */
    public void combine(String name, String value) {
        int first = indexOf(name);
        if (first == -1) {
            headers.add(new Header(name, value));
            return;
        }
        Header header = headers.get(first);
        headers.set(first, new Header(header.name(), header.value() + ", " + value));
    }

    /** Removes every header. */
    public void clear() {
        headers.clear();
    }

    /**
     * Implements sort and combine (https://fetch.spec.whatwg.org/#concept-header-list-sort-and-combine):
     * one header per lower-cased name, sorted by name, values combined, except that each
     * {@code set-cookie} header stays separate (combining cookies would corrupt them).
     */
    public List<Header> sortAndCombine() {
        List<Header> result = new ArrayList<>();
        List<String> names = new ArrayList<>(headers.size());
        for (Header header : headers) {
            names.add(header.name());
        }
        for (String name : HeaderNames.sortedLowercaseSet(names)) {
            if (name.equals("set-cookie")) {
                for (String value : getAll(name)) {
                    result.add(new Header(name, value));
                }
            } else {
                result.add(new Header(name, get(name)));
            }
        }
        return result;
    }

    /** Iterates over the headers in order; the iterator does not support removal. */
    @Override
    public Iterator<Header> iterator() {
        return java.util.Collections.unmodifiableList(headers).iterator();
    }

    private int indexOf(String name) {
        for (int i = 0; i < headers.size(); i++) {
            if (HttpSyntax.equalsIgnoreAsciiCase(headers.get(i).name(), name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HeaderList list && headers.equals(list.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(headers);
    }

    @Override
    public String toString() {
        return headers.toString();
    }
}
