package org.sw4j.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sw4j.network.NetworkClientTest.readAll;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sw4j.network.NetworkConditions.Condition;
import org.sw4j.network.NetworkConditions.Fault;
import org.sw4j.network.NetworkConditions.HostRule;
import org.sw4j.network.NetworkException.Kind;

class NetworkConditionsTest {
    private final TestOrigin origin = new TestOrigin()
            .serve("/ten", 200, Map.of("content-type", "text/plain"), "0123456789");
    private final NetworkConditions conditions = NetworkConditions.create();
    private final NetworkClient client = NetworkClient.builder().addNetworkInterceptor(conditions).build();

    @AfterEach
    void tearDown() {
        client.close();
        origin.close();
    }

    @Test
    void offlineFailsEveryRequestWithoutTouchingTheNetwork() throws Exception {
        conditions.setOnline(false);

        assertThatThrownBy(() -> client.execute(NetworkRequest.get(origin.url("/ten"))))
                .isInstanceOfSatisfying(NetworkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.OFFLINE);
                    assertThat(e.isSimulated()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("offline: cannot GET " + origin.url("/ten") + " (simulated)");
                });
        assertThat(origin.received()).isEmpty();

        conditions.setOnline(true);
        try (NetworkResponse response = client.execute(NetworkRequest.get(origin.url("/ten")))) {
            assertThat(readAll(response.body())).isEqualTo("0123456789");
        }
    }

    @Test
    void latencyDelaysTheRequest() throws Exception {
        conditions.setLatency(Duration.ofMillis(300));
        long start = System.nanoTime();
        try (NetworkResponse response = client.execute(NetworkRequest.get(origin.url("/ten")))) {
            assertThat(response.status()).isEqualTo(200);
        }
        // Only a lower bound: the box is slow, so the upper one would be flaky.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(280));
    }

    @Test
    void latencyLongerThanTheTimeoutTimesOutAndAbortingWakesIt() throws Exception {
        conditions.setLatency(Duration.ofSeconds(30));
        NetworkRequest quick = NetworkRequest.builder(origin.url("/ten")).timeout(Duration.ofMillis(200)).build();
        assertThatThrownBy(() -> client.execute(quick)).isInstanceOfSatisfying(NetworkException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));

        Call call = client.newCall(NetworkRequest.get(origin.url("/ten")));
        CompletableFuture<NetworkResponse> pending = call.executeAsync();
        Thread.sleep(100);
        call.abort();
        assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.kind()).isEqualTo(Kind.ABORTED));
        assertThat(origin.received()).isEmpty();
    }

    @Test
    void refusedConnectionsNeverReachTheServer() {
        conditions.setFault(Fault.REFUSE);
        assertThatThrownBy(() -> client.execute(NetworkRequest.get(origin.url("/ten"))))
                .isInstanceOfSatisfying(NetworkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CONNECTION_REFUSED);
                    assertThat(e.getMessage()).isEqualTo("connection refused: " + origin.origin().substring(7)
                            + " (simulated)");
                });
        assertThat(origin.received()).isEmpty();
    }

    @Test
    void resetBeforeTheHeadAfterTheServerSawTheRequest() {
        conditions.setFault(Fault.RESET);
        assertThatThrownBy(() -> client.execute(NetworkRequest.get(origin.url("/ten"))))
                .isInstanceOfSatisfying(NetworkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CONNECTION_RESET);
                    assertThat(e.getMessage()).startsWith("connection closed before the response head");
                });
        assertThat(origin.received()).hasSize(1);
    }

    @Test
    void resetAfterSomeBodyBytes() throws Exception {
        conditions.setFault(Fault.resetAfter(4));
        try (NetworkResponse response = client.execute(NetworkRequest.get(origin.url("/ten")))) {
            assertThat(response.status()).isEqualTo(200);
            StringBuilder got = new StringBuilder();
            assertThatThrownBy(() -> {
                for (int i = 0; i < 20; i++) {
                    ByteBuffer chunk = response.body().read();
                    if (chunk == null) {
                        break;
                    }
                    got.append(NetworkClientTest.utf8(chunk));
                }
            }).isInstanceOfSatisfying(NetworkException.class, e -> {
                assertThat(e.kind()).isEqualTo(Kind.CONNECTION_RESET);
                assertThat(e.getMessage()).startsWith("connection closed after 4 body bytes");
            });
            assertThat(got.toString()).isEqualTo("0123");
        }
    }

    @Test
    void throughputSlowsTheBody() throws Exception {
        conditions.setThroughput(40);
        long start = System.nanoTime();
        try (NetworkResponse response = client.execute(NetworkRequest.get(origin.url("/ten")))) {
            assertThat(readAll(response.body())).isEqualTo("0123456789");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void hostRulesOverrideTheGlobalCondition() throws Exception {
        try (TestOrigin other = new TestOrigin().serve("/ten", 200, Map.of(), "other")) {
            conditions.setOnline(false);
            String port = origin.origin().substring(origin.origin().lastIndexOf(':') + 1);
            conditions.putRule("127.0.0.1:" + port + "=online");

            try (NetworkResponse response = client.execute(NetworkRequest.get(origin.url("/ten")))) {
                assertThat(response.status()).isEqualTo(200);
            }
            assertThatThrownBy(() -> client.execute(NetworkRequest.get(other.url("/ten"))))
                    .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.kind()).isEqualTo(Kind.OFFLINE));

            conditions.setOnline(true);
            conditions.putRule("127.0.0.1=refuse");
            assertThatThrownBy(() -> client.execute(NetworkRequest.get(other.url("/ten"))))
                    .isInstanceOfSatisfying(NetworkException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.CONNECTION_REFUSED));
            try (NetworkResponse response = client.execute(NetworkRequest.get(origin.url("/ten")))) {
                assertThat(response.status()).isEqualTo(200);
            }

            conditions.clearRules();
            try (NetworkResponse response = client.execute(NetworkRequest.get(other.url("/ten")))) {
                assertThat(readAll(response.body())).isEqualTo("other");
            }
        }
    }

    @Test
    void theMostSpecificRuleWins() {
        conditions.setLatency(Duration.ofMillis(1));
        conditions.putRule("*.example.com=latency:10ms");
        conditions.putRule("*.api.example.com=latency:20ms");
        conditions.putRule("v1.api.example.com=latency:30ms");
        conditions.putRule("v1.api.example.com:8443=offline");
        conditions.putRule("[::1]:8080=refuse");

        assertThat(conditions.conditionFor("https://v1.api.example.com:8443/").offline()).isTrue();
        assertThat(conditions.conditionFor("https://v1.api.example.com/").latency()).hasMillis(30);
        assertThat(conditions.conditionFor("https://v2.api.example.com/").latency()).hasMillis(20);
        assertThat(conditions.conditionFor("http://www.example.com/").latency()).hasMillis(10);
        assertThat(conditions.conditionFor("http://example.com/").latency()).hasMillis(1);
        assertThat(conditions.conditionFor("http://[::1]:8080/").fault()).isEqualTo(Fault.REFUSE);
        assertThat(conditions.conditionFor("http://[::1]/").fault()).isEqualTo(Fault.NONE);

        conditions.putRule("example.com:443=offline");
        assertThat(conditions.conditionFor("https://example.com/").offline()).isTrue();
        assertThat(conditions.conditionFor("http://example.com/").offline()).isFalse();
        conditions.removeRule("example.com:443");
        assertThat(conditions.conditionFor("https://example.com/").offline()).isFalse();
    }

    @Test
    void listenersHearChangesOfTheOnlineState() {
        List<Boolean> heard = new CopyOnWriteArrayList<>();
        Call.Registration registration = conditions.addOnlineListener(heard::add);

        conditions.setOnline(false);
        conditions.setOnline(false);
        conditions.setLatency(Duration.ofMillis(5));
        conditions.putRule("example.com=offline");
        conditions.setGlobal(Condition.parse("latency:10ms"));
        conditions.setGlobal(Condition.OFFLINE);
        registration.close();
        conditions.setOnline(true);

        assertThat(heard).containsExactly(false, true, false);
        assertThat(conditions.isOnline()).isTrue();
    }

    @Test
    void argumentsDescribeConditions() {
        NetworkConditions parsed = NetworkConditions.fromArguments(List.of(
                "--offline",
                "--network-rule", "example.com=offline",
                "--network-rule=api.test:8080=latency:300ms,reset-after:1024",
                "--network-rule", "*.cdn.test=throughput:50kB/s,refuse",
                "--network-rule", "slow.test=latency:1.5s,reset"));

        assertThat(parsed.isOnline()).isFalse();
        assertThat(parsed.rules()).containsExactlyInAnyOrder(
                new HostRule("example.com", -1, Condition.OFFLINE),
                new HostRule("api.test", 8080, new Condition(false, Duration.ofMillis(300), 0, Fault.resetAfter(1024))),
                new HostRule("*.cdn.test", -1, new Condition(false, Duration.ZERO, 50_000, Fault.REFUSE)),
                new HostRule("slow.test", -1, new Condition(false, Duration.ofMillis(1500), 0, Fault.RESET)));
        assertThat(parsed.conditionFor("http://api.test:8080/x").toString()).isEqualTo("latency:300ms,reset-after:1024");

        NetworkConditions latency = NetworkConditions.fromArguments(List.of("--latency", "200ms", "--throughput=1KiB/s"));
        assertThat(latency.isOnline()).isTrue();
        assertThat(latency.global()).isEqualTo(new Condition(false, Duration.ofMillis(200), 1024, Fault.NONE));
        assertThat(NetworkConditions.fromArguments(List.of("--network", "refuse")).global().fault())
                .isEqualTo(Fault.REFUSE);
    }

    @Test
    void conditionsRoundTripThroughText() {
        for (String text : List.of("offline", "online", "latency:200ms", "latency:5ms,throughput:1000B/s,refuse",
                "reset", "reset-after:0")) {
            assertThat(Condition.parse(text).toString()).isEqualTo(text);
        }
        assertThat(HostRule.parse("Example.COM=offline").toString()).isEqualTo("example.com=offline");
    }

    @Test
    void badInputIsExplained() {
        assertError(() -> HostRule.parse("example.com"), "bad network rule 'example.com': expected <host>=<condition>");
        assertError(() -> HostRule.parse("example.com=ofline"), "bad network rule 'example.com=ofline': unknown condition 'ofline' (expected offline, online");
        assertError(() -> HostRule.parse("=offline"), "the host is missing");
        assertError(() -> HostRule.parse("a b=offline"), "'a b' is not a host name");
        assertError(() -> HostRule.parse("api.test:99999=refuse"), "bad port '99999' (expected 1-65535)");
        assertError(() -> HostRule.parse("api.test:x=refuse"), "bad port 'x'");
        assertError(() -> HostRule.parse("[::1=refuse"), "closing ']'");
        assertError(() -> Condition.parse("latency:200"), "bad latency '200' (expected a duration such as 200ms or 1.5s)");
        assertError(() -> Condition.parse("latency:-5ms"), "latency must not be negative");
        assertError(() -> Condition.parse("latency"), "'latency' needs a value, e.g. latency:200ms");
        assertError(() -> Condition.parse("reset-after:lots"), "bad reset-after 'lots' (expected a byte count");
        assertError(() -> Condition.parse("throughput:fast"), "bad throughput 'fast'");
        assertError(() -> Condition.parse("refuse,reset"), "refuse, reset and reset-after exclude each other");
        assertError(() -> Condition.parse("offline,latency:5ms"), "'offline' cannot be combined");
        assertError(() -> Condition.parse("latency:1ms,latency:2ms"), "'latency' given twice");
        assertError(() -> Condition.parse("offline:yes"), "'offline' takes no value");
        assertError(() -> Condition.parse(""), "empty condition");
        assertError(() -> NetworkConditions.fromArguments(List.of("--latency")), "--latency needs a value, e.g. --latency 200ms");
        assertError(() -> NetworkConditions.fromArguments(List.of("--ofline")), "unknown network option '--ofline' (expected --offline");
        assertError(() -> NetworkConditions.fromArguments(List.of("--offline", "--latency", "5ms")), "--offline cannot be combined");
    }

    private static void assertError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
