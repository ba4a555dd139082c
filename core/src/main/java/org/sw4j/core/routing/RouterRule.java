package org.sw4j.core.routing;

import java.util.Objects;

/**
 * A verified {@code RouterRule} (https://w3c.github.io/ServiceWorker/#dictdef-routerrule): requests
 * its condition matches get their response from its source.
 */
public record RouterRule(RouterCondition condition, RouterSource source) {
    public RouterRule {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(source, "source");
    }
}
