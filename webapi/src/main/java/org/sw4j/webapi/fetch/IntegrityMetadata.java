package org.sw4j.webapi.fetch;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * One item of integrity metadata (https://w3c.github.io/webappsec-subresource-integrity/#integrity-metadata):
 * a hash algorithm and the expected base64 digest, as in {@code integrity="sha384-…"}.
 *
 * <p>Use {@link #parse} for an {@code integrity} string, {@link #bytesMatch} for a body held whole,
 * and {@link Checker} to verify a body chunk by chunk as it streams.
 *
 * @param algorithm the hash algorithm
 * @param value the expected digest as written: base64, or base64url (which browsers also accept)
 */
public record IntegrityMetadata(Algorithm algorithm, String value) {

    /** The hash functions SRI knows, weakest first (https://w3c.github.io/webappsec-subresource-integrity/#hash-functions). */
    public enum Algorithm {
        SHA256("sha256", "SHA-256"),
        SHA384("sha384", "SHA-384"),
        SHA512("sha512", "SHA-512");

        private final String token;
        private final String javaName;

        Algorithm(String token, String javaName) {
            this.token = token;
            this.javaName = javaName;
        }

        /** The token in an integrity string, such as "sha384". */
        public String token() {
            return token;
        }

        /** The algorithm the token names, matched case-sensitively as browsers do; null when unknown. */
        public static Algorithm fromToken(String token) {
            for (Algorithm algorithm : values()) {
                if (algorithm.token.equals(token)) {
                    return algorithm;
                }
            }
            return null;
        }

        MessageDigest newDigest() {
            try {
                return MessageDigest.getInstance(javaName);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has " + javaName, e);
            }
        }
    }

    public IntegrityMetadata {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Implements parse metadata (https://w3c.github.io/webappsec-subresource-integrity/#parse-metadata):
     * the whitespace-separated hash expressions of {@code metadata}, skipping those with an unknown
     * algorithm and ignoring options after "?". The value is everything after the first "-", so a
     * base64url value (which may itself contain "-") survives.
     */
    public static List<IntegrityMetadata> parse(String metadata) {
        List<IntegrityMetadata> result = new ArrayList<>();
        for (String item : metadata.split("[\\t\\n\\f\\r ]+")) {
            if (item.isEmpty()) {
                continue;
            }
            int question = item.indexOf('?');
            String expression = question < 0 ? item : item.substring(0, question);
            int dash = expression.indexOf('-');
            String algorithmToken = dash < 0 ? expression : expression.substring(0, dash);
            String value = dash < 0 ? "" : expression.substring(dash + 1);
            Algorithm algorithm = Algorithm.fromToken(algorithmToken);
            if (algorithm != null) {
                result.add(new IntegrityMetadata(algorithm, value));
            }
        }
        return result;
    }

    /**
     * Implements get the strongest metadata from set
     * (https://w3c.github.io/webappsec-subresource-integrity/#get-the-strongest-metadata): every item
     * that uses the strongest algorithm present, in order.
     */
    public static List<IntegrityMetadata> strongest(List<IntegrityMetadata> set) {
        Algorithm strongest = null;
        for (IntegrityMetadata item : set) {
            if (strongest == null || item.algorithm.compareTo(strongest) > 0) {
                strongest = item.algorithm;
            }
        }
        List<IntegrityMetadata> result = new ArrayList<>();
        for (IntegrityMetadata item : set) {
            if (item.algorithm == strongest) {
                result.add(item);
            }
        }
        return result;
    }

    /**
     * Implements do bytes match metadataList
     * (https://w3c.github.io/webappsec-subresource-integrity/#does-response-match-metadatalist) for a
     * body held whole. A list with no known algorithm matches anything.
     */
    public static boolean bytesMatch(byte[] bytes, String metadataList) {
        Checker checker = new Checker(metadataList);
        checker.update(ByteBuffer.wrap(bytes));
        return checker.matches();
    }

    /** Whether {@code digest} is the value this item expects. */
    boolean matchesDigest(byte[] digest) {
        String base64 = Base64.getEncoder().encodeToString(digest);
        String base64url = Base64.getUrlEncoder().encodeToString(digest);
        return value.equals(base64) || value.equals(base64url) || value.equals(stripPadding(base64url));
    }

    private static String stripPadding(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        return s.substring(0, end);
    }

    /**
     * Verifies a body against an integrity string as it streams: feed each chunk to
     * {@link #update}, then ask {@link #matches}. Only the strongest algorithm is computed, once,
     * however many values name it. Single use; not thread-safe.
     */
    public static final class Checker {
        private final List<IntegrityMetadata> strongest;
        private final MessageDigest digest;

        /** A checker for {@code metadataList}, the request's integrity metadata string. */
        public Checker(String metadataList) {
            strongest = strongest(parse(metadataList));
            digest = strongest.isEmpty() ? null : strongest.getFirst().algorithm.newDigest();
        }

        /** Whether there is anything to check; when false, {@link #matches} is true whatever the bytes. */
        public boolean hasMetadata() {
            return digest != null;
        }

        /** Digests the remaining bytes of {@code chunk}, consuming them. */
        public void update(ByteBuffer chunk) {
            if (digest != null) {
                digest.update(chunk);
            } else {
                chunk.position(chunk.limit());
            }
        }

        /** Whether the bytes seen match one of the strongest values; ends the check. */
        public boolean matches() {
            if (digest == null) {
                return true;
            }
            byte[] actual = digest.digest();
            for (IntegrityMetadata item : strongest) {
                if (item.matchesDigest(actual)) {
                    return true;
                }
            }
            return false;
        }
    }
}
