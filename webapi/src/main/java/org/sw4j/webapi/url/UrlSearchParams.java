package org.sw4j.webapi.url;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The URL Standard's {@code URLSearchParams} (https://url.spec.whatwg.org/#interface-urlsearchparams): an
 * ordered list of name-value tuples in the {@code application/x-www-form-urlencoded} format.
 *
 * <p>An instance obtained from {@link MutableUrl#searchParams()} is that URL object's query object: every
 * change here runs the standard's update steps, rewriting the URL's query, and the URL's {@code href} and
 * {@code search} setters replace this list. Other instances stand alone.
 *
 * <p>Names and values are {@code USVString}s: unpaired surrogates are replaced by U+FFFD on the way in.
 * Not thread-safe, like the JavaScript object it models.
 */
public final class UrlSearchParams implements Iterable<Map.Entry<String, String>> {
    private final List<Map.Entry<String, String>> list;
    /** The URL object whose query this list is, or null. */
    private MutableUrl urlObject;

    /** An empty list, as {@code new URLSearchParams()}. */
    public UrlSearchParams() {
        list = new ArrayList<>();
    }

    /**
     * Implements {@code new URLSearchParams(init)} for a string: a single leading "?" is removed, and the rest
     * is parsed as {@code application/x-www-form-urlencoded}.
     */
    public UrlSearchParams(String init) {
        String query = ScalarValueString.of(init);
        if (!query.isEmpty() && query.charAt(0) == '?') {
            query = query.substring(1);
        }
        list = FormUrlencoded.parse(query);
    }

    /**
     * Implements {@code new URLSearchParams(init)} for a sequence of pairs or a record: each entry is appended
     * in order. (Checking that each JavaScript inner sequence has exactly two items is the binding's job.)
     */
    public static UrlSearchParams of(Iterable<? extends Map.Entry<String, String>> tuples) {
        UrlSearchParams params = new UrlSearchParams();
        for (Map.Entry<String, String> tuple : tuples) {
            params.list.add(tuple(tuple.getKey(), tuple.getValue()));
        }
        return params;
    }

    /** The list parsed from a URL's query (nullable), without removing a leading "?" as the constructor does. */
    static UrlSearchParams ofQuery(String query) {
        UrlSearchParams params = new UrlSearchParams();
        if (query != null) {
            params.list.addAll(FormUrlencoded.parse(query));
        }
        return params;
    }

    /** Implements the {@code size} getter: the number of tuples. */
    public int size() {
        return list.size();
    }

    /** Implements {@code append(name, value)}. */
    public void append(String name, String value) {
        list.add(tuple(name, value));
        update();
    }

    /** Implements {@code delete(name)}: removes all tuples whose name is {@code name}. */
    public void delete(String name) {
        String key = ScalarValueString.of(name);
        list.removeIf(tuple -> tuple.getKey().equals(key));
        update();
    }

    /** Implements {@code delete(name, value)}: removes all tuples with name {@code name} and value {@code value}. */
    public void delete(String name, String value) {
        Map.Entry<String, String> match = tuple(name, value);
        list.removeIf(match::equals);
        update();
    }

    /** Implements {@code get(name)}: the value of the first tuple named {@code name}, or null if there is none. */
    public String get(String name) {
        String key = ScalarValueString.of(name);
        for (Map.Entry<String, String> tuple : list) {
            if (tuple.getKey().equals(key)) {
                return tuple.getValue();
            }
        }
        return null;
    }

    /** Implements {@code getAll(name)}: the values of all tuples named {@code name}, in list order. */
    public List<String> getAll(String name) {
        String key = ScalarValueString.of(name);
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> tuple : list) {
            if (tuple.getKey().equals(key)) {
                values.add(tuple.getValue());
            }
        }
        return values;
    }

    /** Implements {@code has(name)}. */
    public boolean has(String name) {
        return get(name) != null;
    }

    /** Implements {@code has(name, value)}. */
    public boolean has(String name, String value) {
        return list.contains(tuple(name, value));
    }

    /**
     * Implements {@code set(name, value)}: the first tuple named {@code name} gets {@code value} and the others
     * are removed; if there is none, the tuple is appended.
     */
    public void set(String name, String value) {
        Map.Entry<String, String> replacement = tuple(name, value);
        int first = -1;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).getKey().equals(replacement.getKey())) {
                first = i;
                break;
            }
        }
        if (first == -1) {
            list.add(replacement);
        } else {
            list.set(first, replacement);
            for (int i = list.size() - 1; i > first; i--) {
                if (list.get(i).getKey().equals(replacement.getKey())) {
                    list.remove(i);
                }
            }
        }
        update();
    }

    /**
     * Implements {@code sort()}: a stable sort by name, comparing UTF-16 code units (which is what
     * {@link String#compareTo} compares, and {@link List#sort} is stable).
     */
    public void sort() {
        list.sort(Map.Entry.comparingByKey());
        update();
    }

    /**
     * Iterates over the value pairs to iterate over, reading the live list: like the JavaScript iterator, it
     * sees changes made while iterating instead of failing.
     */
    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
            private int index;

            @Override
            public boolean hasNext() {
                return index < list.size();
            }

            @Override
            public Map.Entry<String, String> next() {
                if (index >= list.size()) {
                    throw new NoSuchElementException();
                }
                return list.get(index++);
            }
        };
    }

    /** Implements the stringification behavior: the list, serialized as {@code application/x-www-form-urlencoded}. */
    @Override
    public String toString() {
        return FormUrlencoded.serialize(list);
    }

    /** Makes this the query object of {@code url}. */
    void attachTo(MutableUrl url) {
        this.urlObject = url;
    }

    /** Sets the list to the result of parsing {@code query} (nullable), as the URL object's setters do; no update. */
    void replaceList(String query) {
        list.clear();
        if (query != null) {
            list.addAll(FormUrlencoded.parse(query));
        }
    }

    /** Implements the URL Standard's update steps (https://url.spec.whatwg.org/#concept-urlsearchparams-update). */
    private void update() {
        if (urlObject == null) {
            return;
        }
        String serializedQuery = FormUrlencoded.serialize(list);
        urlObject.setQueryFromSearchParams(serializedQuery.isEmpty() ? null : serializedQuery);
    }

    private static Map.Entry<String, String> tuple(String name, String value) {
        return Map.entry(ScalarValueString.of(name), ScalarValueString.of(value));
    }
}
