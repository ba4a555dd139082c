package org.sw4j.core.registration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.sw4j.webapi.url.Url;

/**
 * One storage key's scope to registration map (https://w3c.github.io/ServiceWorker/#dfn-scope-to-registration-map):
 * registrations keyed by their serialized scope URL. Not thread-safe: the job queue serializes
 * changes.
 *
 * @param <R> the registration type
 */
public final class ScopeToRegistrationMap<R> {
    private final Map<String, R> registrations = new LinkedHashMap<>();

    /** Set Registration's map step: {@code registration} for {@code scope}, replacing any. */
    public void put(Url scope, R registration) {
        registrations.put(key(scope), Objects.requireNonNull(registration, "registration"));
    }

    /** Get Registration (https://w3c.github.io/ServiceWorker/#get-registration-algorithm): the registration of exactly {@code scope}. */
    public Optional<R> get(Url scope) {
        return Optional.ofNullable(registrations.get(key(scope)));
    }

    /** Removes the registration of {@code scope}; whether there was one. */
    public boolean remove(Url scope) {
        return registrations.remove(key(scope)) != null;
    }

    /** Every registration, in the order they were first set. */
    public List<R> values() {
        return List.copyOf(registrations.values());
    }

    /**
     * Implements Match Service Worker Registration
     * (https://w3c.github.io/ServiceWorker/#scope-match-algorithm): the registration whose scope
     * URL, serialized, is the longest prefix of the serialized {@code clientUrl}. A plain string
     * prefix, as the spec says: scope {@code /app} matches {@code /application} too.
     */
    public Optional<R> match(Url clientUrl) {
        String client = clientUrl.href();
        String matching = "";
        for (String scope : registrations.keySet()) {
            if (client.startsWith(scope) && scope.length() > matching.length()) {
                matching = scope;
            }
        }
        return matching.isEmpty() ? Optional.empty() : Optional.of(registrations.get(matching));
    }

    private static String key(Url scope) {
        return scope.withoutFragment().href();
    }
}
