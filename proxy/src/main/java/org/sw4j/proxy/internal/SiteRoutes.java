package org.sw4j.proxy.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sw4j.proxy.ServiceWorkerProxy.Site;

/**
 * Which site takes a request, and the origin's path for it: a site whose host is the request's
 * {@code Host} first, then the longest path prefix that the path starts with (the prefix, less its
 * final '/', is stripped), then the site with neither. A pure function of the sites.
 */
final class SiteRoutes {
    /** A request's site and the path and query on the site's origin; {@code publicPrefix} is what was stripped. */
    record Route(Site site, String upstreamPathQuery, String publicPrefix) {
    }

    private final List<Site> byHost;
    private final List<Site> byPrefix;
    private final Site fallback;

    SiteRoutes(List<Site> sites) {
        this.byHost = sites.stream().filter(s -> s.host() != null).toList();
        this.byPrefix = sites.stream().filter(s -> s.pathPrefix() != null)
                .sorted(Comparator.comparingInt((Site s) -> s.pathPrefix().length()).reversed()).toList();
        this.fallback = sites.stream().filter(s -> s.host() == null && s.pathPrefix() == null).findFirst().orElse(null);
    }

    /** The route of a request to {@code host} (port ignored) for {@code pathQuery}; empty when no site takes it. */
    Optional<Route> route(String host, String pathQuery) {
        if (host != null) {
            String name = host.toLowerCase(Locale.ROOT);
            for (Site site : byHost) {
                if (site.host().equals(name)) {
                    return Optional.of(new Route(site, pathQuery, ""));
                }
            }
        }
        for (Site site : byPrefix) {
            String prefix = site.pathPrefix();
            String bare = prefix.substring(0, prefix.length() - 1);
            if (pathQuery.startsWith(prefix)) {
                return Optional.of(new Route(site, pathQuery.substring(bare.length()), bare));
            }
            // "/cats" and "/cats?x" are the site's root.
            if (pathQuery.equals(bare) || pathQuery.startsWith(bare + "?")) {
                return Optional.of(new Route(site, "/" + pathQuery.substring(bare.length()), bare));
            }
        }
        return Optional.ofNullable(fallback).map(site -> new Route(site, pathQuery, ""));
    }
}
