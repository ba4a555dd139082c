package org.sw4j.webapi.urlpattern;

import java.util.List;

/**
 * The {@code URLPatternResult} dictionary (https://urlpattern.spec.whatwg.org/#dictdef-urlpatternresult).
 *
 * @param inputs the inputs given to match: a URL string (then the base URL string, if one was given) or a
 *     {@link UrlPatternInit}
 */
public record UrlPatternResult(List<Object> inputs, UrlPatternComponentResult protocol,
        UrlPatternComponentResult username, UrlPatternComponentResult password, UrlPatternComponentResult hostname,
        UrlPatternComponentResult port, UrlPatternComponentResult pathname, UrlPatternComponentResult search,
        UrlPatternComponentResult hash) {
}
