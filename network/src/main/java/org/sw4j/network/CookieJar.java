package org.sw4j.network;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.sw4j.network.internal.SetCookie;
import org.sw4j.webapi.url.Url;
import org.sw4j.webapi.url.UrlParseException;

/**
 * Cookies, stored as RFC 6265 section 5.3 says (with RFC 6265bis's Secure and prefix rules) and
 * sent as section 5.4 says, <b>partitioned</b>: every operation names a partition key (the
 * top-level origin, or the storage key, as a string), and a partition's cookies are invisible from
 * every other. The transport never touches cookies; the Fetch layer calls {@link #store} with each
 * response and {@link #cookieHeader} for each request.
 *
 * <p>What it does:
 * <ul>
 *   <li>Expires and Max-Age (which wins) by the injected {@link Clock}, capped at 400 days; expired
 *       cookies are evicted whenever their partition is used;
 *   <li>Domain: a cookie without one is host-only; one whose Domain does not domain-match the URL's
 *       host (an IP address matches only itself) is rejected, and so is one whose Domain is a public
 *       suffix, unless it equals the host (then it becomes host-only);
 *   <li>Path, defaulting to the URL's directory; Secure cookies only from and to secure URLs (https,
 *       or localhost / loopback addresses); a non-secure URL can neither set a Secure cookie nor shadow
 *       one; {@code __Secure-} and {@code __Host-} prefixes; {@code SameSite=None} requires Secure;
 *   <li>HttpOnly and SameSite are stored for the layers that enforce them;
 *   <li>at most {@value #MAX_PER_PARTITION} cookies per partition, the least recently used evicted first.
 * </ul>
 *
 * <p><b>Public suffixes.</b> The full Public Suffix List is not bundled; the default check rejects
 * single-label domains ({@code com}, {@code localhost}) and a few well-known multi-label suffixes
 * ({@code co.uk}, {@code github.io}, ...). Pass the real list with {@link Builder#publicSuffixes}.
 *
 * <p>Thread-safe: each partition is guarded by its own lock.
 */
public final class CookieJar {
    /** The most cookies one partition keeps. */
    public static final int MAX_PER_PARTITION = 3000;

    private static final Set<String> KNOWN_SUFFIXES = Set.of(
            "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "com.au", "net.au", "org.au", "co.jp", "ne.jp", "or.jp",
            "com.br", "com.cn", "co.nz", "co.in", "co.za", "com.mx", "com.tr", "com.tw", "co.kr",
            "github.io", "gitlab.io", "herokuapp.com", "appspot.com", "blogspot.com", "pages.dev", "workers.dev",
            "vercel.app", "netlify.app", "web.app", "firebaseapp.com", "azurewebsites.net", "cloudfront.net");

    private final Clock clock;
    private final Predicate<String> publicSuffix;
    private final Map<String, List<Cookie>> partitions = new ConcurrentHashMap<>();

    private CookieJar(Builder builder) {
        this.clock = builder.clock;
        this.publicSuffix = builder.publicSuffix;
    }

    /** A jar on the system clock with the default public-suffix check. */
    public static CookieJar create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The default public-suffix check: a single label, or one of a few well-known suffixes. */
    public static boolean isWellKnownPublicSuffix(String domain) {
        return domain.indexOf('.') < 0 || KNOWN_SUFFIXES.contains(domain);
    }

    /**
     * Stores the cookie of one {@code Set-Cookie} header received from {@code url} (RFC 6265, 5.3):
     * adds it, replaces the cookie with its name, domain and path, or deletes that cookie when the new
     * one has already expired.
     *
     * @return the cookie stored, or empty when the header was ignored or only deleted a cookie
     */
    public Optional<Cookie> store(String partitionKey, String url, String setCookie) {
        Objects.requireNonNull(partitionKey, "partitionKey");
        Url parsed = parse(url);
        if (parsed == null || !isHttp(parsed) || parsed.hostname() == null || parsed.hostname().isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        SetCookie set = SetCookie.parse(setCookie, now);
        if (set == null) {
            return Optional.empty();
        }
        String host = parsed.hostname();
        boolean secureUrl = isSecure(parsed);
        boolean hostOnly;
        String domain;
        if (set.domain() != null) {
            String attribute = set.domain();
            if (publicSuffix.test(attribute)) {
                if (!attribute.equals(host)) {
                    return Optional.empty();
                }
                hostOnly = true;
                domain = host;
            } else if (!domainMatches(host, attribute)) {
                return Optional.empty();
            } else {
                hostOnly = false;
                domain = attribute;
            }
        } else {
            hostOnly = true;
            domain = host;
        }
        String path = set.path() != null ? set.path() : defaultPath(parsed.pathname());
        if (set.secure() && !secureUrl) {
            return Optional.empty();
        }
        if (set.sameSite() == Cookie.SameSite.NONE && !set.secure()) {
            return Optional.empty();
        }
        String lowerName = set.name().toLowerCase(Locale.ROOT);
        if (lowerName.startsWith("__secure-") && !set.secure()) {
            return Optional.empty();
        }
        if (lowerName.startsWith("__host-") && !(set.secure() && hostOnly && path.equals("/"))) {
            return Optional.empty();
        }
        Cookie cookie = new Cookie(set.name(), set.value(), domain, path, set.expiry(), now, now, hostOnly,
                set.secure(), set.httpOnly(), set.sameSite());

        List<Cookie> cookies = partition(partitionKey);
        synchronized (cookies) {
            evictExpired(cookies, now);
            if (!set.secure() && !secureUrl) {
                // RFC 6265bis 5.7 step 16: an insecure URL does not overwrite or shadow a Secure cookie.
                for (Cookie old : cookies) {
                    if (old.secure() && old.name().equals(cookie.name())
                            && (domainMatches(old.domain(), cookie.domain()) || domainMatches(cookie.domain(), old.domain()))
                            && pathMatches(cookie.path(), old.path())) {
                        return Optional.empty();
                    }
                }
            }
            for (int i = 0; i < cookies.size(); i++) {
                Cookie old = cookies.get(i);
                if (old.name().equals(cookie.name()) && old.domain().equals(cookie.domain())
                        && old.path().equals(cookie.path())) {
                    cookies.remove(i);
                    cookie = cookie.withCreation(old.creation());
                    break;
                }
            }
            if (cookie.isExpired(now)) {
                return Optional.empty();
            }
            cookies.add(cookie);
            if (cookies.size() > MAX_PER_PARTITION) {
                cookies.sort(Comparator.comparing(Cookie::lastAccess));
                cookies.subList(0, cookies.size() - MAX_PER_PARTITION).clear();
            }
            return Optional.of(cookie);
        }
    }

    /** Stores every {@code Set-Cookie} of {@code response}, received from its URL. */
    public void store(String partitionKey, NetworkResponse response) {
        for (String setCookie : response.headers().values("set-cookie")) {
            store(partitionKey, response.url(), setCookie);
        }
    }

    /**
     * The cookies to send to {@code url} (RFC 6265, 5.4): host or domain match, path match, Secure
     * ones only to secure URLs; longest path first, then oldest. Marks them accessed.
     */
    public List<Cookie> cookiesFor(String partitionKey, String url) {
        Objects.requireNonNull(partitionKey, "partitionKey");
        Url parsed = parse(url);
        if (parsed == null || !isHttp(parsed) || parsed.hostname() == null) {
            return List.of();
        }
        List<Cookie> cookies = partitions.get(partitionKey);
        if (cookies == null) {
            return List.of();
        }
        Instant now = clock.instant();
        String host = parsed.hostname();
        String path = parsed.pathname().startsWith("/") ? parsed.pathname() : "/";
        boolean secureUrl = isSecure(parsed);
        List<Cookie> matching = new ArrayList<>();
        synchronized (cookies) {
            evictExpired(cookies, now);
            for (int i = 0; i < cookies.size(); i++) {
                Cookie cookie = cookies.get(i);
                boolean hostMatches = cookie.hostOnly() ? host.equals(cookie.domain()) : domainMatches(host, cookie.domain());
                if (hostMatches && pathMatches(path, cookie.path()) && (!cookie.secure() || secureUrl)) {
                    Cookie accessed = cookie.withLastAccess(now);
                    cookies.set(i, accessed);
                    matching.add(accessed);
                }
            }
        }
        matching.sort(Comparator.comparingInt((Cookie c) -> c.path().length()).reversed()
                .thenComparing(Cookie::creation));
        return List.copyOf(matching);
    }

    /** The {@code Cookie} header for {@code url}, or empty when no cookie matches. */
    public Optional<String> cookieHeader(String partitionKey, String url) {
        List<Cookie> cookies = cookiesFor(partitionKey, url);
        return cookies.isEmpty() ? Optional.empty() : Optional.of(cookieHeader(cookies));
    }

    /** The {@code Cookie} header value for these cookies, in their order: {@code a=1; b=2}. */
    public static String cookieHeader(List<Cookie> cookies) {
        StringBuilder header = new StringBuilder();
        for (Cookie cookie : cookies) {
            if (!header.isEmpty()) {
                header.append("; ");
            }
            header.append(cookie.pair());
        }
        return header.toString();
    }

    /** Every unexpired cookie of a partition, in storage order. */
    public List<Cookie> all(String partitionKey) {
        List<Cookie> cookies = partitions.get(partitionKey);
        if (cookies == null) {
            return List.of();
        }
        synchronized (cookies) {
            evictExpired(cookies, clock.instant());
            return List.copyOf(cookies);
        }
    }

    /** Forgets a partition's cookies. */
    public void clear(String partitionKey) {
        partitions.remove(partitionKey);
    }

    public void clearAll() {
        partitions.clear();
    }

    /** Evicts the expired cookies of every partition; returns how many. */
    public int evictExpired() {
        Instant now = clock.instant();
        int evicted = 0;
        for (List<Cookie> cookies : partitions.values()) {
            synchronized (cookies) {
                evicted += evictExpired(cookies, now);
            }
        }
        return evicted;
    }

    private List<Cookie> partition(String partitionKey) {
        return partitions.computeIfAbsent(partitionKey, key -> new ArrayList<>());
    }

    private static int evictExpired(List<Cookie> cookies, Instant now) {
        int before = cookies.size();
        cookies.removeIf(cookie -> cookie.isExpired(now));
        return before - cookies.size();
    }

    private static Url parse(String url) {
        try {
            return Url.parse(url);
        } catch (UrlParseException e) {
            return null;
        }
    }

    private static boolean isHttp(Url url) {
        return url.scheme().equals("http") || url.scheme().equals("https");
    }

    /** Secure enough for Secure cookies: https, or a loopback host ("potentially trustworthy"). */
    static boolean isSecure(Url url) {
        if (url.scheme().equals("https")) {
            return true;
        }
        String host = url.hostname();
        return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
                && isIpv4(host) || host.equals("[::1]");
    }

    /** RFC 6265 5.1.3: identical, or a subdomain of {@code domain} when {@code host} is no IP address. */
    static boolean domainMatches(String host, String domain) {
        if (host.equals(domain)) {
            return true;
        }
        return host.endsWith(domain) && host.length() > domain.length()
                && host.charAt(host.length() - domain.length() - 1) == '.' && !isIpAddress(host);
    }

    /** RFC 6265 5.1.4. */
    static boolean pathMatches(String requestPath, String cookiePath) {
        if (requestPath.equals(cookiePath)) {
            return true;
        }
        return requestPath.startsWith(cookiePath)
                && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/');
    }

    /** RFC 6265 5.1.4's default-path: the URL path up to, not including, its last "/". */
    static String defaultPath(String urlPath) {
        if (urlPath.isEmpty() || urlPath.charAt(0) != '/') {
            return "/";
        }
        int last = urlPath.lastIndexOf('/');
        return last == 0 ? "/" : urlPath.substring(0, last);
    }

    private static boolean isIpAddress(String host) {
        return host.startsWith("[") || isIpv4(host);
    }

    private static boolean isIpv4(String host) {
        // The WHATWG host parser has already turned every IPv4 form into dotted decimal.
        return host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    }

    /** Configures a {@link CookieJar}. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Predicate<String> publicSuffix = CookieJar::isWellKnownPublicSuffix;

        private Builder() {
        }

        /** The clock for expiry and creation times. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Whether a lower-case domain is a public suffix, e.g. backed by the Public Suffix List. */
        public Builder publicSuffixes(Predicate<String> publicSuffix) {
            this.publicSuffix = Objects.requireNonNull(publicSuffix, "publicSuffix");
            return this;
        }

        public CookieJar build() {
            return new CookieJar(this);
        }
    }
}
