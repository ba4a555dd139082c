package org.sw4j.proxy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.sw4j.webapi.fetch.Header;
import org.sw4j.webapi.fetch.HeaderList;

/**
 * What a reverse proxy does to headers (RFC 9110 § 7.6): hop-by-hop fields are not forwarded
 * either way, {@code Via} and {@code Forwarded} are added upstream, and the origin's own URLs in
 * {@code Location}, {@code Content-Location} and {@code Refresh} become the proxy's on the way back.
 * Pure functions of their arguments.
 */
final class ForwardedHeaders {
    static final String VIA = "1.1 sw4j";

    /** Hop-by-hop fields, plus Proxy-Connection, which old clients send. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "proxy-authorization", "proxy-authenticate");

    private ForwardedHeaders() {
    }

    /** Whether {@code name} is hop-by-hop here: a fixed one or one {@code Connection} names. */
    static Set<String> hopByHop(List<String> connectionValues) {
        if (connectionValues.isEmpty()) {
            return HOP_BY_HOP;
        }
        Set<String> names = HOP_BY_HOP;
        for (String value : connectionValues) {
            for (String token : value.split(",")) {
                String name = token.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !names.contains(name)) {
                    if (names == HOP_BY_HOP) {
                        names = new TreeSet<>(HOP_BY_HOP); // only when Connection names another field
                    }
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** The {@code Forwarded} element for a request from {@code client} to {@code host} over {@code proto}. */
    static String forwarded(String clientAddress, String host, String proto) {
        String bare = clientAddress.startsWith("[") && clientAddress.endsWith("]")
                ? clientAddress.substring(1, clientAddress.length() - 1) : clientAddress;
        // RFC 7239: an IPv6 address is bracketed and quoted.
        String forAddress = bare.contains(":") ? "\"[" + bare + "]\"" : bare;
        return "for=" + forAddress + ";host=" + quoteIfNeeded(host) + ";proto=" + proto;
    }

    private static String quoteIfNeeded(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
                return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            }
        }
        return value;
    }

    /** The fields {@link #toClient(HeaderList, String, String, String, FieldSink)} keeps for a site at the root, as a list. */
    static List<Header> toClient(HeaderList headers, String upstreamOrigin, String publicOrigin) {
        List<Header> out = new ArrayList<>();
        toClient(headers, upstreamOrigin, publicOrigin, "", (name, lowerCaseName, value) -> out.add(new Header(name, value)));
        return out;
    }

    /** Receives the fields {@link #toClient} keeps: the name as sent, lower-cased, and the value. */
    interface FieldSink {
        void field(String name, String lowerCaseName, String value);
    }

    /**
     * The response's fields to send back, each handed to {@code sink}: without hop-by-hop ones,
     * with the origin's URLs in {@code Location}, {@code Content-Location} and {@code Refresh}
     * pointing at the proxy. For a site under {@code publicPrefix} (e.g. {@code /cats}, or empty),
     * {@code publicOrigin} ends with the prefix, and a path-absolute {@code Location} or
     * {@code Content-Location} ({@code /img}) gets the prefix too.
     */
    static void toClient(HeaderList headers, String upstreamOrigin, String publicOrigin, String publicPrefix,
            FieldSink sink) {
        Set<String> skip = hopByHop(headers.getAll("Connection"));
        for (Header header : headers) {
            String name = header.name().toLowerCase(Locale.ROOT);
            if (skip.contains(name)) {
                continue;
            }
            String value = header.value();
            if (name.equals("location") || name.equals("content-location") || name.equals("refresh")) {
                value = rewrite(value, upstreamOrigin, publicOrigin);
                if (!publicPrefix.isEmpty() && !name.equals("refresh") && value.startsWith("/")
                        && !value.startsWith("//")) {
                    value = publicPrefix + value;
                }
            }
            sink.field(header.name(), name, value);
        }
    }

    /** {@code value} with the upstream origin (at a URL's start: followed by '/', '?', '#' or the end) replaced. */
    static String rewrite(String value, String upstreamOrigin, String publicOrigin) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (true) {
            int at = value.indexOf(upstreamOrigin, from);
            if (at < 0) {
                break;
            }
            int end = at + upstreamOrigin.length();
            boolean boundary = end == value.length() || "/?#;\"' ".indexOf(value.charAt(end)) >= 0;
            out.append(value, from, at).append(boundary ? publicOrigin : upstreamOrigin);
            from = end;
        }
        return out.append(value.substring(from)).toString();
    }
}
