package org.sw4j.network.internal.fetch;

import java.util.List;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.HeaderList;
import org.sw4j.webapi.fetch.Referrer;
import org.sw4j.webapi.fetch.ReferrerPolicy;
import org.sw4j.webapi.url.Url;

/** The Referrer Policy specification's algorithms (https://w3c.github.io/webappsec-referrer-policy/), pure. */
public final class Referrers {
    /** The default referrer policy (https://w3c.github.io/webappsec-referrer-policy/#default-referrer-policy). */
    public static final ReferrerPolicy DEFAULT_POLICY = ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN;

    private static final int MAX_REFERRER_LENGTH = 4096;

    private Referrers() {
    }

    /**
     * Implements determine request's referrer
     * (https://w3c.github.io/webappsec-referrer-policy/#determine-requests-referrer).
     *
     * @param clientReferrerSource the client's creation URL, used when the referrer is "client"
     * @return the referrer URL, or null for no referrer
     */
    public static Url determineReferrer(FetchRequest request, Url clientReferrerSource) {
        ReferrerPolicy policy = request.referrerPolicy() == ReferrerPolicy.EMPTY ? DEFAULT_POLICY
                : request.referrerPolicy();
        Url referrerSource = switch (request.referrer()) {
            case Referrer.NoReferrer none -> null;
            case Referrer.Client client -> clientReferrerSource;
            case Referrer.UrlReferrer url -> url.url();
        };
        if (referrerSource == null) {
            return null;
        }
        Url referrerUrl = stripForUseAsReferrer(referrerSource, false);
        Url referrerOrigin = stripForUseAsReferrer(referrerSource, true);
        if (referrerUrl == null) {
            return null;
        }
        if (referrerUrl.href().length() > MAX_REFERRER_LENGTH) {
            referrerUrl = referrerOrigin;
        }
        Url current = request.currentUrl();
        boolean sameOrigin = referrerUrl.originValue().isSameOrigin(current.originValue());
        boolean downgrade = Sites.isPotentiallyTrustworthy(referrerUrl) && !Sites.isPotentiallyTrustworthy(current);
        return switch (policy) {
            case NO_REFERRER -> null;
            case ORIGIN -> referrerOrigin;
            case UNSAFE_URL -> referrerUrl;
            case STRICT_ORIGIN -> downgrade ? null : referrerOrigin;
            case STRICT_ORIGIN_WHEN_CROSS_ORIGIN, EMPTY -> sameOrigin ? referrerUrl : downgrade ? null : referrerOrigin;
            case SAME_ORIGIN -> sameOrigin ? referrerUrl : null;
            case ORIGIN_WHEN_CROSS_ORIGIN -> sameOrigin ? referrerUrl : referrerOrigin;
            case NO_REFERRER_WHEN_DOWNGRADE -> downgrade ? null : referrerUrl;
        };
    }

    /**
     * Implements strip url for use as a referrer
     * (https://w3c.github.io/webappsec-referrer-policy/#strip-url): no credentials, no fragment,
     * and for the origin only, no path and query either; null for local schemes.
     */
    public static Url stripForUseAsReferrer(Url url, boolean originOnly) {
        String scheme = url.scheme();
        if (scheme.equals("about") || scheme.equals("blob") || scheme.equals("data")) {
            return null;
        }
        Url stripped = url.withUsername("").withPassword("").withoutFragment();
        if (originOnly) {
            stripped = stripped.withPathname("/").withSearch("");
        }
        return stripped;
    }

    /**
     * Implements parse a referrer policy from a Referrer-Policy header
     * (https://w3c.github.io/webappsec-referrer-policy/#parse-referrer-policy-from-header): the last
     * recognized token, or {@link ReferrerPolicy#EMPTY}.
     */
    public static ReferrerPolicy parseReferrerPolicyHeader(HeaderList headers) {
        List<String> tokens = headers.getDecodeSplit("Referrer-Policy");
        ReferrerPolicy policy = ReferrerPolicy.EMPTY;
        if (tokens == null) {
            return policy;
        }
        for (String token : tokens) {
            ReferrerPolicy parsed = ReferrerPolicy.fromJs(token.trim());
            if (parsed != null && parsed != ReferrerPolicy.EMPTY) {
                policy = parsed;
            }
        }
        return policy;
    }
}
