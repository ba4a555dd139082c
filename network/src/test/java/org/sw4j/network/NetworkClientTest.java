package org.sw4j.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.io.Content;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sw4j.network.NetworkException.Kind;
import org.sw4j.webapi.fetch.BodySource;

class NetworkClientTest {
    private static final long WAIT_SECONDS = 15;

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
    void getsAResponseWithStatusHeadersVersionAndBody() throws Exception {
        origin.serve("/hello", 200, Map.of("content-type", "text/plain"), "hello");

        try (NetworkResponse response = client.execute(NetworkRequest.get(origin.url("/hello")))) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.version()).isEqualTo(HttpVersion.HTTP_1_1);
            assertThat(response.url()).isEqualTo(origin.url("/hello"));
            assertThat(response.headers().first("Content-Type")).contains("text/plain");
            assertThat(response.body().length()).isEqualTo(5);
            assertThat(readAll(response.body())).isEqualTo("hello");
            assertThat(response.sentAt()).isNotNull();
            assertThat(response.receivedAt()).isAfterOrEqualTo(response.sentAt());
        }
    }

    @Test
    void downloadStreamsChunkByChunk() throws Exception {
        CountDownLatch firstChunkRead = new CountDownLatch(1);
        AtomicBoolean secondChunkWritten = new AtomicBoolean();
        origin.route("/stream", (request, response) -> {
            response.setStatus(200);
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                out.write("first".getBytes(StandardCharsets.UTF_8));
                out.flush();
                // The rest waits for the client: a client that buffered the body would never see it.
                if (!firstChunkRead.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the client never read the first chunk");
                }
                secondChunkWritten.set(true);
                out.write("second".getBytes(StandardCharsets.UTF_8));
            }
        });

        CompletableFuture<String> result = CompletableFuture.supplyAsync(() -> {
            try (NetworkResponse response = client.execute(NetworkRequest.get(origin.url("/stream")))) {
                assertThat(response.body().length()).isEqualTo(-1);
                StringBuilder text = new StringBuilder(utf8(response.body().read()));
                assertThat(text.toString()).isEqualTo("first");
                assertThat(secondChunkWritten).isFalse();
                firstChunkRead.countDown();
                text.append('|').append(readAll(response.body()));
                return text.toString();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });

        assertThat(result.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("first|second");
    }

    @Test
    void uploadOfUnknownLengthStreamsChunked() throws Exception {
        CountDownLatch serverGotFirstChunk = new CountDownLatch(1);
        AtomicReference<String> transferEncoding = new AtomicReference<>();
        origin.route("/upload", (request, response) -> {
            transferEncoding.set(request.getHeaders().get("transfer-encoding"));
            InputStream in = Content.Source.asInputStream(request);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, n);
                if (received.toString(StandardCharsets.UTF_8).startsWith("one")) {
                    serverGotFirstChunk.countDown();
                }
            }
            response.setStatus(200);
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                out.write(("got " + received.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            }
        });
        BodySource upload = new BodySource() {
            private int chunk;

            @Override
            public long length() {
                return -1;
            }

            @Override
            public ByteBuffer read() throws IOException {
                chunk++;
                if (chunk == 1) {
                    return ByteBuffer.wrap("one,".getBytes(StandardCharsets.UTF_8));
                }
                if (chunk == 2) {
                    // The second chunk exists only once the server has the first: a buffered upload stalls.
                    try {
                        if (!serverGotFirstChunk.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                            throw new IOException("the server never received the first chunk");
                        }
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                    return ByteBuffer.wrap("two".getBytes(StandardCharsets.UTF_8));
                }
                return null;
            }

            @Override
            public void close() {
            }
        };

        NetworkRequest request = NetworkRequest.builder(origin.url("/upload")).method("POST").body(upload).build();
        try (NetworkResponse response = client.execute(request)) {
            assertThat(readAll(response.body())).isEqualTo("got one,two");
        }
        assertThat(transferEncoding.get()).isEqualTo("chunked");
    }

    @Test
    void uploadOfKnownLengthSendsContentLength() throws Exception {
        AtomicReference<String> contentLength = new AtomicReference<>();
        origin.route("/upload", (request, response) -> {
            contentLength.set(request.getHeaders().get("content-length"));
            Content.Source.consumeAll(request);
            response.setStatus(204);
        });

        NetworkRequest request = NetworkRequest.builder(origin.url("/upload")).method("PUT")
                .body(BodySource.of("12345".getBytes(StandardCharsets.UTF_8))).build();
        try (NetworkResponse response = client.execute(request)) {
            assertThat(response.status()).isEqualTo(204);
        }
        assertThat(contentLength.get()).isEqualTo("5");
    }

    @Test
    void headerOrderAndRepeatedValuesArePreserved() throws Exception {
        AtomicReference<List<String>> sent = new AtomicReference<>();
        origin.route("/headers", (request, response) -> {
            sent.set(request.getHeaders().getValuesList("x-multi"));
            response.setStatus(200);
            response.getHeaders().add("set-cookie", "a=1");
            response.getHeaders().add("set-cookie", "b=2");
            response.getHeaders().add("X-Order", "first");
            response.getHeaders().add("x-order", "second");
            response.getHeaders().add("x-order", "third");
        });

        NetworkRequest request = NetworkRequest.builder(origin.url("/headers"))
                .header("X-Multi", "1").header("x-multi", "2").header("X-MULTI", "3").build();
        try (NetworkResponse response = client.execute(request)) {
            assertThat(response.headers().values("set-cookie")).containsExactly("a=1", "b=2");
            assertThat(response.headers().values("x-order")).containsExactly("first", "second", "third");
            assertThat(response.headers().asList()).allSatisfy(field ->
                    assertThat(field.name()).isLowerCase());
        }
        assertThat(sent.get()).containsExactly("1", "2", "3");
    }

    @Test
    void headersTheTransportManagesAreDropped() throws Exception {
        origin.serve("/x", 200, Map.of(), "x");
        NetworkRequest request = NetworkRequest.builder(origin.url("/x"))
                .header("Host", "evil.example").header("Connection", "close").header("Content-Length", "99")
                .header("Upgrade", "h2c").header("Expect", "100-continue").build();

        try (NetworkResponse response = client.execute(request)) {
            assertThat(response.status()).isEqualTo(200);
        }
        assertThat(origin.received().getFirst().headers().get("host")).startsWith("127.0.0.1:");
    }

    @Test
    void statusesWithoutBodyAndHead() throws Exception {
        origin.serve("/none", 204, Map.of(), "");
        origin.serve("/same", 304, Map.of("etag", "\"v1\""), "");
        origin.serve("/page", 200, Map.of("content-type", "text/html"), "<p>page</p>");

        try (NetworkResponse response = client.execute(NetworkRequest.get(origin.url("/none")))) {
            assertThat(response.status()).isEqualTo(204);
            assertThat(response.body().length()).isZero();
            assertThat(response.body().read()).isNull();
        }
        try (NetworkResponse response = client.execute(NetworkRequest.get(origin.url("/same")))) {
            assertThat(response.status()).isEqualTo(304);
            assertThat(response.headers().first("etag")).contains("\"v1\"");
            assertThat(response.body().read()).isNull();
        }
        NetworkRequest head = NetworkRequest.builder(origin.url("/page")).method("HEAD").build();
        try (NetworkResponse response = client.execute(head)) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers().first("content-length")).contains("11");
            assertThat(response.body().length()).isZero();
            assertThat(response.body().read()).isNull();
        }
    }

    @Test
    void redirectsAreResponses() throws Exception {
        origin.serve("/old", 301, Map.of("location", "/new"), "");
        try (NetworkResponse response = client.execute(NetworkRequest.get(origin.url("/old")))) {
            assertThat(response.status()).isEqualTo(301);
            assertThat(response.headers().first("location")).contains("/new");
        }
        assertThat(origin.received()).hasSize(1);
    }

    @Test
    void abortBeforeTheHeadFailsThePendingCall() throws Exception {
        CountDownLatch requested = new CountDownLatch(1);
        origin.route("/slow", (request, response) -> {
            requested.countDown();
            release.await(WAIT_SECONDS, TimeUnit.SECONDS);
            response.setStatus(200);
        });
        Call call = client.newCall(NetworkRequest.get(origin.url("/slow")));
        CompletableFuture<NetworkResponse> pending = call.executeAsync();
        assertThat(requested.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        call.abort();

        assertThatThrownBy(() -> pending.get(WAIT_SECONDS, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(NetworkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.ABORTED);
                    assertThat(e.getMessage()).startsWith("aborted: GET ");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(WAIT_SECONDS));
        assertThat(call.isAborted()).isTrue();
    }

    @Test
    void abortBeforeExecuteFailsAtOnce() {
        Call call = client.newCall(NetworkRequest.get(origin.url("/never")));
        call.abort();
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(NetworkException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.ABORTED));
        assertThat(origin.received()).isEmpty();
    }

    @Test
    void abortMidBodyFailsThePendingRead() throws Exception {
        origin.route("/half", (request, response) -> {
            response.setStatus(200);
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                out.write("half".getBytes(StandardCharsets.UTF_8));
                out.flush();
                release.await(WAIT_SECONDS, TimeUnit.SECONDS);
                out.write("rest".getBytes(StandardCharsets.UTF_8));
            }
        });
        Call call = client.newCall(NetworkRequest.get(origin.url("/half")));
        NetworkResponse response = call.execute();
        assertThat(utf8(response.body().read())).isEqualTo("half");
        CompletableFuture<ByteBuffer> pendingRead = CompletableFuture.supplyAsync(() -> {
            try {
                return response.body().read();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(100);
        call.abort();

        assertThatThrownBy(() -> pendingRead.get(WAIT_SECONDS, TimeUnit.SECONDS))
                .cause().cause().isInstanceOfSatisfying(NetworkException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.ABORTED));
        assertThatThrownBy(() -> response.body().read()).isInstanceOfSatisfying(NetworkException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.ABORTED));
    }

    @Test
    void cancellingTheAsyncFutureAborts() throws Exception {
        CountDownLatch requested = new CountDownLatch(1);
        origin.route("/slow", (request, response) -> {
            requested.countDown();
            release.await(WAIT_SECONDS, TimeUnit.SECONDS);
        });
        Call call = client.newCall(NetworkRequest.get(origin.url("/slow")));
        CompletableFuture<NetworkResponse> pending = call.executeAsync();
        assertThat(requested.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        pending.cancel(true);
        assertThat(call.isAborted()).isTrue();
    }

    @Test
    void refusedConnection() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThatThrownBy(() -> client.execute(NetworkRequest.get("http://127.0.0.1:" + port + "/")))
                .isInstanceOfSatisfying(NetworkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CONNECTION_REFUSED);
                    assertThat(e.getMessage()).isEqualTo("connection refused: 127.0.0.1:" + port);
                    assertThat(e.isSimulated()).isFalse();
                });
    }

    @Test
    void unknownHost() {
        // ".invalid" never resolves (RFC 6761); the resolver answers at once.
        assertThatThrownBy(() -> client.execute(NetworkRequest.builder("http://no-such-host.invalid/")
                .timeout(Duration.ofSeconds(10)).build()))
                .isInstanceOfSatisfying(NetworkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.DNS);
                    assertThat(e.getMessage()).isEqualTo("cannot resolve host: no-such-host.invalid");
                });
    }

    @Test
    void connectionResetBeforeTheHead() throws Exception {
        try (RawServer server = new RawServer((socket, out) -> RawServer.reset(socket))) {
            assertThatThrownBy(() -> client.execute(NetworkRequest.get(server.url("/"))))
                    .isInstanceOfSatisfying(NetworkException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.CONNECTION_RESET);
                        assertThat(e.getMessage()).startsWith("connection closed before the response head: 127.0.0.1:");
                    });
        }
    }

    @Test
    void connectionResetMidBody() throws Exception {
        try (RawServer server = new RawServer((socket, out) -> {
            out.write(RawServer.ascii("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789"));
            out.flush();
            sleep(100);
            RawServer.reset(socket);
        })) {
            try (NetworkResponse response = client.execute(NetworkRequest.get(server.url("/")))) {
                assertThat(response.body().length()).isEqualTo(1000);
                assertThatThrownBy(() -> readAll(response.body())).isInstanceOfSatisfying(NetworkException.class,
                        e -> {
                            assertThat(e.kind()).isEqualTo(Kind.CONNECTION_RESET);
                            assertThat(e.getMessage()).startsWith("connection closed after 10 body bytes: 127.0.0.1:");
                        });
            }
        }
    }

    @Test
    void protocolError() throws Exception {
        try (RawServer server = new RawServer((socket, out) -> {
            out.write(RawServer.ascii("SMTP ready\r\n\r\n"));
            out.flush();
        })) {
            assertThatThrownBy(() -> client.execute(NetworkRequest.get(server.url("/"))))
                    .isInstanceOfSatisfying(NetworkException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.PROTOCOL));
        }
    }

    @Test
    void timeoutWaitingForTheHead() {
        origin.route("/slow", (request, response) -> release.await(WAIT_SECONDS, TimeUnit.SECONDS));
        NetworkRequest request = NetworkRequest.builder(origin.url("/slow")).timeout(Duration.ofMillis(300)).build();
        assertThatThrownBy(() -> client.execute(request)).isInstanceOfSatisfying(NetworkException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(e.getMessage()).isEqualTo("no response within 300 ms: GET " + origin.url("/slow"));
        });
    }

    @Test
    void onlyHttpAndHttpsAreSent() {
        assertThatThrownBy(() -> client.execute(NetworkRequest.get("ftp://127.0.0.1/file")))
                .isInstanceOfSatisfying(NetworkException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_REQUEST));
    }

    @Test
    void urlsTheWhatwgParserAcceptsAreSent() throws Exception {
        AtomicReference<String> target = new AtomicReference<>();
        origin.route("/a|b", (request, response) -> {
            target.set(request.getHttpURI().getPathQuery());
            response.setStatus(200);
        });
        try (NetworkResponse response = client.execute(NetworkRequest.get(origin.url("/a|b?q=[1]#frag")))) {
            assertThat(response.status()).isEqualTo(200);
        }
        assertThat(target.get()).isEqualTo("/a%7Cb?q=%5B1%5D");
    }

    @Test
    void interceptorsRunInOrderAndMayRewriteRequestsAndResponses() throws Exception {
        origin.serve("/x", 200, Map.of(), "body");
        List<String> trace = new CopyOnWriteArrayList<>();
        try (NetworkClient traced = NetworkClient.builder()
                .addInterceptor(chain -> {
                    trace.add("app");
                    NetworkResponse response = chain.proceed(chain.request().toBuilder().header("x-app", "1").build());
                    return response.toBuilder().header("x-seen", "app").build();
                })
                .addNetworkInterceptor(chain -> {
                    trace.add("network " + chain.request().headers().first("x-app").orElse("-"));
                    return chain.proceed(chain.request());
                })
                .build()) {
            try (NetworkResponse response = traced.execute(NetworkRequest.get(origin.url("/x")))) {
                assertThat(response.headers().first("x-seen")).contains("app");
                assertThat(readAll(response.body())).isEqualTo("body");
            }
        }
        assertThat(trace).containsExactly("app", "network 1");
        assertThat(origin.received().getFirst().headers()).containsEntry("x-app", "1");
    }

    @Test
    void applicationInterceptorMayAnswerWithoutTheNetwork() throws Exception {
        try (NetworkClient mocked = NetworkClient.builder()
                .addInterceptor(chain -> NetworkResponse.builder(chain.request()).status(418)
                        .body(BodySource.of("teapot".getBytes(StandardCharsets.UTF_8))).build())
                .build()) {
            try (NetworkResponse response = mocked.execute(NetworkRequest.get(origin.url("/x")))) {
                assertThat(response.status()).isEqualTo(418);
                assertThat(readAll(response.body())).isEqualTo("teapot");
            }
        }
        assertThat(origin.received()).isEmpty();
    }

    @Test
    void proceedingTwiceIsAContractViolation() {
        origin.serve("/x", 200, Map.of(), "x");
        try (NetworkClient broken = NetworkClient.builder()
                .addInterceptor(chain -> {
                    chain.proceed(chain.request()).close();
                    return chain.proceed(chain.request());
                })
                .build()) {
            assertThatThrownBy(() -> broken.execute(NetworkRequest.get(origin.url("/x"))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("called proceed() more than once");
        }
    }

    @Test
    void networkInterceptorMustProceed() {
        try (NetworkClient broken = NetworkClient.builder()
                .addNetworkInterceptor(chain -> NetworkResponse.builder(chain.request()).build())
                .build()) {
            assertThatThrownBy(() -> broken.execute(NetworkRequest.get(origin.url("/x"))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("must call proceed() exactly once");
        }
    }

    @Test
    void proceedingAfterReturningAndReturningNullAreContractViolations() throws Exception {
        origin.serve("/x", 200, Map.of(), "x");
        AtomicReference<Interceptor.Chain> kept = new AtomicReference<>();
        try (NetworkClient leaky = NetworkClient.builder()
                .addInterceptor(chain -> {
                    kept.set(chain);
                    return chain.proceed(chain.request());
                })
                .build()) {
            leaky.execute(NetworkRequest.get(origin.url("/x"))).close();
            assertThatThrownBy(() -> kept.get().proceed(kept.get().request()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("after its intercept() returned");
        }
        try (NetworkClient nulls = NetworkClient.builder().addInterceptor(chain -> null).build()) {
            assertThatThrownBy(() -> nulls.execute(NetworkRequest.get(origin.url("/x"))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("returned null");
        }
    }

    @Test
    void aCallRunsOnce() throws Exception {
        origin.serve("/x", 200, Map.of(), "x");
        Call call = client.newCall(NetworkRequest.get(origin.url("/x")));
        call.execute().close();
        assertThatThrownBy(call::execute).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already executed");
    }

    @Test
    void invalidRequestsAreRejectedWhenBuilt() {
        assertThatThrownBy(() -> NetworkRequest.get("not a url")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid URL");
        assertThatThrownBy(() -> NetworkRequest.builder("http://a.test/").method("GE T").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkRequest.builder("http://a.test/").header("x", "a\r\nb").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    static String readAll(BodySource body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 100_000; i++) {
            ByteBuffer chunk = body.read();
            if (chunk == null) {
                return out.toString(StandardCharsets.UTF_8);
            }
            byte[] bytes = new byte[chunk.remaining()];
            chunk.get(bytes);
            out.write(bytes);
        }
        throw new AssertionError("body did not end");
    }

    static String utf8(ByteBuffer chunk) {
        byte[] bytes = new byte[chunk.remaining()];
        chunk.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
