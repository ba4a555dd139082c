package org.sw4j.js.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Value;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.url.MutableUrl;
import org.sw4j.webapi.url.Url;
import org.sw4j.webapi.url.UrlParseException;
import org.sw4j.webapi.url.UrlSearchParams;

/**
 * The host operations behind the JavaScript {@code URL} and {@code URLSearchParams} objects
 * ({@code bootstrap/url.js}): a JavaScript {@code URL} holds a {@link MutableUrl} and a
 * {@code URLSearchParams} a {@link UrlSearchParams}, both as opaque handles.
 *
 * <p>JavaScript caches what it reads, so the operations answer in bulk: a URL's components come
 * back as one JavaScript array ({@link #components}), a query's list as one flat array of names
 * and values. Strings arrive already converted to {@code USVString}s.
 */
final class UrlBinding {
    private UrlBinding() {}

    /** Adds this binding's host operations to {@code host}; {@code scope} is the scope they serve. */
    static void define(HostFunctions host, GlobalScope scope) {
        // A JavaScript function making a JavaScript array of its arguments: one crossing returns
        // all of a URL's components as an array JavaScript reads without calling back into Java.
        Value arrayOf = scope.context().eval("js", "(...items) => items");

        host.define("urlParse", args -> {
            String base = args[1].isNull() ? null : args[1].asString();
            return Url.tryParse(args[0].asString(), base)
                    .map(url -> components(arrayOf, new MutableUrl(url)))
                    .orElse(null);
        });
        host.define("urlCanParse", args -> Url.canParse(args[0].asString(), args[1].isNull() ? null : args[1].asString()));
        host.define("urlComponents", args -> components(arrayOf, args[0].asHostObject()));
        host.define("urlSet", args -> {
            MutableUrl url = args[0].asHostObject();
            set(url, args[1].asString(), args[2].asString());
            return components(arrayOf, url);
        });
        host.define("urlSearchParams", args -> args[0].<MutableUrl>asHostObject().searchParams());

        host.define("searchParamsParse", args -> new UrlSearchParams(args[0].asString()));
        host.define("searchParamsOf", args -> {
            Value flat = args[0];
            List<Map.Entry<String, String>> tuples = new ArrayList<>((int) (flat.getArraySize() / 2));
            for (long i = 0; i + 1 < flat.getArraySize(); i += 2) {
                tuples.add(Map.entry(flat.getArrayElement(i).asString(), flat.getArrayElement(i + 1).asString()));
            }
            return UrlSearchParams.of(tuples);
        });
        host.define("searchParamsList", args -> {
            UrlSearchParams params = args[0].asHostObject();
            Object[] flat = new Object[params.size() * 2];
            int i = 0;
            for (Map.Entry<String, String> tuple : params) {
                flat[i++] = tuple.getKey();
                flat[i++] = tuple.getValue();
            }
            return HostFunctions.array(flat);
        });
        host.define("searchParamsAppend", args -> {
            args[0].<UrlSearchParams>asHostObject().append(args[1].asString(), args[2].asString());
            return null;
        });
        host.define("searchParamsDelete", args -> {
            UrlSearchParams params = args[0].asHostObject();
            if (args[2].isNull()) {
                params.delete(args[1].asString());
            } else {
                params.delete(args[1].asString(), args[2].asString());
            }
            return null;
        });
        host.define("searchParamsSet", args -> {
            args[0].<UrlSearchParams>asHostObject().set(args[1].asString(), args[2].asString());
            return null;
        });
        host.define("searchParamsSort", args -> {
            args[0].<UrlSearchParams>asHostObject().sort();
            return null;
        });
        host.define("searchParamsToString", args -> args[0].<UrlSearchParams>asHostObject().toString());
    }

    /**
     * {@code [url, href, origin, protocol, username, password, host, hostname, port, pathname,
     * search, hash]} as a JavaScript array; url.js names these indexes.
     */
    private static Value components(Value arrayOf, MutableUrl url) {
        Url value = url.url();
        return arrayOf.execute(url, value.href(), value.origin(), value.protocol(), value.username(),
                value.password(), value.host(), value.hostname(), value.port(), value.pathname(), value.search(),
                value.hash());
    }

    /** Runs the setter of {@code attribute}; a failing href setter is the TypeError WebIDL's setter throws. */
    private static void set(MutableUrl url, String attribute, String value) {
        try {
            url.set(attribute, value);
        } catch (UrlParseException e) {
            throw WebError.typeError("Failed to set the 'href' property on 'URL': Invalid URL '" + value + "'");
        }
    }
}
