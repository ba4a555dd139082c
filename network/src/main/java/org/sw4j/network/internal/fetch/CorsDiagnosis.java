package org.sw4j.network.internal.fetch;

import java.util.List;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.FetchResponse;
import org.sw4j.webapi.fetch.HeaderList;
import org.sw4j.webapi.fetch.HeaderNames;
import org.sw4j.webapi.fetch.Methods;
import org.sw4j.webapi.fetch.RequestCredentials;

/**
 * Why a CORS check or a CORS preflight failed, in words for the {@code TypeError} a developer
 * reads; the decisions themselves are {@link org.sw4j.webapi.fetch.Cors}'s.
 */
public final class CorsDiagnosis {
    private CorsDiagnosis() {
    }

    /** Why the CORS check (https://fetch.spec.whatwg.org/#concept-cors-check) failed for a response from {@code url}. */
    public static String checkFailure(FetchRequest request, HeaderList headers, String url) {
        return "CORS check failed for " + url + ": " + whyCheckFails(request, headers);
    }

    private static String whyCheckFails(FetchRequest request, HeaderList headers) {
        String allowOrigin = headers.get("Access-Control-Allow-Origin");
        String origin = request.serializeOrigin();
        boolean include = request.credentials() == RequestCredentials.INCLUDE;
        String why;
        if (allowOrigin == null) {
            why = "the response has no Access-Control-Allow-Origin header";
        } else if (allowOrigin.equals("*") && include) {
            why = "Access-Control-Allow-Origin is '*', which is not allowed when the request's credentials mode is"
                    + " 'include'";
        } else if (!allowOrigin.equals(origin)) {
            why = "Access-Control-Allow-Origin '" + allowOrigin + "' does not match the request's origin '" + origin
                    + "'";
        } else {
            String allowCredentials = headers.get("Access-Control-Allow-Credentials");
            why = "Access-Control-Allow-Credentials is " + (allowCredentials == null ? "absent"
                    : "'" + allowCredentials + "'") + ", but must be 'true' when the credentials mode is 'include'";
        }
        return why;
    }

    /** Why the CORS-preflight fetch (https://fetch.spec.whatwg.org/#cors-preflight-fetch-0) refused the request. */
    public static String preflightFailure(FetchRequest request, FetchResponse preflightResponse, String url) {
        HeaderList headers = preflightResponse.headerList();
        String prefix = "CORS preflight for " + request.method() + " " + url + " failed: ";
        if (!org.sw4j.webapi.fetch.Cors.check(request, headers)) {
            return prefix + whyCheckFails(request, headers);
        }
        if (!FetchResponse.isOkStatus(preflightResponse.status())) {
            return prefix + "the preflight response's status is " + preflightResponse.status() + ", not an ok status";
        }
        List<String> methods = headers.getDecodeSplit("Access-Control-Allow-Methods");
        boolean include = request.credentials() == RequestCredentials.INCLUDE;
        if (!Methods.isCorsSafelisted(request.method())
                && (methods == null || !methods.contains(request.method()) && (include || !methods.contains("*")))) {
            return prefix + "method " + request.method() + " is not in Access-Control-Allow-Methods ("
                    + (methods == null ? "absent" : String.join(", ", methods)) + ")";
        }
        List<String> allowed = headers.getDecodeSplit("Access-Control-Allow-Headers");
        for (String name : HeaderNames.corsUnsafeRequestHeaderNames(request.headerList())) {
            boolean listed = allowed != null && (allowed.stream().anyMatch(a -> a.equalsIgnoreCase(name))
                    || !include && allowed.contains("*") && !HeaderNames.isCorsNonWildcardRequestHeaderName(name));
            if (!listed) {
                return prefix + "request header '" + name + "' is not in Access-Control-Allow-Headers ("
                        + (allowed == null ? "absent" : String.join(", ", allowed)) + ")";
            }
        }
        if (request.headerList().contains("Authorization")) {
            return prefix + "Authorization must be listed in Access-Control-Allow-Headers by name; '*' does not"
                    + " cover it";
        }
        return prefix + "the preflight response's Access-Control-Allow-Methods or Access-Control-Allow-Headers"
                + " cannot be parsed";
    }
}
