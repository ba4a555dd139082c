package org.sw4j.core.routing;

import java.util.ArrayList;
import java.util.List;
import org.sw4j.webapi.fetch.RequestDestination;
import org.sw4j.webapi.fetch.RequestMode;
import org.sw4j.webapi.urlpattern.UrlPattern;
import org.sw4j.webapi.urlpattern.UrlPatternInit;
import org.sw4j.webapi.urlpattern.UrlPatternOptions;

/**
 * The text form of a version's router rules that registration stores keep verbatim
 * ({@code StoredVersion.routerRules}); {@code ""} is no rules.
 *
 * <p>Format, version 1: {@code "R1"} then each rule as its source then its condition, with no
 * separators. A string is its length in UTF-16 units, {@code ':'}, then its characters, so no
 * character needs escaping. A count is written the same way as a string of digits' value:
 * {@code <n>:}.
 * <pre>
 * source    := 'n' (network) | 'e' (fetch-event) | 'r' (race-network-and-fetch-handler)
 *            | 'c' (cache, any) | 'C' string (cache named)
 * condition := 'u' string{8} ('0'|'1')   urlPattern: protocol, username, password, hostname,
 *                                          port, pathname, search, hash patterns; ignoreCase
 *            | 'm' string                 requestMethod (normalized)
 *            | 'o' string                 requestMode
 *            | 'd' string                 requestDestination ("" is one)
 *            | 's' ('r'|'n')              runningStatus
 *            | '&amp;' count condition*      several members, all must match
 *            | '|' count condition*      or
 *            | '!' condition              not
 * </pre>
 * A URL pattern is stored as its component pattern strings, which it is rebuilt from (a verified
 * pattern has no regexp groups). A text of another version, or one that does not parse, is
 * rejected with {@link IllegalArgumentException}.
 */
public final class RouterRulesCodec {
    private static final String MAGIC = "R1";

    private RouterRulesCodec() {
    }

    /** The text form of {@code rules}; {@code ""} for none. */
    public static String encode(List<RouterRule> rules) {
        if (rules.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(MAGIC);
        for (RouterRule rule : rules) {
            encode(out, rule.source());
            encode(out, rule.condition());
        }
        return out.toString();
    }

    /** The rules of a text made by {@link #encode}. */
    public static List<RouterRule> decode(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        if (!text.startsWith(MAGIC)) {
            throw new IllegalArgumentException("not router rules of format " + MAGIC + ": "
                    + text.substring(0, Math.min(8, text.length())));
        }
        Reader in = new Reader(text, MAGIC.length());
        List<RouterRule> rules = new ArrayList<>();
        while (!in.atEnd()) {
            RouterSource source = in.source();
            rules.add(new RouterRule(in.condition(), source));
        }
        return List.copyOf(rules);
    }

    private static void encode(StringBuilder out, RouterSource source) {
        switch (source) {
            case RouterSource.Network network -> out.append('n');
            case RouterSource.FetchEvent fetchEvent -> out.append('e');
            case RouterSource.RaceNetworkAndFetchHandler race -> out.append('r');
            case RouterSource.Cache cache -> {
                if (cache.cacheName() == null) {
                    out.append('c');
                } else {
                    string(out.append('C'), cache.cacheName());
                }
            }
        }
    }

    private static void encode(StringBuilder out, RouterCondition condition) {
        switch (condition) {
            case RouterCondition.UrlPatternIs urlPattern -> {
                UrlPattern pattern = urlPattern.pattern();
                out.append('u');
                for (String component : List.of(pattern.protocol(), pattern.username(), pattern.password(),
                        pattern.hostname(), pattern.port(), pattern.pathname(), pattern.search(), pattern.hash())) {
                    string(out, component);
                }
                out.append(pattern.ignoreCase() ? '1' : '0');
            }
            case RouterCondition.RequestMethodIs method -> string(out.append('m'), method.method());
            case RouterCondition.RequestModeIs mode -> string(out.append('o'), mode.mode().jsName());
            case RouterCondition.RequestDestinationIs destination ->
                    string(out.append('d'), destination.destination().jsName());
            case RouterCondition.RunningStatusIs status ->
                    out.append('s').append(status.status() == RunningStatus.RUNNING ? 'r' : 'n');
            case RouterCondition.All all -> {
                out.append('&').append(all.conditions().size()).append(':');
                all.conditions().forEach(member -> encode(out, member));
            }
            case RouterCondition.Or or -> {
                out.append('|').append(or.conditions().size()).append(':');
                or.conditions().forEach(member -> encode(out, member));
            }
            case RouterCondition.Not not -> encode(out.append('!'), not.condition());
        }
    }

    private static void string(StringBuilder out, String value) {
        out.append(value.length()).append(':').append(value);
    }

    /** A cursor over the text. */
    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text, int at) {
            this.text = text;
            this.at = at;
        }

        boolean atEnd() {
            return at >= text.length();
        }

        char next() {
            if (atEnd()) {
                throw new IllegalArgumentException("router rules text ends early");
            }
            return text.charAt(at++);
        }

        int count() {
            int colon = text.indexOf(':', at);
            if (colon < 0) {
                throw new IllegalArgumentException("a count at " + at + " has no ':'");
            }
            int value;
            try {
                value = Integer.parseInt(text.substring(at, colon));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a bad count at " + at);
            }
            at = colon + 1;
            return value;
        }

        String string() {
            int length = count();
            if (length < 0 || at + length > text.length()) {
                throw new IllegalArgumentException("a string at " + at + " runs past the end");
            }
            String value = text.substring(at, at + length);
            at += length;
            return value;
        }

        RouterSource source() {
            char tag = next();
            return switch (tag) {
                case 'n' -> RouterSource.NETWORK;
                case 'e' -> RouterSource.FETCH_EVENT;
                case 'r' -> RouterSource.RACE_NETWORK_AND_FETCH_HANDLER;
                case 'c' -> new RouterSource.Cache(null);
                case 'C' -> new RouterSource.Cache(string());
                default -> throw new IllegalArgumentException("unknown router source '" + tag + "'");
            };
        }

        RouterCondition condition() {
            char tag = next();
            return switch (tag) {
                case 'u' -> {
                    String[] parts = new String[8];
                    for (int i = 0; i < parts.length; i++) {
                        parts[i] = string();
                    }
                    boolean ignoreCase = next() == '1';
                    UrlPatternInit init = new UrlPatternInit(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5],
                            parts[6], parts[7], null);
                    yield new RouterCondition.UrlPatternIs(new UrlPattern(init, new UrlPatternOptions(ignoreCase)));
                }
                case 'm' -> new RouterCondition.RequestMethodIs(string());
                case 'o' -> new RouterCondition.RequestModeIs(known(RequestMode.fromJs(string()), "requestMode"));
                case 'd' -> new RouterCondition.RequestDestinationIs(
                        known(RequestDestination.fromJs(string()), "requestDestination"));
                case 's' -> new RouterCondition.RunningStatusIs(next() == 'r' ? RunningStatus.RUNNING
                        : RunningStatus.NOT_RUNNING);
                case '&' -> new RouterCondition.All(conditions());
                case '|' -> new RouterCondition.Or(conditions());
                case '!' -> new RouterCondition.Not(condition());
                default -> throw new IllegalArgumentException("unknown router condition '" + tag + "'");
            };
        }

        private List<RouterCondition> conditions() {
            int size = count();
            List<RouterCondition> conditions = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                conditions.add(condition());
            }
            return conditions;
        }

        private static <T> T known(T value, String what) {
            if (value == null) {
                throw new IllegalArgumentException("unknown " + what);
            }
            return value;
        }
    }
}
