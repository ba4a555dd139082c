package org.sw4j.js.internal;

import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Value;
import org.sw4j.core.routing.RouterConditionInit;
import org.sw4j.core.routing.RouterConditionInit.UrlPatternCompatible;
import org.sw4j.core.routing.RouterRule;
import org.sw4j.core.routing.RouterRules;
import org.sw4j.core.routing.RouterSource;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.url.Url;
import org.sw4j.webapi.urlpattern.UrlPattern;

/**
 * {@code InstallEvent.addRoutes()}'s rules as {@code events.js} converted them (Web IDL), made into
 * {@link RouterRule}s by Verify Router Condition. A rule crosses as {@code [condition, source,
 * cacheName]}, a condition as {@code [urlPatternKind, urlPattern, requestMethod, requestMode,
 * requestDestination, runningStatus, or, not]} (see {@code events.js}'s {@code routerCondition}).
 */
final class RoutesBinding {
    private RoutesBinding() {}

    /**
     * The verified rules, as a host object JavaScript passes back to {@code servicesAddRoutes}.
     *
     * @throws WebError TypeError when a condition fails Verify Router Condition
     */
    static Object verify(Value rules, Url scriptUrl) {
        List<RouterRule> verified = new ArrayList<>();
        for (long i = 0; i < rules.getArraySize(); i++) {
            Value rule = rules.getArrayElement(i);
            RouterConditionInit condition = condition(rule.getArrayElement(0));
            String kind = rule.getArrayElement(1).asString();
            RouterSource source;
            if (kind.equals("dict")) {
                Value cacheName = rule.getArrayElement(2);
                source = new RouterSource.Cache(cacheName.isNull() ? null : cacheName.asString());
            } else {
                source = RouterSource.fromEnum(kind);
            }
            try {
                verified.add(new RouterRule(RouterRules.verify(condition, scriptUrl), source));
            } catch (WebError e) {
                throw WebError.typeError("Failed to execute 'addRoutes' on 'InstallEvent': " + e.getMessage());
            }
        }
        return verified;
    }

    private static RouterConditionInit condition(Value parts) {
        UrlPatternCompatible urlPattern = null;
        Value kind = parts.getArrayElement(0);
        if (!kind.isNull()) {
            Value value = parts.getArrayElement(1);
            urlPattern = switch (kind.asString()) {
                case "pattern" -> new UrlPatternCompatible.Pattern(value.<UrlPattern>asHostObject());
                case "string" -> new UrlPatternCompatible.Text(value.asString());
                default -> new UrlPatternCompatible.Init(UrlPatternBinding.init(value));
            };
        }
        List<RouterConditionInit> or = null;
        Value orValue = parts.getArrayElement(6);
        if (!orValue.isNull()) {
            or = new ArrayList<>();
            for (long i = 0; i < orValue.getArraySize(); i++) {
                or.add(condition(orValue.getArrayElement(i)));
            }
        }
        Value notValue = parts.getArrayElement(7);
        return new RouterConditionInit(urlPattern, string(parts.getArrayElement(2)), string(parts.getArrayElement(3)),
                string(parts.getArrayElement(4)), string(parts.getArrayElement(5)), or,
                notValue.isNull() ? null : condition(notValue));
    }

    private static String string(Value value) {
        return value.isNull() ? null : value.asString();
    }
}
