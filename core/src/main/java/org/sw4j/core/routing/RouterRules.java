package org.sw4j.core.routing;

import java.util.ArrayList;
import java.util.List;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.Methods;
import org.sw4j.webapi.fetch.RequestDestination;
import org.sw4j.webapi.fetch.RequestMode;
import org.sw4j.webapi.url.Url;
import org.sw4j.webapi.urlpattern.UrlPattern;
import org.sw4j.webapi.urlpattern.UrlPatternInit;

/**
 * The static routing algorithms of Service Workers' Appendix A, as pure functions: no I/O, the
 * worker's running state passed in.
 */
public final class RouterRules {
    /** Check Router Registration Limit's total number of conditions. */
    static final int MAX_CONDITIONS = 1024;
    /** Check Router Registration Limit's nesting depth. */
    static final int MAX_DEPTH = 10;

    private RouterRules() {
    }

    /**
     * Implements Verify Router Condition (https://w3c.github.io/ServiceWorker/#verify-router-condition)
     * for a worker whose script is at {@code scriptUrl}, answering the verified condition instead of
     * true. A string or init {@code urlPattern} is parsed against the script URL (Parse URL Pattern).
     *
     * @throws WebError a TypeError saying why the spec's algorithm returns false: an unparsable
     *     pattern, one with regexp groups, a string that is not a method or a forbidden method,
     *     {@code or} or {@code not} beside other members, an empty condition
     */
    public static RouterCondition verify(RouterConditionInit condition, Url scriptUrl) {
        List<RouterCondition> members = new ArrayList<>();
        if (condition.urlPattern() != null) {
            UrlPattern pattern = parseUrlPattern(condition.urlPattern(), scriptUrl);
            if (pattern.hasRegExpGroups()) {
                throw WebError.typeError("urlPattern must not have regular expression groups (" + pattern.pathname()
                        + ")");
            }
            members.add(new RouterCondition.UrlPatternIs(pattern));
        }
        if (condition.requestMethod() != null) {
            String method = condition.requestMethod();
            if (!Methods.isValid(method)) {
                throw WebError.typeError("requestMethod '" + method + "' is not a method");
            }
            if (Methods.isForbidden(method)) {
                throw WebError.typeError("requestMethod '" + method + "' is a forbidden method");
            }
            members.add(new RouterCondition.RequestMethodIs(Methods.normalize(method)));
        }
        if (condition.requestMode() != null) {
            RequestMode mode = RequestMode.fromJs(condition.requestMode());
            if (mode == null) {
                throw WebError.typeError("requestMode '" + condition.requestMode() + "' is not a RequestMode");
            }
            members.add(new RouterCondition.RequestModeIs(mode));
        }
        if (condition.requestDestination() != null) {
            RequestDestination destination = RequestDestination.fromJs(condition.requestDestination());
            if (destination == null) {
                throw WebError.typeError("requestDestination '" + condition.requestDestination()
                        + "' is not a RequestDestination");
            }
            members.add(new RouterCondition.RequestDestinationIs(destination));
        }
        if (condition.runningStatus() != null) {
            RunningStatus status = RunningStatus.fromJs(condition.runningStatus());
            if (status == null) {
                throw WebError.typeError("runningStatus '" + condition.runningStatus() + "' is not a RunningStatus");
            }
            members.add(new RouterCondition.RunningStatusIs(status));
        }
        if (condition.or() != null) {
            if (!members.isEmpty()) {
                throw WebError.typeError("a condition with 'or' cannot have other members");
            }
            List<RouterCondition> alternatives = new ArrayList<>();
            for (RouterConditionInit alternative : condition.or()) {
                alternatives.add(verify(alternative, scriptUrl));
            }
            members.add(new RouterCondition.Or(alternatives));
        }
        if (condition.not() != null) {
            if (!members.isEmpty()) {
                throw WebError.typeError("a condition with 'not' cannot have other members");
            }
            members.add(new RouterCondition.Not(verify(condition.not(), scriptUrl)));
        }
        if (members.isEmpty()) {
            throw WebError.typeError("a router condition needs at least one member");
        }
        return members.size() == 1 ? members.get(0) : new RouterCondition.All(members);
    }

    /**
     * Implements Parse URL Pattern (https://w3c.github.io/ServiceWorker/#parse-url-pattern): builds a
     * URL pattern from the Web IDL value with the script URL as base URL.
     *
     * @throws WebError TypeError when the pattern does not parse
     */
    public static UrlPattern parseUrlPattern(RouterConditionInit.UrlPatternCompatible raw, Url scriptUrl) {
        return switch (raw) {
            case RouterConditionInit.UrlPatternCompatible.Pattern pattern -> pattern.pattern();
            case RouterConditionInit.UrlPatternCompatible.Text text -> new UrlPattern(text.text(), scriptUrl.href());
            case RouterConditionInit.UrlPatternCompatible.Init init -> {
                UrlPatternInit value = init.init();
                yield new UrlPattern(value.baseURL() == null ? value.withBaseURL(scriptUrl.href()) : value);
            }
        };
    }

    /**
     * Implements Check Router Registration Limit
     * (https://w3c.github.io/ServiceWorker/#check-router-registration-limit): whether the rules have
     * at most 1024 conditions in all, each nested at most 10 deep.
     */
    public static boolean checkRegistrationLimit(List<RouterRule> rules) {
        int[] count = {MAX_CONDITIONS};
        for (RouterRule rule : rules) {
            if (!countInnerConditions(rule.condition(), count, MAX_DEPTH)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Implements Count Router Inner Conditions
     * (https://w3c.github.io/ServiceWorker/#count-router-inner-conditions) over the verified form:
     * an {@link RouterCondition.All} is one dictionary, as is each leaf. {@code count[0]} is the
     * result's condition count; answers false when the quota is exceeded.
     */
    static boolean countInnerConditions(RouterCondition condition, int[] count, int depth) {
        count[0]--;
        if (count[0] == 0 || depth == 0) {
            return false;
        }
        if (condition instanceof RouterCondition.Or or) {
            for (RouterCondition alternative : or.conditions()) {
                if (!countInnerConditions(alternative, count, depth - 1)) {
                    return false;
                }
            }
        } else if (condition instanceof RouterCondition.Not not) {
            return countInnerConditions(not.condition(), count, depth - 1);
        }
        return true;
    }

    /**
     * Implements Match Router Condition (https://w3c.github.io/ServiceWorker/#match-router-condition).
     *
     * @param running whether the worker is running now (for {@code runningStatus})
     */
    public static boolean matches(RouterCondition condition, FetchRequest request, boolean running) {
        return switch (condition) {
            case RouterCondition.Or or -> {
                for (RouterCondition alternative : or.conditions()) {
                    if (matches(alternative, request, running)) {
                        yield true;
                    }
                }
                yield false;
            }
            case RouterCondition.Not not -> !matches(not.condition(), request, running);
            case RouterCondition.All all -> {
                for (RouterCondition member : all.conditions()) {
                    if (!matches(member, request, running)) {
                        yield false;
                    }
                }
                yield true;
            }
            case RouterCondition.UrlPatternIs urlPattern -> urlPattern.pattern().test(request.url());
            case RouterCondition.RequestMethodIs method -> request.method().equals(method.method());
            case RouterCondition.RequestModeIs mode -> request.mode() == mode.mode();
            case RouterCondition.RequestDestinationIs destination -> request.destination() == destination.destination();
            case RouterCondition.RunningStatusIs status ->
                    (status.status() == RunningStatus.RUNNING) == running;
        };
    }

    /**
     * Implements Get Router Source (https://w3c.github.io/ServiceWorker/#get-router-source): the source
     * of the first rule whose condition matches, or null.
     */
    public static RouterSource routerSource(List<RouterRule> rules, FetchRequest request, boolean running) {
        for (RouterRule rule : rules) {
            if (matches(rule.condition(), request, running)) {
                return rule.source();
            }
        }
        return null;
    }
}
