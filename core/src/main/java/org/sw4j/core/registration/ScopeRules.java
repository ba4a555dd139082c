package org.sw4j.core.registration;

import java.util.Locale;
import org.sw4j.webapi.error.DomExceptionName;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.url.Url;
import org.sw4j.webapi.url.UrlParseException;

/** The URL rules of registering a service worker, with no I/O. */
public final class ScopeRules {
    private ScopeRules() {}

    /**
     * Implements Start Register's URL steps (https://w3c.github.io/ServiceWorker/#start-register-algorithm,
     * steps 1–9): both URLs parsed against {@code baseUrl}, fragments dropped, http(s) only, no
     * {@code %2f} or {@code %5c} in their paths; a missing scope is the script's directory
     * ({@code "./"} resolved against the script URL).
     *
     * @param scopeUrl the scope as given, or null
     * @throws WebError TypeError for any violation
     */
    public static RegistrationUrls startRegister(String scriptUrl, String scopeUrl, Url baseUrl) {
        Url script = parse(scriptUrl, baseUrl, "script");
        checkSchemeAndPath(script, "script");
        Url scope = scopeUrl == null ? Url.parse("./", script).withoutFragment() : parse(scopeUrl, baseUrl, "scope");
        checkSchemeAndPath(scope, "scope");
        return new RegistrationUrls(script, scope);
    }

    /**
     * Implements the Register algorithm's origin checks
     * (https://w3c.github.io/ServiceWorker/#register-algorithm, steps 1–3): the script's origin must be
     * potentially trustworthy, and the script and the scope must be same origin with the referrer
     * (the registering client's URL).
     *
     * @throws WebError SecurityError otherwise
     */
    public static void checkRegisterOrigins(RegistrationUrls urls, Url referrer) {
        if (!urls.script().originValue().isPotentiallyTrustworthy()) {
            throw WebError.dom(DomExceptionName.SECURITY_ERROR, "Failed to register a ServiceWorker: the origin of the"
                    + " script URL (" + urls.script().origin() + ") is not potentially trustworthy (https, or http on"
                    + " localhost or a loopback address)");
        }
        if (!urls.script().originValue().isSameOrigin(referrer.originValue())) {
            throw WebError.dom(DomExceptionName.SECURITY_ERROR, "Failed to register a ServiceWorker: the origin of the"
                    + " script URL (" + urls.script().origin() + ") does not match the current origin ("
                    + referrer.origin() + ")");
        }
        if (!urls.scope().originValue().isSameOrigin(referrer.originValue())) {
            throw WebError.dom(DomExceptionName.SECURITY_ERROR, "Failed to register a ServiceWorker: the origin of the"
                    + " scope URL (" + urls.scope().origin() + ") does not match the current origin ("
                    + referrer.origin() + ")");
        }
    }

    /**
     * Implements the Update algorithm's scope check (https://w3c.github.io/ServiceWorker/#update-algorithm,
     * in "perform the fetch"): the scope's path must start with the maximum scope's — the script's
     * directory, or the path of the {@code Service-Worker-Allowed} response header resolved against
     * the script URL (a header naming another origin allows nothing).
     *
     * @param serviceWorkerAllowed the header's value, or null when the response has none
     * @throws WebError SecurityError when the scope is outside the maximum scope
     */
    public static void checkMaxScope(Url scope, Url script, String serviceWorkerAllowed) {
        String maxScopeString = null;
        if (serviceWorkerAllowed == null) {
            maxScopeString = Url.parse("./", script).pathname();
        } else {
            try {
                Url maxScope = Url.parse(serviceWorkerAllowed.strip(), script);
                if (maxScope.originValue().isSameOrigin(script.originValue())) {
                    maxScopeString = maxScope.pathname();
                }
            } catch (UrlParseException e) {
                maxScopeString = null;
            }
        }
        String scopeString = scope.pathname();
        if (maxScopeString == null || !scopeString.startsWith(maxScopeString)) {
            throw WebError.dom(DomExceptionName.SECURITY_ERROR, "Failed to register a ServiceWorker: the path of the"
                    + " provided scope ('" + scopeString + "') is not under the max scope allowed ("
                    + (maxScopeString == null ? "none: Service-Worker-Allowed names another origin" : "'"
                    + maxScopeString + "'") + "). Adjust the scope, move the script, or use the"
                    + " Service-Worker-Allowed HTTP header to allow the scope.");
        }
    }

    private static Url parse(String input, Url base, String what) {
        try {
            return Url.parse(input, base).withoutFragment();
        } catch (UrlParseException e) {
            throw WebError.typeError("Failed to register a ServiceWorker: invalid " + what + " URL '" + input + "'");
        }
    }

    private static void checkSchemeAndPath(Url url, String what) {
        if (!url.scheme().equals("http") && !url.scheme().equals("https")) {
            throw WebError.typeError("Failed to register a ServiceWorker: the " + what + " URL's scheme ('"
                    + url.scheme() + "') is not http or https");
        }
        String path = url.pathname().toLowerCase(Locale.ROOT);
        if (path.contains("%2f") || path.contains("%5c")) {
            throw WebError.typeError("Failed to register a ServiceWorker: the " + what + " URL's path ('"
                    + url.pathname() + "') contains an escaped '/' or '\\'");
        }
    }
}
