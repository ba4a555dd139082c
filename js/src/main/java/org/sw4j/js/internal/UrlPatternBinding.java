package org.sw4j.js.internal;

import java.util.Map;
import org.graalvm.polyglot.Value;
import org.sw4j.webapi.urlpattern.UrlPattern;
import org.sw4j.webapi.urlpattern.UrlPatternComponentResult;
import org.sw4j.webapi.urlpattern.UrlPatternInit;
import org.sw4j.webapi.urlpattern.UrlPatternOptions;
import org.sw4j.webapi.urlpattern.UrlPatternResult;

/**
 * The host operations behind the JavaScript {@code URLPattern} ({@code bootstrap/urlpattern.js}): a
 * JavaScript {@code URLPattern} holds a {@link UrlPattern} as an opaque handle. Inputs arrive
 * converted by JavaScript (Web IDL); a {@code URLPatternInit} crosses as an array of nine strings or
 * nulls: protocol, username, password, hostname, port, pathname, search, hash, baseURL. Failures are
 * the {@link org.sw4j.webapi.error.WebError} TypeErrors {@link UrlPattern} throws.
 */
final class UrlPatternBinding {
    private UrlPatternBinding() {}

    static void define(HostFunctions host, GlobalScope scope) {
        Value arrayOf = scope.context().eval("js", "(...items) => items");
        // (input: string | init array, baseURL: string | null, ignoreCase) → [handle, protocol, ..., hash, hasRegExpGroups]
        host.define("urlPatternNew", args -> {
            UrlPatternOptions options = new UrlPatternOptions(args[2].asBoolean());
            UrlPattern pattern = args[0].isString()
                    ? new UrlPattern(args[0].asString(), args[1].isNull() ? null : args[1].asString(), options)
                    : new UrlPattern(init(args[0]), options);
            return arrayOf.execute(pattern, pattern.protocol(), pattern.username(), pattern.password(),
                    pattern.hostname(), pattern.port(), pattern.pathname(), pattern.search(), pattern.hash(),
                    pattern.hasRegExpGroups());
        });
        // (handle, input: string | init array, baseURL: string | null) → boolean
        host.define("urlPatternTest", args -> {
            UrlPattern pattern = args[0].asHostObject();
            return args[1].isString()
                    ? pattern.test(args[1].asString(), args[2].isNull() ? null : args[2].asString())
                    : pattern.test(init(args[1]));
        });
        // (handle, input, baseURL) → null or [[input, names[], values[]] × 8] in component order
        host.define("urlPatternExec", args -> {
            UrlPattern pattern = args[0].asHostObject();
            UrlPatternResult result = args[1].isString()
                    ? pattern.exec(args[1].asString(), args[2].isNull() ? null : args[2].asString())
                    : pattern.exec(init(args[1]));
            if (result == null) {
                return null;
            }
            return arrayOf.execute(component(arrayOf, result.protocol()), component(arrayOf, result.username()),
                    component(arrayOf, result.password()), component(arrayOf, result.hostname()),
                    component(arrayOf, result.port()), component(arrayOf, result.pathname()),
                    component(arrayOf, result.search()), component(arrayOf, result.hash()));
        });
    }

    /** A URLPatternInit from its nine-item array. */
    static UrlPatternInit init(Value parts) {
        String[] values = new String[9];
        for (int i = 0; i < values.length; i++) {
            Value part = parts.getArrayElement(i);
            values[i] = part.isNull() ? null : part.asString();
        }
        return new UrlPatternInit(values[0], values[1], values[2], values[3], values[4], values[5], values[6],
                values[7], values[8]);
    }

    private static Value component(Value arrayOf, UrlPatternComponentResult result) {
        Object[] names = new Object[result.groups().size()];
        Object[] values = new Object[names.length];
        int i = 0;
        for (Map.Entry<String, String> group : result.groups().entrySet()) {
            names[i] = group.getKey();
            values[i] = group.getValue();
            i++;
        }
        return arrayOf.execute(result.input(), HostFunctions.array(names), HostFunctions.array(values));
    }
}
