package org.sw4j.core.routing;

import java.util.List;
import java.util.Objects;
import org.sw4j.webapi.fetch.RequestDestination;
import org.sw4j.webapi.fetch.RequestMode;
import org.sw4j.webapi.urlpattern.UrlPattern;

/**
 * A verified {@code RouterCondition} (https://w3c.github.io/ServiceWorker/#dictdef-routercondition)
 * as a closed set: one member each, {@link All} for a dictionary with several members (all must
 * match), {@link Or} and {@link Not}. Made from the dictionary by
 * {@link RouterRules#verify(RouterConditionInit, org.sw4j.webapi.url.Url)}.
 */
public sealed interface RouterCondition {

    /** {@code urlPattern}: the request's URL matches the pattern (which has no regexp groups). */
    record UrlPatternIs(UrlPattern pattern) implements RouterCondition {
        public UrlPatternIs {
            Objects.requireNonNull(pattern, "pattern");
        }
    }

    /** {@code requestMethod}, normalized: the request's method is this one. */
    record RequestMethodIs(String method) implements RouterCondition {
        public RequestMethodIs {
            Objects.requireNonNull(method, "method");
        }
    }

    /** {@code requestMode}. */
    record RequestModeIs(RequestMode mode) implements RouterCondition {
        public RequestModeIs {
            Objects.requireNonNull(mode, "mode");
        }
    }

    /** {@code requestDestination}. */
    record RequestDestinationIs(RequestDestination destination) implements RouterCondition {
        public RequestDestinationIs {
            Objects.requireNonNull(destination, "destination");
        }
    }

    /** {@code runningStatus}: whether the worker is running when the request comes. */
    record RunningStatusIs(RunningStatus status) implements RouterCondition {
        public RunningStatusIs {
            Objects.requireNonNull(status, "status");
        }
    }

    /** A dictionary with several of the members above: every one must match. */
    record All(List<RouterCondition> conditions) implements RouterCondition {
        public All {
            conditions = List.copyOf(conditions);
        }
    }

    /** {@code _or}: one of the conditions must match (none: never matches). */
    record Or(List<RouterCondition> conditions) implements RouterCondition {
        public Or {
            conditions = List.copyOf(conditions);
        }
    }

    /** {@code not}: the condition must not match. */
    record Not(RouterCondition condition) implements RouterCondition {
        public Not {
            Objects.requireNonNull(condition, "condition");
        }
    }
}
