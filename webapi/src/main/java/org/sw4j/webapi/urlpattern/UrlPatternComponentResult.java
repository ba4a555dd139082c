package org.sw4j.webapi.urlpattern;

import java.util.Map;

/**
 * The {@code URLPatternComponentResult} dictionary
 * (https://urlpattern.spec.whatwg.org/#dictdef-urlpatterncomponentresult).
 *
 * @param input the component string that was matched
 * @param groups group name to matched value, in the pattern's group order; a value is null (JavaScript's
 *     undefined) for an optional group that did not participate. Unmodifiable.
 */
public record UrlPatternComponentResult(String input, Map<String, String> groups) {
}
