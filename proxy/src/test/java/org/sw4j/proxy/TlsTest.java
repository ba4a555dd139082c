package org.sw4j.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.network.TestOrigin;
import org.sw4j.proxy.internal.TlsKeys;

/** HTTPS: h2 and http/1.1 by ALPN, with a self-signed certificate or one from PEM files. */
class TlsTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path temp;
    final TestOrigin origin = new TestOrigin();
    ServiceWorkerProxy proxy;

    @AfterEach
    void close() {
        if (proxy != null) {
            proxy.close();
        }
        origin.close();
    }

    Path worker() throws Exception {
        return Files.writeString(temp.resolve("sw.js"), """
                self.addEventListener('fetch', (event) => {
                  if (new URL(event.request.url).pathname === '/hello') {
                    event.respondWith(new Response('hello over ' + new URL(event.request.url).protocol));
                  }
                });
                """);
    }

    /** Trusts any certificate: the test checks the proxy's TLS, not a PKI. */
    static SSLContext trustAll() throws Exception {
        X509ExtendedTrustManager any = new X509ExtendedTrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String type) {}
            public void checkServerTrusted(X509Certificate[] chain, String type) {}
            public void checkClientTrusted(X509Certificate[] chain, String type, Socket socket) {}
            public void checkServerTrusted(X509Certificate[] chain, String type, Socket socket) {}
            public void checkClientTrusted(X509Certificate[] chain, String type, SSLEngine engine) {}
            public void checkServerTrusted(X509Certificate[] chain, String type, SSLEngine engine) {}
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[] {any}, null);
        return context;
    }

    @Test
    void aSelfSignedCertificateServesH2ByAlpn() throws Exception {
        origin.serve("/", 200, Map.of("Content-Type", "text/html"), "<!doctype html>page");
        origin.serve("/moved", 302, Map.of("Location", origin.url("/")), "");
        proxy = ServiceWorkerProxy.builder(origin.origin()).worker(worker()).listen("127.0.0.1", 0).selfSigned().start();
        assertThat(proxy.publicOrigin()).startsWith("https://127.0.0.1:");
        try (HttpClient browser = HttpClient.newBuilder().sslContext(trustAll()).build()) {
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(proxy.publicOrigin() + "/"))
                    .header("Accept", "text/html").timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(page.body()).isEqualTo("<!doctype html>page");
            assertThat(page.headers().firstValue("set-cookie")).hasValueSatisfying(c -> assertThat(c).endsWith("; Secure"));
            HttpResponse<String> hello = browser.send(HttpRequest.newBuilder(URI.create(proxy.publicOrigin() + "/hello"))
                    .header("Sec-Fetch-Mode", "navigate").timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            // The worker runs as the origin: it sees the origin's http: URL.
            assertThat(hello.body()).isEqualTo("hello over http:");
            HttpResponse<String> moved = browser.send(HttpRequest.newBuilder(URI.create(proxy.publicOrigin() + "/moved"))
                    .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(moved.headers().firstValue("location")).hasValue(proxy.publicOrigin() + "/");
        }
        assertThat(origin.received()).anySatisfy(r -> assertThat(r.headers().get("x-forwarded-proto")).isEqualTo("https"));
    }

    @Test
    void aPemCertificateAndKeyServeHttp11AndH2() throws Exception {
        origin.serve("/", 200, Map.of("Content-Type", "text/html"), "<!doctype html>page");
        TlsKeys.Loaded loaded = TlsKeys.selfSigned();
        String password = loaded.password();
        java.security.Key key = loaded.keyStore().getKey("sw4j", password.toCharArray());
        java.security.cert.Certificate certificate = loaded.keyStore().getCertificate("sw4j");
        Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes());
        Path certFile = Files.writeString(temp.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n"
                + base64.encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        Path keyFile = Files.writeString(temp.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + base64.encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        proxy = ServiceWorkerProxy.builder(origin.origin()).worker(worker()).listen("127.0.0.1", 0)
                .tls(certFile, keyFile).start();
        for (HttpClient.Version version : HttpClient.Version.values()) {
            try (HttpClient browser = HttpClient.newBuilder().version(version).sslContext(trustAll()).build()) {
                HttpResponse<String> hello = browser.send(HttpRequest.newBuilder(URI.create(proxy.publicOrigin() + "/hello"))
                        .header("Accept", "text/html").timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(hello.version()).isEqualTo(version);
                assertThat(hello.body()).isEqualTo("hello over http:");
            }
        }
    }

    @Test
    void aKeyInTheWrongFormatFailsTheStartWithHowToConvertIt() throws Exception {
        Path cert = Files.writeString(temp.resolve("cert.pem"), "not a certificate");
        Path key = Files.writeString(temp.resolve("key.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> ServiceWorkerProxy.builder(origin.origin()).worker(worker()).listen("127.0.0.1", 0)
                .tls(cert, key).start())
                .isInstanceOf(ServiceWorkerProxy.StartException.class).hasMessageContaining("cannot set up TLS");
    }
}
