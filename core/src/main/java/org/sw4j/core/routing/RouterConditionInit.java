package org.sw4j.core.routing;

import java.util.List;
import java.util.Objects;
import org.sw4j.webapi.urlpattern.UrlPattern;
import org.sw4j.webapi.urlpattern.UrlPatternInit;

/**
 * A {@code RouterCondition} dictionary as script gave it, after the Web IDL conversion (enum values
 * checked, strings converted), before Verify Router Condition: each member null when absent.
 *
 * @param urlPattern the {@code URLPatternCompatible} member
 * @param requestMethod a ByteString, not yet checked to be a method
 * @param requestMode a {@code RequestMode} value
 * @param requestDestination a {@code RequestDestination} value
 * @param runningStatus a {@code RunningStatus} value
 * @param or the {@code _or} member ({@code or} in script)
 * @param not the {@code not} member
 */
public record RouterConditionInit(UrlPatternCompatible urlPattern, String requestMethod, String requestMode,
        String requestDestination, String runningStatus, List<RouterConditionInit> or, RouterConditionInit not) {

    public RouterConditionInit {
        or = or == null ? null : List.copyOf(or);
    }

    /** The empty dictionary. */
    public static final RouterConditionInit EMPTY = new RouterConditionInit(null, null, null, null, null, null, null);

    public RouterConditionInit withUrlPattern(UrlPatternCompatible value) {
        return new RouterConditionInit(value, requestMethod, requestMode, requestDestination, runningStatus, or, not);
    }

    public RouterConditionInit withRequestMethod(String value) {
        return new RouterConditionInit(urlPattern, value, requestMode, requestDestination, runningStatus, or, not);
    }

    public RouterConditionInit withRequestMode(String value) {
        return new RouterConditionInit(urlPattern, requestMethod, value, requestDestination, runningStatus, or, not);
    }

    public RouterConditionInit withRequestDestination(String value) {
        return new RouterConditionInit(urlPattern, requestMethod, requestMode, value, runningStatus, or, not);
    }

    public RouterConditionInit withRunningStatus(String value) {
        return new RouterConditionInit(urlPattern, requestMethod, requestMode, requestDestination, value, or, not);
    }

    public RouterConditionInit withOr(List<RouterConditionInit> value) {
        return new RouterConditionInit(urlPattern, requestMethod, requestMode, requestDestination, runningStatus, value,
                not);
    }

    public RouterConditionInit withNot(RouterConditionInit value) {
        return new RouterConditionInit(urlPattern, requestMethod, requestMode, requestDestination, runningStatus, or,
                value);
    }

    /**
     * The {@code URLPatternCompatible} union (https://urlpattern.spec.whatwg.org/#typedefdef-urlpatterncompatible):
     * a {@code URLPattern} object, a string, or a {@code URLPatternInit}.
     */
    public sealed interface UrlPatternCompatible {
        /** A {@code URLPattern} object's URL pattern. */
        record Pattern(UrlPattern pattern) implements UrlPatternCompatible {
            public Pattern {
                Objects.requireNonNull(pattern, "pattern");
            }
        }

        /** A pattern string, relative to the worker's script URL. */
        record Text(String text) implements UrlPatternCompatible {
            public Text {
                Objects.requireNonNull(text, "text");
            }
        }

        /** A {@code URLPatternInit}; its {@code baseURL} defaults to the worker's script URL. */
        record Init(UrlPatternInit init) implements UrlPatternCompatible {
            public Init {
                Objects.requireNonNull(init, "init");
            }
        }
    }
}
