package org.sw4j.network;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.sw4j.network.internal.ConditionSyntax;
import org.sw4j.network.internal.NetworkErrors;
import org.sw4j.network.internal.SimulatedBodies;
import org.sw4j.webapi.fetch.BodySource;
import org.sw4j.webapi.url.Url;

/**
 * Simulated network conditions, as a browser's developer tools offer them: offline, added latency,
 * limited throughput, refused and reset connections, globally and per host. A network interceptor
 * ({@link NetworkClient.Builder#addNetworkInterceptor}); every setting can change at any time from
 * any thread and applies to requests that start afterwards.
 *
 * <p>A request gets one {@link Condition}: that of the most specific {@link HostRule} matching its
 * URL ({@code host:port}, then {@code host}, then the longest {@code *.suffix}), else the global
 * one. A rule replaces the global condition for its hosts, it does not add to it: with
 * {@code --offline --network-rule 'api.test=online'} only {@code api.test} can be reached. The
 * effects, in the order they apply:
 * <ol>
 *   <li>offline: the request fails at once as {@link NetworkException.Kind#OFFLINE}; nothing is sent;
 *   <li>latency: the request waits this long before it is sent (failing as TIMEOUT when the
 *       request's timeout is shorter, as ABORTED when the call is aborted meanwhile);
 *   <li>refuse: the request fails as CONNECTION_REFUSED; nothing is sent;
 *   <li>reset: the request is sent, its response discarded, and the call fails as CONNECTION_RESET
 *       (the server did see the request, as when a real connection dies);
 *   <li>reset-after:N: the response arrives, and reading its body fails as CONNECTION_RESET after N
 *       bytes;
 *   <li>throughput: the body is delivered no faster than this many bytes per second.
 * </ol>
 * Simulated errors say "(simulated)" at the end of their message.
 *
 * <p><b>Online state.</b> {@link #isOnline()} is the global condition's: host rules do not change
 * it, as a browser's {@code navigator.onLine} does not depend on which site one talks to.
 * {@link OnlineListener}s hear every change of it, on the thread that made the change, in order.
 *
 * <p><b>Text syntax</b>, for command lines ({@link #fromArguments}, {@link Condition#parse},
 * {@link HostRule#parse}):
 * <pre>
 * rule      = host-pattern "=" condition        e.g. api.test:8080=latency:300ms,reset-after:1024
 * host-pattern = host | host ":" port | "*." domain   (IPv6 in brackets: [::1]:8080)
 * condition = effect *("," effect)
 * effect    = "online" | "offline" | "latency:" duration | "throughput:" rate
 *           | "refuse" | "reset" | "reset-after:" bytes
 * duration  = number ("ms" | "s")               e.g. 200ms, 1.5s, or 0
 * rate      = number ("B" | "kB" | "KiB" | "MB" | "MiB") "/s"   e.g. 500kB/s
 * bytes     = digits
 * </pre>
 * "offline" stands alone; at most one of refuse, reset and reset-after; each effect at most once.
 */
public final class NetworkConditions implements Interceptor {
    /** What happens to the connection, if anything. */
    public sealed interface Fault {
        Fault NONE = new None();
        Fault REFUSE = new Refuse();
        Fault RESET = new Reset();

        static Fault resetAfter(long bytes) {
            return new ResetAfter(bytes);
        }

        /** The connection works. */
        record None() implements Fault {
        }

        /** Connections are refused. */
        record Refuse() implements Fault {
        }

        /** The connection is reset before the response head. */
        record Reset() implements Fault {
        }

        /** The connection is reset after {@code bytes} bytes of the response body. */
        record ResetAfter(long bytes) implements Fault {
            public ResetAfter {
                if (bytes < 0) {
                    throw new IllegalArgumentException("reset-after needs a byte count >= 0, got " + bytes);
                }
            }
        }
    }

    /**
     * The conditions one request meets.
     *
     * @param offline fail without touching the network
     * @param latency added before the request is sent; zero for none
     * @param bytesPerSecond the body's throughput limit; 0 for none
     * @param fault a connection failure, or {@link Fault#NONE}
     */
    public record Condition(boolean offline, Duration latency, long bytesPerSecond, Fault fault) {
        /** The network as it is. */
        public static final Condition NORMAL = new Condition(false, Duration.ZERO, 0, Fault.NONE);
        /** No network at all. */
        public static final Condition OFFLINE = new Condition(true, Duration.ZERO, 0, Fault.NONE);

        public Condition {
            Objects.requireNonNull(latency, "latency");
            Objects.requireNonNull(fault, "fault");
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative: " + latency);
            }
            if (bytesPerSecond < 0) {
                throw new IllegalArgumentException("throughput must not be negative: " + bytesPerSecond);
            }
        }

        /**
         * Parses the condition syntax of the class comment, e.g. {@code "latency:200ms,reset-after:1024"}.
         *
         * @throws IllegalArgumentException with a message saying what is wrong and what was expected
         */
        public static Condition parse(String spec) {
            return ConditionSyntax.parseCondition(spec);
        }

        public Condition withOffline(boolean offline) {
            return new Condition(offline, latency, bytesPerSecond, fault);
        }

        public Condition withLatency(Duration latency) {
            return new Condition(offline, latency, bytesPerSecond, fault);
        }

        public Condition withThroughput(long bytesPerSecond) {
            return new Condition(offline, latency, bytesPerSecond, fault);
        }

        public Condition withFault(Fault fault) {
            return new Condition(offline, latency, bytesPerSecond, fault);
        }

        /** The condition in the text syntax, which {@link #parse} reads back. */
        @Override
        public String toString() {
            return ConditionSyntax.format(this);
        }
    }

    /**
     * A condition for the requests to some hosts.
     *
     * @param host a lower-case host name, IP address (IPv6 in brackets) or {@code *.domain} pattern
     * @param port the port, or -1 for any
     */
    public record HostRule(String host, int port, Condition condition) {
        public HostRule {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(condition, "condition");
            host = host.toLowerCase(Locale.ROOT);
            if (port < -1 || port == 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        /**
         * Parses {@code host-pattern=condition}, e.g. {@code "api.test:8080=latency:300ms"}.
         *
         * @throws IllegalArgumentException with a message saying what is wrong
         */
        public static HostRule parse(String rule) {
            return ConditionSyntax.parseRule(rule);
        }

        /** The pattern as it is written before the "=": {@code host}, {@code host:port}, {@code *.domain}. */
        public String pattern() {
            return port < 0 ? host : host + ":" + port;
        }

        @Override
        public String toString() {
            return pattern() + "=" + condition;
        }
    }

    /** Hears changes of {@link #isOnline()}. */
    @FunctionalInterface
    public interface OnlineListener {
        void onlineChanged(boolean online);
    }

    /** The settings, replaced whole on every change so that requests read a consistent snapshot. */
    private record State(Condition global, Map<String, HostRule> rules) {
    }

    private final Object writeLock = new Object();
    private final List<OnlineListener> listeners = new CopyOnWriteArrayList<>();
    private volatile State state = new State(Condition.NORMAL, Map.of());

    private NetworkConditions() {
    }

    /** Conditions that change nothing until told to. */
    public static NetworkConditions create() {
        return new NetworkConditions();
    }

    /**
     * Conditions from command-line arguments: {@code --offline}, {@code --latency <duration>},
     * {@code --throughput <rate>}, {@code --network <condition>} (the global condition),
     * {@code --network-rule <rule>} (repeatable); values follow as the next argument or after "=".
     *
     * @throws IllegalArgumentException for an unknown option, a missing value, or bad syntax
     */
    public static NetworkConditions fromArguments(List<String> arguments) {
        NetworkConditions conditions = create();
        ConditionSyntax.Arguments parsed = ConditionSyntax.parseArguments(arguments);
        conditions.setGlobal(parsed.global());
        parsed.rules().forEach(conditions::putRule);
        return conditions;
    }

    // -------------------------------------------------------------------------------------------
    // Global state

    /** Whether the network is online: the global condition is not offline. */
    public boolean isOnline() {
        return !state.global().offline();
    }

    public void setOnline(boolean online) {
        update(s -> new State(s.global().withOffline(!online), s.rules()));
    }

    public Condition global() {
        return state.global();
    }

    public void setGlobal(Condition condition) {
        Objects.requireNonNull(condition, "condition");
        update(s -> new State(condition, s.rules()));
    }

    public void setLatency(Duration latency) {
        Objects.requireNonNull(latency, "latency");
        update(s -> new State(s.global().withLatency(latency), s.rules()));
    }

    public void setThroughput(long bytesPerSecond) {
        update(s -> new State(s.global().withThroughput(bytesPerSecond), s.rules()));
    }

    public void setFault(Fault fault) {
        Objects.requireNonNull(fault, "fault");
        update(s -> new State(s.global().withFault(fault), s.rules()));
    }

    // -------------------------------------------------------------------------------------------
    // Host rules

    /** Adds a rule, replacing one with the same pattern. */
    public void putRule(HostRule rule) {
        Objects.requireNonNull(rule, "rule");
        update(s -> {
            Map<String, HostRule> rules = new LinkedHashMap<>(s.rules());
            rules.put(rule.pattern(), rule);
            return new State(s.global(), Map.copyOf(rules));
        });
    }

    /** Adds a rule from its text, e.g. {@code "example.com=offline"}. */
    public void putRule(String rule) {
        putRule(HostRule.parse(rule));
    }

    /** Removes the rule with this pattern ({@code host}, {@code host:port} or {@code *.domain}). */
    public void removeRule(String pattern) {
        String key = pattern.toLowerCase(Locale.ROOT);
        update(s -> {
            Map<String, HostRule> rules = new LinkedHashMap<>(s.rules());
            rules.remove(key);
            return new State(s.global(), Map.copyOf(rules));
        });
    }

    public void clearRules() {
        update(s -> new State(s.global(), Map.of()));
    }

    public List<HostRule> rules() {
        return List.copyOf(state.rules().values());
    }

    /** The condition a request for {@code url} meets now. */
    public Condition conditionFor(String url) {
        return conditionFor(Url.parse(url));
    }

    private Condition conditionFor(Url url) {
        State snapshot = state;
        if (snapshot.rules().isEmpty() || url.hostname() == null) {
            return snapshot.global();
        }
        String host = url.hostname();
        String port = url.port().isEmpty() ? defaultPort(url.scheme()) : url.port();
        HostRule rule = snapshot.rules().get(host + ":" + port);
        if (rule == null) {
            rule = snapshot.rules().get(host);
        }
        if (rule == null) {
            // The longest "*.suffix" first: try the host's own suffixes from the left.
            for (int dot = host.indexOf('.'); dot >= 0 && rule == null; dot = host.indexOf('.', dot + 1)) {
                String suffix = "*" + host.substring(dot);
                rule = snapshot.rules().get(suffix + ":" + port);
                if (rule == null) {
                    rule = snapshot.rules().get(suffix);
                }
            }
        }
        return rule != null ? rule.condition() : snapshot.global();
    }

    private static String defaultPort(String scheme) {
        return switch (scheme) {
            case "https", "wss" -> "443";
            case "http", "ws" -> "80";
            case "ftp" -> "21";
            default -> "";
        };
    }

    // -------------------------------------------------------------------------------------------
    // Listeners

    /**
     * Adds a listener for changes of {@link #isOnline()}; it runs on the thread that changed the
     * state, and should be quick (changes wait for it). Close the handle to remove it.
     */
    public Call.Registration addOnlineListener(OnlineListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void update(java.util.function.UnaryOperator<State> change) {
        synchronized (writeLock) {
            State before = state;
            State after = change.apply(before);
            state = after;
            boolean online = !after.global().offline();
            if (online != !before.global().offline()) {
                for (OnlineListener listener : listeners) {
                    listener.onlineChanged(online);
                }
            }
        }
    }

    // -------------------------------------------------------------------------------------------
    // The interceptor

    @Override
    public NetworkResponse intercept(Chain chain) throws IOException {
        NetworkRequest request = chain.request();
        Url url = request.parsedUrl();
        Condition condition = conditionFor(url);
        if (condition.equals(Condition.NORMAL)) {
            return chain.proceed(request);
        }
        String address = url.hostname() == null ? url.href() : NetworkErrors.address(url);
        if (condition.offline()) {
            throw NetworkException.simulated(NetworkException.Kind.OFFLINE, "offline: cannot " + request);
        }
        if (!condition.latency().isZero()) {
            delay(condition.latency(), chain.call(), request);
        }
        Fault fault = condition.fault();
        if (fault instanceof Fault.Refuse) {
            throw NetworkException.simulated(NetworkException.Kind.CONNECTION_REFUSED, "connection refused: " + address);
        }
        NetworkResponse response = chain.proceed(request);
        if (fault instanceof Fault.Reset) {
            response.close();
            throw NetworkException.simulated(NetworkException.Kind.CONNECTION_RESET,
                    "connection closed before the response head: " + address);
        }
        BodySource body = response.body();
        if (condition.bytesPerSecond() > 0) {
            body = SimulatedBodies.throttled(body, condition.bytesPerSecond(), chain.call());
        }
        if (fault instanceof Fault.ResetAfter resetAfter) {
            body = SimulatedBodies.resetAfter(body, resetAfter.bytes(), address);
        }
        return body == response.body() ? response : response.toBuilder().body(body).build();
    }

    private static void delay(Duration latency, Call call, NetworkRequest request) throws NetworkException {
        Duration wait = latency;
        boolean timesOut = request.timeout() != null && request.timeout().compareTo(latency) <= 0;
        if (timesOut) {
            wait = request.timeout();
        }
        CountDownLatch aborted = new CountDownLatch(1);
        try (Call.Registration ignored = call.onAbort(aborted::countDown)) {
            if (aborted.await(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new NetworkException(NetworkException.Kind.ABORTED, "aborted: " + request);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkException(NetworkException.Kind.ABORTED, "interrupted: " + request, e);
        }
        if (timesOut) {
            throw NetworkException.simulated(NetworkException.Kind.TIMEOUT,
                    "no response within " + request.timeout().toMillis() + " ms: " + request);
        }
    }

    @Override
    public String toString() {
        State snapshot = state;
        List<String> parts = new ArrayList<>();
        parts.add("global=" + snapshot.global());
        snapshot.rules().values().forEach(rule -> parts.add(rule.toString()));
        return "NetworkConditions" + parts;
    }
}
