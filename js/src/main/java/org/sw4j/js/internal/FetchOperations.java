package org.sw4j.js.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.fetch.BodyInit;
import org.sw4j.webapi.fetch.BodySource;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.FetchResponse;
import org.sw4j.webapi.fetch.Header;
import org.sw4j.webapi.fetch.Headers;
import org.sw4j.webapi.fetch.MimeType;
import org.sw4j.webapi.fetch.ReferrerPolicy;
import org.sw4j.webapi.fetch.RequestCache;
import org.sw4j.webapi.fetch.RequestConstructor;
import org.sw4j.webapi.fetch.RequestCredentials;
import org.sw4j.webapi.fetch.RequestDuplex;
import org.sw4j.webapi.fetch.RequestInit;
import org.sw4j.webapi.fetch.RequestInput;
import org.sw4j.webapi.fetch.RequestMode;
import org.sw4j.webapi.fetch.RequestPriority;
import org.sw4j.webapi.fetch.RequestRedirect;
import org.sw4j.webapi.fetch.ResponseConstructor;
import org.sw4j.webapi.fetch.ResponseInit;

/**
 * The hot operations behind {@code Headers}, {@code Request} and {@code Response} ({@code fetch.js}):
 * exported methods JavaScript calls directly (see {@link HostFunctions#defineObject}). The
 * objects JavaScript holds for them are opaque handles (Headers, FetchRequest, FetchResponse) it
 * can only pass back here.
 *
 * <p>A {@link WebError} becomes the JavaScript exception it names, as in {@link HostFunctions}.
 */
public final class FetchOperations {
    private final HostFunctions host;
    private final GlobalScope scope;

    FetchOperations(HostFunctions host, GlobalScope scope) {
        this.host = host;
        this.scope = scope;
    }

    private <T> T guarded(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (WebError e) {
            throw host.toGuest(e);
        }
    }

    private void guarded(Runnable operation) {
        try {
            operation.run();
        } catch (WebError e) {
            throw host.toGuest(e);
        }
    }

    // ------------------------------------------------------------------------------ Headers

    @HostAccess.Export
    public Headers headersNew() {
        return new Headers();
    }

    /** Fills {@code headers} with a flat JavaScript array [name, value, name, value, ...]. */
    @HostAccess.Export
    public void headersFill(Headers headers, Value flat) {
        List<Header> pairs = pairs(flat);
        guarded(() -> headers.fill(pairs));
    }

    @HostAccess.Export
    public void headersAppend(Headers headers, String name, String value) {
        guarded(() -> headers.append(name, value));
    }

    @HostAccess.Export
    public void headersDelete(Headers headers, String name) {
        guarded(() -> headers.delete(name));
    }

    @HostAccess.Export
    public String headersGet(Headers headers, String name) {
        return guarded(() -> headers.get(name));
    }

    @HostAccess.Export
    public Object headersGetSetCookie(Headers headers) {
        return HostFunctions.array(headers.getSetCookie().toArray());
    }

    @HostAccess.Export
    public boolean headersHas(Headers headers, String name) {
        return guarded(() -> headers.has(name));
    }

    @HostAccess.Export
    public void headersSet(Headers headers, String name, String value) {
        guarded(() -> headers.set(name, value));
    }

    /** The pairs to iterate over, flat: [name, value, name, value, ...]. */
    @HostAccess.Export
    public Object headersEntries(Headers headers) {
        List<Header> entries = headers.entries();
        Object[] flat = new Object[entries.size() * 2];
        for (int i = 0; i < entries.size(); i++) {
            flat[2 * i] = entries.get(i).name();
            flat[2 * i + 1] = entries.get(i).value();
        }
        return HostFunctions.array(flat);
    }

    /** Fetch's "extract a MIME type", serialized, or null. */
    @HostAccess.Export
    public String headersContentType(Headers headers) {
        MimeType type = MimeType.extract(headers.headerList());
        return type == null ? null : type.serialize();
    }

    // ------------------------------------------------------------------------------ Request

    /**
     * The {@code Request} constructor's steps: {@code input} is a URL string or [request,
     * bodyUnusable]; {@code dict} the converted RequestInit. Returns [request, headers,
     * inputBodyTaken].
     */
    @HostAccess.Export
    public Object requestConstruct(Value input, Value dict) {
        RequestInput requestInput = input.isString() ? new RequestInput.UrlString(input.asString())
                : new RequestInput.FromRequest(input.getArrayElement(0).asHostObject(),
                        input.getArrayElement(1).asBoolean());
        RequestInit init = requestInit(dict);
        RequestConstructor.Result result = guarded(() -> RequestConstructor.construct(requestInput, init,
                scope.apiBaseUrl(), scope.apiBaseUrl().originValue()));
        return HostFunctions.array(result.request(), result.headers(), result.inputBodyTaken());
    }

    /** The Request attributes, in the order fetch.js reads them. */
    @HostAccess.Export
    public Object requestInfo(FetchRequest r) {
        return HostFunctions.array(r.method(), r.url().href(), r.destination().jsName(), r.referrer().jsValue(),
                r.referrerPolicy().jsName(), r.mode().jsName(), r.credentials().jsName(), r.cache().jsName(),
                r.redirect().jsName(), r.integrity(), r.keepalive(), r.reloadNavigation(), r.historyNavigation());
    }

    /** Fetch's "clone a request" without the body (JavaScript clones that): [request, headers]. */
    @HostAccess.Export
    public Object requestClone(FetchRequest original, Headers headers) {
        FetchRequest clone = original.clone();
        // The Java body is only the body's description (the bytes stay in JavaScript, which
        // clones them); the clone has the same.
        clone.setBody(original.body());
        return HostFunctions.array(clone, new Headers(clone.headerList(), headers.guard()));
    }

    /** The binding's converted RequestInit dictionary (see convertRequestInit in fetch.js) as Java. */
    private static RequestInit requestInit(Value dict) {
        RequestInit init = RequestInit.EMPTY;
        if (dict.hasMember("method")) {
            init = init.withMethod(dict.getMember("method").asString());
        }
        if (dict.hasMember("headers")) {
            init = init.withHeaders(pairs(dict.getMember("headers")));
        }
        if (dict.hasMember("bodyType")) {
            Value type = dict.getMember("bodyType");
            // The bytes stay in JavaScript: Java sees the body's kind and type, and gets the bytes
            // when the request goes to the network.
            init = init.withBody(dict.getMember("bodyIsStream").asBoolean()
                    ? new BodyInit.Stream(BodySource.of(new byte[0]), false)
                    : new BodyInit.Blob(new byte[0], type.isNull() ? "" : type.asString()));
        }
        if (dict.hasMember("referrer")) {
            init = init.withReferrer(dict.getMember("referrer").asString());
        }
        if (dict.hasMember("referrerPolicy")) {
            init = init.withReferrerPolicy(ReferrerPolicy.fromJs(dict.getMember("referrerPolicy").asString()));
        }
        if (dict.hasMember("mode")) {
            init = init.withMode(RequestMode.fromJs(dict.getMember("mode").asString()));
        }
        if (dict.hasMember("credentials")) {
            init = init.withCredentials(RequestCredentials.fromJs(dict.getMember("credentials").asString()));
        }
        if (dict.hasMember("cache")) {
            init = init.withCache(RequestCache.fromJs(dict.getMember("cache").asString()));
        }
        if (dict.hasMember("redirect")) {
            init = init.withRedirect(RequestRedirect.fromJs(dict.getMember("redirect").asString()));
        }
        if (dict.hasMember("integrity")) {
            init = init.withIntegrity(dict.getMember("integrity").asString());
        }
        if (dict.hasMember("keepalive")) {
            init = init.withKeepalive(dict.getMember("keepalive").asBoolean());
        }
        if (dict.hasMember("duplex")) {
            init = init.withDuplex(RequestDuplex.fromJs(dict.getMember("duplex").asString()));
        }
        if (dict.hasMember("priority")) {
            init = init.withPriority(RequestPriority.fromJs(dict.getMember("priority").asString()));
        }
        if (dict.hasMember("window")) {
            init = init.withWindow("null".equals(dict.getMember("window").asString())
                    ? RequestInit.Window.NULL : RequestInit.Window.NON_NULL);
        }
        if (dict.hasMember("hasSignal")) {
            init = init.withSignal(true);
        }
        return init;
    }

    // ------------------------------------------------------------------------------ Response

    /**
     * {@code new Response(body, init)}: whether there is a body and its type (the bytes stay in
     * JavaScript), then the init's members. Returns [response, headers].
     */
    @HostAccess.Export
    public Object responseConstruct(boolean hasBody, String type, int status, String statusText, Value headers) {
        BodyInit body = hasBody ? new BodyInit.Blob(new byte[0], type == null ? "" : type) : null;
        List<Header> pairs = headers == null || headers.isNull() ? null : pairs(headers);
        return result(guarded(() -> ResponseConstructor.construct(body, new ResponseInit(status, statusText, pairs))));
    }

    @HostAccess.Export
    public Object responseError() {
        return result(ResponseConstructor.error());
    }

    @HostAccess.Export
    public Object responseRedirect(String url, int status) {
        return result(guarded(() -> ResponseConstructor.redirect(url, status, scope.apiBaseUrl())));
    }

    /** The Response attributes, in the order fetch.js reads them. */
    @HostAccess.Export
    public Object responseInfo(FetchResponse r) {
        return HostFunctions.array(r.type().jsName(), r.jsUrl(), r.redirected(), r.status(), r.ok(), r.statusMessage());
    }

    /** Fetch's "clone a response" without the body (JavaScript clones that): [response, headers]. */
    @HostAccess.Export
    public Object responseClone(FetchResponse original, Headers headers) {
        FetchResponse clone = original.clone();
        return HostFunctions.array(clone, new Headers(clone.headerList(), headers.guard()));
    }

    private static Object result(ResponseConstructor.Result result) {
        return HostFunctions.array(result.response(), result.headers());
    }

    /** A flat JavaScript array [name, value, name, value, ...] as header pairs. */
    static List<Header> pairs(Value flat) {
        int size = (int) flat.getArraySize();
        List<Header> pairs = new ArrayList<>(size / 2);
        for (int i = 0; i + 1 < size; i += 2) {
            pairs.add(new Header(flat.getArrayElement(i).asString(), flat.getArrayElement(i + 1).asString()));
        }
        return pairs;
    }
}
