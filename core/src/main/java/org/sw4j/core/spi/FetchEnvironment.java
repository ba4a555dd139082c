package org.sw4j.core.spi;

import java.util.Objects;
import org.sw4j.webapi.fetch.ReferrerPolicy;
import org.sw4j.webapi.url.Origin;
import org.sw4j.webapi.url.Url;

/**
 * What fetching needs of the environment settings object that fetches
 * (https://html.spec.whatwg.org/multipage/webappapis.html#environment-settings-object), the
 * request's client: for a service worker, its global scope.
 *
 * @param origin the client's origin: a request's "client" origin, what CORS and
 *     {@code Sec-Fetch-Site} compare with
 * @param partitionKey the storage key the client's cookies and CORS-preflight cache entries are
 *     partitioned by (https://fetch.spec.whatwg.org/#network-partition-key), e.g. the serialized
 *     top-level origin
 * @param baseUrl the client's creation URL, which is both its API base URL and the referrer
 *     source of a request whose referrer is "client"; for a worker, its script's URL
 * @param referrerPolicy the client's policy container's referrer policy, used when a request has
 *     none; {@link ReferrerPolicy#EMPTY} stands for the default,
 *     {@code strict-origin-when-cross-origin}
 * @param userAgent the {@code User-Agent} value
 * @param acceptLanguage the {@code Accept-Language} value, or null to send none
 */
public record FetchEnvironment(Origin origin, String partitionKey, Url baseUrl, ReferrerPolicy referrerPolicy,
        String userAgent, String acceptLanguage) {

    /** The {@code Accept-Language} {@link #forScript} uses. */
    public static final String DEFAULT_ACCEPT_LANGUAGE = "en-US,en;q=0.9";

    public FetchEnvironment {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(referrerPolicy, "referrerPolicy");
        Objects.requireNonNull(userAgent, "userAgent");
    }

    /**
     * The environment of a worker whose script is at {@code scriptUrl}: its origin, partitioned by
     * that origin, the default referrer policy, {@value #DEFAULT_ACCEPT_LANGUAGE}.
     */
    public static FetchEnvironment forScript(Url scriptUrl, String userAgent) {
        Origin origin = scriptUrl.originValue();
        return new FetchEnvironment(origin, origin.serialize(), scriptUrl, ReferrerPolicy.EMPTY, userAgent,
                DEFAULT_ACCEPT_LANGUAGE);
    }

    public FetchEnvironment withPartitionKey(String partitionKey) {
        return new FetchEnvironment(origin, partitionKey, baseUrl, referrerPolicy, userAgent, acceptLanguage);
    }

    public FetchEnvironment withReferrerPolicy(ReferrerPolicy referrerPolicy) {
        return new FetchEnvironment(origin, partitionKey, baseUrl, referrerPolicy, userAgent, acceptLanguage);
    }

    public FetchEnvironment withAcceptLanguage(String acceptLanguage) {
        return new FetchEnvironment(origin, partitionKey, baseUrl, referrerPolicy, userAgent, acceptLanguage);
    }
}
