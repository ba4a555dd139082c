package org.sw4j.webapi.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.sw4j.webapi.fetch.IntegrityMetadata.Algorithm;

/** Subresource Integrity: parsing metadata, picking the strongest, and matching bytes. */
class IntegrityTest {
    private static final byte[] BODY = "alert('Hello, world.');".getBytes(StandardCharsets.UTF_8);

    private static String digest(String algorithm, byte[] bytes) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    @Test
    void theSpecsExampleDigest() {
        // The SRI specification's example: sha384 of "alert('Hello, world.');".
        assertThat(IntegrityMetadata.bytesMatch(BODY,
                "sha384-H8BRh8j48O9oYatfu5AZzq6A9RINhZO5H16dQZngK7T62em8MUt1FLm52t+eX6xO")).isTrue();
    }

    @Test
    void parseSkipsUnknownAlgorithmsAndIgnoresOptions() {
        assertThat(IntegrityMetadata.parse(" sha256-abc?foo=bar\tmd5-xyz\nsha512-def SHA256-upper sha384 "))
                .containsExactly(new IntegrityMetadata(Algorithm.SHA256, "abc"),
                        new IntegrityMetadata(Algorithm.SHA512, "def"),
                        new IntegrityMetadata(Algorithm.SHA384, ""));
        assertThat(IntegrityMetadata.parse("")).isEmpty();
        assertThat(IntegrityMetadata.parse("sha256-a-b_c")).containsExactly(
                new IntegrityMetadata(Algorithm.SHA256, "a-b_c"));
    }

    @Test
    void strongestKeepsEveryItemOfTheStrongestAlgorithm() {
        assertThat(IntegrityMetadata.strongest(IntegrityMetadata.parse("sha256-a sha512-b sha384-c sha512-d")))
                .extracting(IntegrityMetadata::value).containsExactly("b", "d");
        assertThat(IntegrityMetadata.strongest(IntegrityMetadata.parse(""))).isEmpty();
    }

    @Test
    void noKnownMetadataMatchesAnything() {
        assertThat(IntegrityMetadata.bytesMatch(BODY, "")).isTrue();
        assertThat(IntegrityMetadata.bytesMatch(BODY, "md5-whatever")).isTrue();
    }

    @Test
    void onlyTheStrongestAlgorithmCounts() throws Exception {
        String sha256 = "sha256-" + digest("SHA-256", BODY);
        assertThat(IntegrityMetadata.bytesMatch(BODY, sha256)).isTrue();
        // A wrong sha512 outranks a right sha256.
        assertThat(IntegrityMetadata.bytesMatch(BODY, sha256 + " sha512-wrong")).isFalse();
        assertThat(IntegrityMetadata.bytesMatch(BODY, "sha512-wrong sha512-" + digest("SHA-512", BODY))).isTrue();
    }

    @Test
    void base64urlValuesAreAccepted() throws Exception {
        byte[] raw = MessageDigest.getInstance("SHA-256").digest(BODY);
        String url = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        assertThat(IntegrityMetadata.bytesMatch(BODY, "sha256-" + url)).isTrue();
    }

    @Test
    void theCheckerDigestsChunkByChunk() throws Exception {
        IntegrityMetadata.Checker checker = new IntegrityMetadata.Checker("sha256-" + digest("SHA-256", BODY));
        assertThat(checker.hasMetadata()).isTrue();
        checker.update(ByteBuffer.wrap(BODY, 0, 5));
        checker.update(ByteBuffer.wrap(BODY, 5, BODY.length - 5));
        assertThat(checker.matches()).isTrue();

        IntegrityMetadata.Checker truncated = new IntegrityMetadata.Checker("sha256-" + digest("SHA-256", BODY));
        truncated.update(ByteBuffer.wrap(BODY, 0, 5));
        assertThat(truncated.matches()).isFalse();
    }
}
