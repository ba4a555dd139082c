package org.sw4j.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sw4j.webapi.fetch.Header;
import org.sw4j.webapi.fetch.HeaderList;

class ForwardedHeadersTest {
    @Test
    void connectionNamesMoreHopByHopFields() {
        assertThat(ForwardedHeaders.hopByHop(List.of("close, X-Secret", " x-other ")))
                .contains("connection", "keep-alive", "te", "upgrade", "proxy-connection", "x-secret", "x-other");
    }

    @Test
    void forwardedQuotesWhatIsNotAToken() {
        assertThat(ForwardedHeaders.forwarded("127.0.0.1", "example.com", "https"))
                .isEqualTo("for=127.0.0.1;host=example.com;proto=https");
        assertThat(ForwardedHeaders.forwarded("[::1]", "localhost:8080", "http"))
                .isEqualTo("for=\"[::1]\";host=\"localhost:8080\";proto=http");
    }

    @Test
    void theOriginsUrlsBecomeTheProxys() {
        String up = "http://127.0.0.1:3000";
        String pub = "https://proxy.test";
        assertThat(ForwardedHeaders.rewrite(up + "/a?b", up, pub)).isEqualTo(pub + "/a?b");
        assertThat(ForwardedHeaders.rewrite(up, up, pub)).isEqualTo(pub);
        assertThat(ForwardedHeaders.rewrite("5; url=" + up + "/next", up, pub)).isEqualTo("5; url=" + pub + "/next");
        // Another port on the same host is another origin.
        assertThat(ForwardedHeaders.rewrite(up + "0/a", up, pub)).isEqualTo(up + "0/a");
        assertThat(ForwardedHeaders.rewrite("/relative", up, pub)).isEqualTo("/relative");
    }

    @Test
    void responsesLoseHopByHopFieldsAndKeepTheRest() {
        HeaderList headers = HeaderList.of("Connection", "X-Hop", "X-Hop", "1", "Keep-Alive", "timeout=5",
                "Set-Cookie", "a=b", "Location", "http://o.test/x", "Content-Type", "text/plain");
        assertThat(ForwardedHeaders.toClient(headers, "http://o.test", "http://p.test")).containsExactly(
                new Header("Set-Cookie", "a=b"), new Header("Location", "http://p.test/x"),
                new Header("Content-Type", "text/plain"));
    }
}
