package org.sw4j.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sw4j.network.NetworkClientTest.readAll;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.network.NetworkException.Kind;
import org.sw4j.webapi.fetch.BodySource;

/** What the transport does and does not do on its own, beyond one plain exchange. */
class NetworkTransportTest {
    private static final long WAIT_SECONDS = 15;
    private static final String PASSWORD = "changeit";

    private final TestOrigin origin = new TestOrigin();
    private final NetworkClient client = NetworkClient.builder().connectTimeout(Duration.ofSeconds(5)).build();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void tearDown() {
        release.countDown();
        client.close();
        origin.close();
    }

    @Test
    void addsNoHeadersOfItsOwnAndDecodesNothing() throws Exception {
        byte[] gzipped = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3};
        AtomicReference<List<String>> names = new AtomicReference<>();
        origin.route("/gz", (request, response) -> {
            List<String> seen = new ArrayList<>();
            request.getHeaders().forEach(field -> seen.add(field.getLowerCaseName()));
            names.set(seen);
            response.setStatus(200);
            response.getHeaders().put("content-encoding", "gzip");
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                out.write(gzipped);
            }
        });

        try (NetworkResponse response = client.execute(NetworkRequest.builder(origin.url("/gz"))
                .header("x-mine", "1").build())) {
            assertThat(response.headers().first("content-encoding")).contains("gzip");
            ByteBuffer body = response.body().read();
            byte[] bytes = new byte[body.remaining()];
            body.get(bytes);
            assertThat(bytes).isEqualTo(gzipped);
        }
        assertThat(names.get()).containsExactlyInAnyOrder("host", "x-mine");
    }

    @Test
    void anUploadGetsNoContentTypeOfItsOwn() throws Exception {
        AtomicReference<List<String>> names = new AtomicReference<>();
        origin.route("/put", (request, response) -> {
            List<String> seen = new ArrayList<>();
            request.getHeaders().forEach(field -> seen.add(field.getLowerCaseName()));
            names.set(seen);
            Content.Source.consumeAll(request);
            response.setStatus(204);
        });

        NetworkRequest put = NetworkRequest.builder(origin.url("/put")).method("PUT")
                .body(BodySource.of("12345".getBytes(StandardCharsets.UTF_8))).build();
        try (NetworkResponse response = client.execute(put)) {
            assertThat(response.status()).isEqualTo(204);
        }
        assertThat(names.get()).containsExactlyInAnyOrder("host", "content-length");
    }

    @Test
    void responseHeadersKeepTheirWireOrder() throws Exception {
        origin.route("/order", (request, response) -> {
            response.setStatus(200);
            response.getHeaders().add("x-b", "1");
            response.getHeaders().add("x-a", "2");
            response.getHeaders().add("x-c", "3");
            response.getHeaders().add("x-a", "4");
        });

        try (NetworkResponse response = client.execute(NetworkRequest.get(origin.url("/order")))) {
            assertThat(response.headers().asList().stream().filter(field -> field.name().startsWith("x-"))
                    .map(field -> field.name() + "=" + field.value()))
                    .containsExactly("x-b=1", "x-a=2", "x-c=3", "x-a=4");
        }
    }

    @Test
    void aTenKibBodyArrivesInOneOrTwoReads() throws Exception {
        byte[] tenKib = new byte[10 * 1024];
        Arrays.fill(tenKib, (byte) 'x');
        origin.serve("/10k", 200, Map.of(), new String(tenKib, StandardCharsets.US_ASCII));

        for (int i = 0; i < 3; i++) {
            try (NetworkResponse response = client.execute(NetworkRequest.get(origin.url("/10k")))) {
                int chunks = 0;
                int bytes = 0;
                for (ByteBuffer chunk; (chunk = response.body().read()) != null; ) {
                    chunks++;
                    bytes += chunk.remaining();
                }
                assertThat(bytes).isEqualTo(tenKib.length);
                assertThat(chunks).isBetween(1, 2);
            }
        }
    }

    @Test
    void aSmallBodyThatCameWithItsHeadHasArrivedAndReadsWhole() throws Exception {
        byte[] tenKib = new byte[10 * 1024];
        Arrays.fill(tenKib, (byte) 'y');
        origin.serve("/10k", 200, Map.of(), new String(tenKib, StandardCharsets.US_ASCII));

        try (NetworkResponse response = client.execute(NetworkRequest.get(origin.url("/10k")))) {
            // Usually at once; the body may trail its head by a packet.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (!response.body().hasArrived() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(response.body().hasArrived()).isTrue();
            assertThat(readAll(response.body())).isEqualTo(new String(tenKib, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aBodyStillOnItsWayHasNotArrivedAndWhatWasReadAheadIsReadFirst() throws Exception {
        origin.route("/half", (request, response) -> {
            response.setStatus(200);
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                out.write("first half;".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (!release.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("not released");
                }
                out.write("second half".getBytes(StandardCharsets.US_ASCII));
            }
        });

        try (NetworkResponse response = client.execute(NetworkRequest.get(origin.url("/half")))) {
            for (int i = 0; i < 20; i++) {
                assertThat(response.body().hasArrived()).isFalse();
                Thread.sleep(5);
            }
            release.countDown();
            assertThat(readAll(response.body())).isEqualTo("first half;second half");
        }
    }

    @Test
    void aBodyOverTheReadAheadLimitIsNeverSaidToHaveArrived() throws Exception {
        byte[] big = new byte[1024 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i % 251);
        }
        origin.route("/big", (request, response) -> {
            response.setStatus(200);
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                out.write(big);
            }
        });

        try (NetworkResponse response = client.execute(NetworkRequest.get(origin.url("/big")))) {
            Thread.sleep(100);
            assertThat(response.body().hasArrived()).isFalse();
            byte[] read = new byte[big.length + 1];
            int size = 0;
            for (ByteBuffer chunk; (chunk = response.body().read()) != null; ) {
                int n = chunk.remaining();
                chunk.get(read, size, n);
                size += n;
            }
            assertThat(Arrays.copyOf(read, size)).isEqualTo(big);
        }
    }

    @Test
    void connectionsAreKeptAliveAndReused() throws Exception {
        Set<String> clientAddresses = ConcurrentHashMap.newKeySet();
        origin.route("/who", (request, response) -> {
            clientAddresses.add(String.valueOf(request.getConnectionMetaData().getRemoteSocketAddress()));
            response.setStatus(200);
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                out.write("me".getBytes(StandardCharsets.UTF_8));
            }
        });

        for (int i = 0; i < 10; i++) {
            try (NetworkResponse response = client.execute(NetworkRequest.get(origin.url("/who")))) {
                assertThat(readAll(response.body())).isEqualTo("me");
            }
        }
        // A connection goes back to the pool when Jetty completes its exchange, which may be just
        // after the reader saw the body's end: a busy machine sometimes opens a second one. Without
        // keep-alive there would be ten.
        assertThat(clientAddresses).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void thirtyTwoRequestsRunAtOnce() throws Exception {
        CountDownLatch all = new CountDownLatch(32);
        origin.route("/together", (request, response) -> {
            all.countDown();
            // Every request waits for all 32: they must be on the wire at the same time.
            if (!all.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("fewer than 32 requests arrived together");
            }
            response.setStatus(204);
        });

        List<CompletableFuture<NetworkResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            calls.add(client.newCall(NetworkRequest.get(origin.url("/together"))).executeAsync());
        }
        for (CompletableFuture<NetworkResponse> call : calls) {
            try (NetworkResponse response = call.get(WAIT_SECONDS, TimeUnit.SECONDS)) {
                assertThat(response.status()).isEqualTo(204);
            }
        }
    }

    @Test
    void aBodyClosedBeforeItsEndReleasesItsConnection() throws Exception {
        origin.route("/big", (request, response) -> {
            response.setStatus(200);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                for (int i = 0; i < 64; i++) {
                    out.write(chunk);
                }
            }
        });
        origin.serve("/small", 200, Map.of(), "small");

        // More than the pool's connections per origin: each early close must give its connection back.
        for (int i = 0; i < 80; i++) {
            NetworkResponse response = client.execute(NetworkRequest.get(origin.url("/big")));
            assertThat(response.body().read()).isNotNull();
            response.close();
        }
        try (NetworkResponse response = client.execute(NetworkRequest.builder(origin.url("/small"))
                .timeout(Duration.ofSeconds(WAIT_SECONDS)).build())) {
            assertThat(readAll(response.body())).isEqualTo("small");
        }
    }

    @Test
    void closingTheClientAbortsCallsInFlight() throws Exception {
        CountDownLatch requested = new CountDownLatch(1);
        origin.route("/slow", (request, response) -> {
            requested.countDown();
            release.await(WAIT_SECONDS, TimeUnit.SECONDS);
            response.setStatus(200);
        });
        NetworkClient closing = NetworkClient.create();
        Call call = closing.newCall(NetworkRequest.get(origin.url("/slow")));
        CompletableFuture<NetworkResponse> pending = call.executeAsync();
        assertThat(requested.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        closing.close();

        assertThatThrownBy(() -> pending.get(WAIT_SECONDS, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(NetworkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.ABORTED);
                    assertThat(e.getMessage()).startsWith("client closed: GET ");
                });
    }

    @Test
    void httpsNegotiatesHttp2AndStreamsBothWays(@TempDir Path dir) throws Exception {
        Path keyStore = selfSignedKeyStore(dir);
        try (TlsOrigin tls = new TlsOrigin(keyStore, (request, response) -> {
            byte[] received = Content.Source.asInputStream(request).readAllBytes();
            response.setStatus(200);
            response.getHeaders().put("x-protocol", request.getConnectionMetaData().getProtocol());
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                out.write(("got " + new String(received, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            }
        }); NetworkClient trusting = NetworkClient.builder().sslContext(trusting(keyStore)).build()) {
            try (NetworkResponse response = trusting.execute(NetworkRequest.get(tls.url("/h2")))) {
                assertThat(response.version()).isEqualTo(HttpVersion.HTTP_2);
                assertThat(response.headers().first("x-protocol")).contains("HTTP/2.0");
                assertThat(readAll(response.body())).isEqualTo("got ");
            }
            BodySource upload = new BodySource() {
                private int chunk;

                @Override
                public long length() {
                    return -1;
                }

                @Override
                public ByteBuffer read() {
                    chunk++;
                    return chunk <= 2 ? ByteBuffer.wrap(("part" + chunk + ",").getBytes(StandardCharsets.UTF_8))
                            : null;
                }

                @Override
                public void close() {
                }
            };
            NetworkRequest post = NetworkRequest.builder(tls.url("/h2")).method("POST").body(upload).build();
            try (NetworkResponse response = trusting.execute(post)) {
                assertThat(response.version()).isEqualTo(HttpVersion.HTTP_2);
                assertThat(readAll(response.body())).isEqualTo("got part1,part2,");
            }
        }
    }

    @Test
    void httpsWithoutAlpnSpeaksHttp11(@TempDir Path dir) throws Exception {
        Path keyStore = selfSignedKeyStore(dir);
        try (TlsOrigin tls = new TlsOrigin(keyStore, false, (request, response) -> {
            response.setStatus(200);
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                out.write("plain".getBytes(StandardCharsets.UTF_8));
            }
        }); NetworkClient trusting = NetworkClient.builder().sslContext(trusting(keyStore)).build()) {
            try (NetworkResponse response = trusting.execute(NetworkRequest.get(tls.url("/")))) {
                assertThat(response.version()).isEqualTo(HttpVersion.HTTP_1_1);
                assertThat(readAll(response.body())).isEqualTo("plain");
            }
        }
    }

    @Test
    void anUntrustedCertificateIsATlsFailure(@TempDir Path dir) throws Exception {
        Path keyStore = selfSignedKeyStore(dir);
        try (TlsOrigin tls = new TlsOrigin(keyStore, (request, response) -> response.setStatus(200))) {
            assertThatThrownBy(() -> client.execute(NetworkRequest.get(tls.url("/"))))
                    .isInstanceOfSatisfying(NetworkException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.TLS);
                        assertThat(e.getMessage()).startsWith("TLS failure with 127.0.0.1:");
                    });
        }
    }

    /** A PKCS#12 key store holding a self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
    private static Path selfSignedKeyStore(Path dir) throws Exception {
        Path keyStore = dir.resolve("origin.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "origin",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(Files.exists(keyStore)).isTrue();
        return keyStore;
    }

    private static SSLContext trusting(Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** A Jetty server on 127.0.0.1 speaking h2 and HTTP/1.1 over TLS, chosen by ALPN; or HTTP/1.1 without ALPN. */
    private static final class TlsOrigin implements AutoCloseable {
        private final Server server = new Server();
        private final ServerConnector connector;

        TlsOrigin(Path keyStore, TestOrigin.Route route) throws Exception {
            this(keyStore, true, route);
        }

        TlsOrigin(Path keyStore, boolean alpnAndH2, TestOrigin.Route route) throws Exception {
            HttpConfiguration config = new HttpConfiguration();
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false);
            config.addCustomizer(secure);
            HttpConnectionFactory http11 = new HttpConnectionFactory(config);
            HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(config);
            ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
            alpn.setDefaultProtocol(http11.getProtocol());
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStorePath(keyStore.toString());
            tls.setKeyStorePassword(PASSWORD);
            tls.setKeyStoreType("PKCS12");
            connector = alpnAndH2
                    ? new ServerConnector(server, new SslConnectionFactory(tls, alpn.getProtocol()), alpn, h2, http11)
                    : new ServerConnector(server, new SslConnectionFactory(tls, http11.getProtocol()), http11);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            server.setHandler(new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) {
                    try {
                        route.handle(request, response);
                        callback.succeeded();
                    } catch (Throwable e) {
                        callback.failed(e);
                    }
                    return true;
                }
            });
            server.start();
        }

        String url(String path) {
            return "https://127.0.0.1:" + connector.getLocalPort() + path;
        }

        @Override
        public void close() throws Exception {
            server.stop();
        }
    }
}
