package org.sw4j.network.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sw4j.network.NetworkConditions.Condition;
import org.sw4j.network.NetworkConditions.Fault;
import org.sw4j.network.NetworkConditions.HostRule;

/** The text syntax of network conditions; see {@link org.sw4j.network.NetworkConditions}. */
public final class ConditionSyntax {
    private static final String EFFECTS =
            "offline, online, latency:<duration>, throughput:<rate>, refuse, reset, reset-after:<bytes>";
    private static final String OPTIONS = "--offline, --latency <duration>, --throughput <rate>, "
            + "--network <condition>, --network-rule <host>=<condition>";

    /** What {@code fromArguments} read. */
    public record Arguments(Condition global, List<HostRule> rules) {
    }

    private ConditionSyntax() {
    }

    public static Arguments parseArguments(List<String> arguments) {
        Condition global = Condition.NORMAL;
        List<HostRule> rules = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            String option = argument;
            String value = null;
            int equals = argument.indexOf('=');
            if (argument.startsWith("--") && equals > 0) {
                option = argument.substring(0, equals);
                value = argument.substring(equals + 1);
            }
            switch (option) {
                case "--offline" -> {
                    if (value != null) {
                        throw new IllegalArgumentException("--offline takes no value, got '" + argument + "'");
                    }
                    global = global.withOffline(true);
                }
                case "--latency", "--throughput", "--network", "--network-rule" -> {
                    if (value == null) {
                        if (i + 1 >= arguments.size() || arguments.get(i + 1).startsWith("--")) {
                            throw new IllegalArgumentException(option + " needs a value, e.g. " + example(option));
                        }
                        value = arguments.get(++i);
                    }
                    switch (option) {
                        case "--latency" -> global = global.withLatency(parseDuration(value, option));
                        case "--throughput" -> global = global.withThroughput(parseRate(value, option));
                        case "--network" -> global = parseCondition(value);
                        default -> rules.add(parseRule(value));
                    }
                }
                default -> throw new IllegalArgumentException(
                        "unknown network option '" + argument + "' (expected " + OPTIONS + ")");
            }
        }
        if (global.offline() && !global.equals(Condition.OFFLINE)) {
            throw new IllegalArgumentException("--offline cannot be combined with other global conditions ("
                    + format(global.withOffline(false)) + ")");
        }
        return new Arguments(global, List.copyOf(rules));
    }

    private static String example(String option) {
        return switch (option) {
            case "--latency" -> "--latency 200ms";
            case "--throughput" -> "--throughput 500kB/s";
            case "--network" -> "--network latency:200ms,reset-after:1024";
            default -> "--network-rule 'api.test:8080=latency:300ms'";
        };
    }

    public static HostRule parseRule(String rule) {
        if (rule == null || rule.isBlank()) {
            throw new IllegalArgumentException("empty network rule (expected <host>=<condition>, e.g. example.com=offline)");
        }
        int equals = rule.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("bad network rule '" + rule
                    + "': expected <host>=<condition>, e.g. example.com=offline");
        }
        String pattern = rule.substring(0, equals).trim().toLowerCase(Locale.ROOT);
        Condition condition;
        try {
            condition = parseCondition(rule.substring(equals + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad network rule '" + rule + "': " + e.getMessage(), e);
        }
        String host = pattern;
        int port = -1;
        if (pattern.startsWith("[")) {
            int close = pattern.indexOf(']');
            if (close < 0) {
                throw badHost(rule, "an IPv6 address needs its closing ']'");
            }
            host = pattern.substring(0, close + 1);
            String rest = pattern.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw badHost(rule, "expected ':' and a port after ']'");
                }
                port = parsePort(rest.substring(1), rule);
            }
            if (!host.substring(1, host.length() - 1).matches("[0-9a-f:.]+")) {
                throw badHost(rule, "'" + host + "' is not an IPv6 address");
            }
            return new HostRule(host, port, condition);
        }
        int colon = pattern.lastIndexOf(':');
        if (colon >= 0) {
            host = pattern.substring(0, colon);
            port = parsePort(pattern.substring(colon + 1), rule);
        }
        if (host.isEmpty()) {
            throw badHost(rule, "the host is missing before '='");
        }
        String name = host.startsWith("*.") ? host.substring(2) : host;
        if (name.isEmpty() || !name.matches("[a-z0-9_-]+(\\.[a-z0-9_-]+)*\\.?")) {
            throw badHost(rule, "'" + host + "' is not a host name, IP address or *.domain pattern");
        }
        return new HostRule(host, port, condition);
    }

    private static IllegalArgumentException badHost(String rule, String why) {
        return new IllegalArgumentException("bad network rule '" + rule + "': " + why);
    }

    private static int parsePort(String text, String rule) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // Reported below.
        }
        throw badHost(rule, "bad port '" + text + "' (expected 1-65535)");
    }

    public static Condition parseCondition(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty condition (expected one or more of " + EFFECTS + ")");
        }
        boolean offline = false;
        boolean online = false;
        Duration latency = Duration.ZERO;
        long rate = 0;
        Fault fault = Fault.NONE;
        Set<String> seen = new HashSet<>();
        for (String raw : spec.split(",", -1)) {
            String effect = raw.trim();
            int colon = effect.indexOf(':');
            String name = (colon < 0 ? effect : effect.substring(0, colon)).toLowerCase(Locale.ROOT);
            String value = colon < 0 ? null : effect.substring(colon + 1).trim();
            if (!seen.add(name)) {
                throw new IllegalArgumentException("'" + name + "' given twice in '" + spec + "'");
            }
            boolean needsValue = name.equals("latency") || name.equals("throughput") || name.equals("reset-after");
            if (needsValue && (value == null || value.isEmpty())) {
                throw new IllegalArgumentException("'" + name + "' needs a value, e.g. " + switch (name) {
                    case "latency" -> "latency:200ms";
                    case "throughput" -> "throughput:500kB/s";
                    default -> "reset-after:1024";
                });
            }
            if (!needsValue && value != null) {
                throw new IllegalArgumentException("'" + name + "' takes no value, got '" + effect + "'");
            }
            switch (name) {
                case "offline" -> offline = true;
                case "online" -> online = true;
                case "latency" -> latency = parseDuration(value, "latency");
                case "throughput" -> rate = parseRate(value, "throughput");
                case "refuse", "reset", "reset-after" -> {
                    if (fault != Fault.NONE) {
                        throw new IllegalArgumentException("refuse, reset and reset-after exclude each other, got '"
                                + spec + "'");
                    }
                    fault = switch (name) {
                        case "refuse" -> Fault.REFUSE;
                        case "reset" -> Fault.RESET;
                        default -> Fault.resetAfter(parseBytes(value));
                    };
                }
                default -> throw new IllegalArgumentException("unknown condition '" + effect + "' (expected "
                        + EFFECTS + ")");
            }
        }
        if (offline && seen.size() > 1) {
            throw new IllegalArgumentException("'offline' cannot be combined with other conditions, got '" + spec + "'");
        }
        return new Condition(offline, latency, rate, fault);
    }

    public static String format(Condition condition) {
        if (condition.offline()) {
            return "offline";
        }
        List<String> effects = new ArrayList<>();
        if (!condition.latency().isZero()) {
            effects.add("latency:" + condition.latency().toMillis() + "ms");
        }
        if (condition.bytesPerSecond() > 0) {
            effects.add("throughput:" + condition.bytesPerSecond() + "B/s");
        }
        switch (condition.fault()) {
            case Fault.Refuse r -> effects.add("refuse");
            case Fault.Reset r -> effects.add("reset");
            case Fault.ResetAfter r -> effects.add("reset-after:" + r.bytes());
            case Fault.None n -> { }
        }
        return effects.isEmpty() ? "online" : String.join(",", effects);
    }

    /** "200ms", "1.5s", "0". */
    public static Duration parseDuration(String text, String what) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        try {
            if (value.endsWith("ms")) {
                return nonNegative(Duration.ofNanos(new BigDecimal(value.substring(0, value.length() - 2))
                        .movePointRight(6).longValueExact()), what, text);
            }
            if (value.endsWith("s")) {
                return nonNegative(Duration.ofNanos(new BigDecimal(value.substring(0, value.length() - 1))
                        .movePointRight(9).longValueExact()), what, text);
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException("bad " + what + " '" + text
                + "' (expected a duration such as 200ms or 1.5s)");
    }

    private static Duration nonNegative(Duration duration, String what, String text) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got '" + text + "'");
        }
        return duration;
    }

    /** "500kB/s": B, kB (1000), KiB (1024), MB, MiB, per second. */
    public static long parseRate(String text, String what) {
        String value = text.trim();
        if (value.endsWith("/s")) {
            String amount = value.substring(0, value.length() - 2);
            String[][] units = {{"KiB", "1024"}, {"MiB", "1048576"}, {"kB", "1000"}, {"KB", "1000"}, {"MB", "1000000"},
                    {"B", "1"}};
            for (String[] unit : units) {
                if (amount.endsWith(unit[0])) {
                    try {
                        BigDecimal bytes = new BigDecimal(amount.substring(0, amount.length() - unit[0].length()))
                                .multiply(new BigDecimal(unit[1]));
                        long rate = bytes.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
                        if (rate > 0) {
                            return rate;
                        }
                    } catch (ArithmeticException | NumberFormatException e) {
                        // Reported below.
                    }
                    break;
                }
            }
        }
        throw new IllegalArgumentException("bad " + what + " '" + text
                + "' (expected a positive rate such as 500kB/s; units B, kB, KiB, MB, MiB)");
    }

    private static long parseBytes(String text) {
        try {
            long bytes = Long.parseLong(text);
            if (bytes >= 0) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException("bad reset-after '" + text + "' (expected a byte count such as 1024)");
    }
}
