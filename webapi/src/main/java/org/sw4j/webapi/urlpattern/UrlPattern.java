package org.sw4j.webapi.urlpattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.url.DummyUrl;
import org.sw4j.webapi.url.Url;

/**
 * A URL pattern (https://urlpattern.spec.whatwg.org/#url-pattern) with the methods and getters of the
 * JavaScript {@code URLPattern} interface. Immutable and thread-safe.
 *
 * <p>Matching uses {@code java.util.regex} translations of the standard's ECMAScript regular expressions;
 * see {@link RegexpGenerator} and {@link EcmaRegexpTranslator} for the translation and what it rejects.
 * Every constructor throws a TypeError {@link WebError} where the standard throws one.
 */
public final class UrlPattern {
    private final Component protocol;
    private final Component username;
    private final Component password;
    private final Component hostname;
    private final Component port;
    private final Component pathname;
    private final Component search;
    private final Component hash;
    private final boolean ignoreCase;

    /** {@code new URLPattern(input)}: a constructor string without a base URL, so it must have a protocol. */
    public UrlPattern(String input) {
        this(input, (String) null, UrlPatternOptions.DEFAULT);
    }

    /** {@code new URLPattern(input, baseURL)}; {@code baseURL} may be null. */
    public UrlPattern(String input, String baseURL) {
        this(input, baseURL, UrlPatternOptions.DEFAULT);
    }

    /** {@code new URLPattern(input, baseURL, options)}; {@code baseURL} may be null. */
    public UrlPattern(String input, String baseURL, UrlPatternOptions options) {
        this(createInit(input, baseURL), options);
    }

    /** {@code new URLPattern(input)} with a URLPatternInit. */
    public UrlPattern(UrlPatternInit input) {
        this(input, UrlPatternOptions.DEFAULT);
    }

    /**
     * Implements create (https://urlpattern.spec.whatwg.org/#url-pattern-create) for a URLPatternInit
     * {@code input}, as {@code new URLPattern(input, options)} does.
     */
    public UrlPattern(UrlPatternInit input, UrlPatternOptions options) {
        this.ignoreCase = options.ignoreCase();
        UrlPatternInit processedInit = processInit(input, InitType.PATTERN, null, null, null, null, null, null, null,
                null);
        String protocolPattern = orWildcard(processedInit.protocol());
        String portPattern = orWildcard(processedInit.port());
        Integer defaultPort = defaultPort(protocolPattern);
        if (defaultPort != null && portPattern.equals(defaultPort.toString())) {
            portPattern = "";
        }
        protocol = Component.compile(protocolPattern, Canonicalizer::protocol, PatternOptions.DEFAULT);
        username = Component.compile(orWildcard(processedInit.username()), Canonicalizer::username,
                PatternOptions.DEFAULT);
        password = Component.compile(orWildcard(processedInit.password()), Canonicalizer::password,
                PatternOptions.DEFAULT);
        String hostnamePattern = orWildcard(processedInit.hostname());
        hostname = Component.compile(hostnamePattern,
                isIpv6Address(hostnamePattern) ? Canonicalizer::ipv6Hostname : Canonicalizer::hostname,
                PatternOptions.HOSTNAME);
        port = Component.compile(portPattern, Canonicalizer::port, PatternOptions.DEFAULT);
        PatternOptions compileOptions = PatternOptions.DEFAULT.withIgnoreCase(options.ignoreCase());
        if (protocol.matchesSpecialScheme()) {
            pathname = Component.compile(orWildcard(processedInit.pathname()), Canonicalizer::pathname,
                    PatternOptions.PATHNAME.withIgnoreCase(options.ignoreCase()));
        } else {
            pathname = Component.compile(orWildcard(processedInit.pathname()), Canonicalizer::opaquePathname,
                    compileOptions);
        }
        search = Component.compile(orWildcard(processedInit.search()), Canonicalizer::search, compileOptions);
        hash = Component.compile(orWildcard(processedInit.hash()), Canonicalizer::hash, compileOptions);
    }

    /** The string steps of create: parse a constructor string, then apply the base URL. */
    private static UrlPatternInit createInit(String input, String baseURL) {
        UrlPatternInit init = ConstructorStringParser.parse(input);
        if (baseURL == null && init.protocol() == null) {
            throw WebError.typeError("Relative URL pattern \"" + input + "\" needs a base URL");
        }
        return baseURL != null ? init.withBaseURL(baseURL) : init;
    }

    private static String orWildcard(String value) {
        return value != null ? value : "*";
    }

    private static Integer defaultPort(String scheme) {
        return switch (scheme) {
            case "ftp" -> 21;
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            default -> null;
        };
    }

    private static boolean isSpecialScheme(String scheme) {
        return scheme.equals("file") || defaultPort(scheme) != null;
    }

    /** Implements hostname pattern is an IPv6 address (https://urlpattern.spec.whatwg.org/#hostname-pattern-is-an-ipv6-address). */
    private static boolean isIpv6Address(String input) {
        if (input.codePointCount(0, input.length()) < 2) {
            return false;
        }
        char first = input.charAt(0);
        return first == '[' || ((first == '{' || first == '\\') && input.charAt(1) == '[');
    }

    // ---------------------------------------------------------------------------------------------
    // Getters

    /** The normalized protocol pattern string. */
    public String protocol() {
        return protocol.patternString();
    }

    /** The normalized username pattern string. */
    public String username() {
        return username.patternString();
    }

    /** The normalized password pattern string. */
    public String password() {
        return password.patternString();
    }

    /** The normalized hostname pattern string. */
    public String hostname() {
        return hostname.patternString();
    }

    /** The normalized port pattern string. */
    public String port() {
        return port.patternString();
    }

    /** The normalized pathname pattern string. */
    public String pathname() {
        return pathname.patternString();
    }

    /** The normalized search pattern string. */
    public String search() {
        return search.patternString();
    }

    /** The normalized hash pattern string. */
    public String hash() {
        return hash.patternString();
    }

    /** Whether the pattern was made with {@code ignoreCase} (its options). */
    public boolean ignoreCase() {
        return ignoreCase;
    }

    /** Implements has regexp groups (https://urlpattern.spec.whatwg.org/#url-pattern-has-regexp-groups). */
    public boolean hasRegExpGroups() {
        return protocol.hasRegexpGroups() || username.hasRegexpGroups() || password.hasRegexpGroups()
                || hostname.hasRegexpGroups() || port.hasRegexpGroups() || pathname.hasRegexpGroups()
                || search.hasRegexpGroups() || hash.hasRegexpGroups();
    }

    // ---------------------------------------------------------------------------------------------
    // test and exec

    /** {@code test(input)} for a URL string. */
    public boolean test(String input) {
        return exec(input) != null;
    }

    /** {@code test(input, baseURL)}; {@code baseURL} may be null. */
    public boolean test(String input, String baseURL) {
        return exec(input, baseURL) != null;
    }

    /** {@code test(input)} for a URLPatternInit. */
    public boolean test(UrlPatternInit input) {
        return exec(input) != null;
    }

    /**
     * {@code test} for a parsed URL: match's component checks without building a result, the
     * pathname (the component that usually decides) first, stopping at the first that fails.
     */
    public boolean test(Url input) {
        return pathname.matches(DummyUrl.serializePath(input))
                && hostname.matches(input.hostname())
                && protocol.matches(input.scheme())
                && port.matches(input.port())
                && search.matches(DummyUrl.queryOrEmpty(input))
                && username.matches(input.username())
                && password.matches(input.password())
                && hash.matches(DummyUrl.fragmentOrEmpty(input));
    }

    /** {@code exec(input)} for a URL string: the match result, or null. */
    public UrlPatternResult exec(String input) {
        return exec(input, null);
    }

    /**
     * Implements match (https://urlpattern.spec.whatwg.org/#url-pattern-match) for a URL string and a
     * base URL string (nullable): null when either fails to parse or the URL does not match.
     */
    public UrlPatternResult exec(String input, String baseURL) {
        List<Object> inputs = new ArrayList<>();
        inputs.add(input);
        Url base = null;
        if (baseURL != null) {
            Optional<Url> parsed = Url.tryParse(baseURL, null);
            if (parsed.isEmpty()) {
                return null;
            }
            base = parsed.get();
            inputs.add(baseURL);
        }
        Url url;
        try {
            url = Url.parse(input, base);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return matchUrl(url, inputs);
    }

    /** Implements match for a URL: its serialization is the single input. */
    public UrlPatternResult exec(Url input) {
        List<Object> inputs = new ArrayList<>();
        inputs.add(input.href());
        return matchUrl(input, inputs);
    }

    /** Implements match (https://urlpattern.spec.whatwg.org/#url-pattern-match) for a URLPatternInit. */
    public UrlPatternResult exec(UrlPatternInit input) {
        List<Object> inputs = new ArrayList<>();
        inputs.add(input);
        UrlPatternInit applyResult;
        try {
            applyResult = processInit(input, InitType.URL, "", "", "", "", "", "", "", "");
        } catch (WebError e) {
            return null;
        }
        return match(inputs, applyResult.protocol(), applyResult.username(), applyResult.password(),
                applyResult.hostname(), applyResult.port(), applyResult.pathname(), applyResult.search(),
                applyResult.hash());
    }

    private UrlPatternResult matchUrl(Url url, List<Object> inputs) {
        String searchValue = DummyUrl.queryOrEmpty(url);
        return match(inputs, url.scheme(), url.username(), url.password(), url.hostname(), url.port(),
                DummyUrl.serializePath(url), searchValue, DummyUrl.fragmentOrEmpty(url));
    }

    private UrlPatternResult match(List<Object> inputs, String protocolValue, String usernameValue,
            String passwordValue, String hostnameValue, String portValue, String pathnameValue, String searchValue,
            String hashValue) {
        Matcher protocolExecResult = protocol.exec(protocolValue);
        Matcher usernameExecResult = username.exec(usernameValue);
        Matcher passwordExecResult = password.exec(passwordValue);
        Matcher hostnameExecResult = hostname.exec(hostnameValue);
        Matcher portExecResult = port.exec(portValue);
        Matcher pathnameExecResult = pathname.exec(pathnameValue);
        Matcher searchExecResult = search.exec(searchValue);
        Matcher hashExecResult = hash.exec(hashValue);
        if (protocolExecResult == null || usernameExecResult == null || passwordExecResult == null
                || hostnameExecResult == null || portExecResult == null || pathnameExecResult == null
                || searchExecResult == null || hashExecResult == null) {
            return null;
        }
        return new UrlPatternResult(List.copyOf(inputs),
                protocol.createMatchResult(protocolValue, protocolExecResult),
                username.createMatchResult(usernameValue, usernameExecResult),
                password.createMatchResult(passwordValue, passwordExecResult),
                hostname.createMatchResult(hostnameValue, hostnameExecResult),
                port.createMatchResult(portValue, portExecResult),
                pathname.createMatchResult(pathnameValue, pathnameExecResult),
                search.createMatchResult(searchValue, searchExecResult),
                hash.createMatchResult(hashValue, hashExecResult));
    }

    // ---------------------------------------------------------------------------------------------
    // URLPatternInit processing

    /** The type argument of process a URLPatternInit: "pattern" or "url". */
    enum InitType { PATTERN, URL }

    /** Implements process a URLPatternInit (https://urlpattern.spec.whatwg.org/#process-a-urlpatterninit). */
    static UrlPatternInit processInit(UrlPatternInit init, InitType type, String protocol, String username,
            String password, String hostname, String port, String pathname, String search, String hash) {
        String rProtocol = protocol;
        String rUsername = username;
        String rPassword = password;
        String rHostname = hostname;
        String rPort = port;
        String rPathname = pathname;
        String rSearch = search;
        String rHash = hash;
        Url baseURL = null;
        if (init.baseURL() != null) {
            baseURL = Url.tryParse(init.baseURL(), null)
                    .orElseThrow(() -> WebError.typeError("Invalid base URL \"" + init.baseURL() + "\""));
            if (init.protocol() == null) {
                rProtocol = processBaseUrlString(baseURL.scheme(), type);
            }
            if (type != InitType.PATTERN && init.protocol() == null && init.hostname() == null
                    && init.port() == null && init.username() == null) {
                rUsername = processBaseUrlString(baseURL.username(), type);
            }
            if (type != InitType.PATTERN && init.protocol() == null && init.hostname() == null
                    && init.port() == null && init.username() == null && init.password() == null) {
                rPassword = processBaseUrlString(baseURL.password(), type);
            }
            if (init.protocol() == null && init.hostname() == null) {
                rHostname = processBaseUrlString(baseURL.hostname(), type);
            }
            if (init.protocol() == null && init.hostname() == null && init.port() == null) {
                rPort = baseURL.port();
            }
            if (init.protocol() == null && init.hostname() == null && init.port() == null
                    && init.pathname() == null) {
                rPathname = processBaseUrlString(DummyUrl.serializePath(baseURL), type);
            }
            if (init.protocol() == null && init.hostname() == null && init.port() == null
                    && init.pathname() == null && init.search() == null) {
                rSearch = processBaseUrlString(DummyUrl.queryOrEmpty(baseURL), type);
            }
            if (init.protocol() == null && init.hostname() == null && init.port() == null
                    && init.pathname() == null && init.search() == null && init.hash() == null) {
                rHash = processBaseUrlString(DummyUrl.fragmentOrEmpty(baseURL), type);
            }
        }
        if (init.protocol() != null) {
            String strippedValue = init.protocol().endsWith(":")
                    ? init.protocol().substring(0, init.protocol().length() - 1) : init.protocol();
            rProtocol = type == InitType.PATTERN ? strippedValue : Canonicalizer.protocol(strippedValue);
        }
        if (init.username() != null) {
            rUsername = type == InitType.PATTERN ? init.username() : Canonicalizer.username(init.username());
        }
        if (init.password() != null) {
            rPassword = type == InitType.PATTERN ? init.password() : Canonicalizer.password(init.password());
        }
        if (init.hostname() != null) {
            rHostname = type == InitType.PATTERN ? init.hostname() : Canonicalizer.hostname(init.hostname());
        }
        String resultProtocolString = rProtocol != null ? rProtocol : "";
        if (init.port() != null) {
            rPort = type == InitType.PATTERN ? init.port() : Canonicalizer.port(init.port(), resultProtocolString);
        }
        if (init.pathname() != null) {
            rPathname = init.pathname();
            if (baseURL != null && !baseURL.hasOpaquePath() && !isAbsolutePathname(rPathname, type)) {
                String baseURLPath = processBaseUrlString(DummyUrl.serializePath(baseURL), type);
                int slashIndex = baseURLPath.lastIndexOf('/');
                if (slashIndex >= 0) {
                    rPathname = baseURLPath.substring(0, slashIndex + 1) + rPathname;
                }
            }
            if (type != InitType.PATTERN) {
                rPathname = isSpecialScheme(resultProtocolString) || resultProtocolString.isEmpty()
                        ? Canonicalizer.pathname(rPathname) : Canonicalizer.opaquePathname(rPathname);
            }
        }
        if (init.search() != null) {
            String strippedValue = init.search().startsWith("?") ? init.search().substring(1) : init.search();
            rSearch = type == InitType.PATTERN ? strippedValue : Canonicalizer.search(strippedValue);
        }
        if (init.hash() != null) {
            String strippedValue = init.hash().startsWith("#") ? init.hash().substring(1) : init.hash();
            rHash = type == InitType.PATTERN ? strippedValue : Canonicalizer.hash(strippedValue);
        }
        return new UrlPatternInit(rProtocol, rUsername, rPassword, rHostname, rPort, rPathname, rSearch, rHash, null);
    }

    /** Implements process a base URL string (https://urlpattern.spec.whatwg.org/#process-a-base-url-string). */
    private static String processBaseUrlString(String input, InitType type) {
        return type != InitType.PATTERN ? input : PatternStringGenerator.escapePatternString(input);
    }

    /** Implements is an absolute pathname (https://urlpattern.spec.whatwg.org/#is-an-absolute-pathname). */
    private static boolean isAbsolutePathname(String input, InitType type) {
        if (input.isEmpty()) {
            return false;
        }
        if (input.charAt(0) == '/') {
            return true;
        }
        if (type == InitType.URL) {
            return false;
        }
        if (input.length() < 2) {
            return false;
        }
        return (input.charAt(0) == '\\' || input.charAt(0) == '{') && input.charAt(1) == '/';
    }

    @Override
    public String toString() {
        return "UrlPattern[protocol=" + protocol() + ", username=" + username() + ", password=" + password()
                + ", hostname=" + hostname() + ", port=" + port() + ", pathname=" + pathname() + ", search="
                + search() + ", hash=" + hash() + "]";
    }
}
