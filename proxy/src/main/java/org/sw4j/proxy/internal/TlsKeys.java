package org.sw4j.proxy.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The proxy's TLS key and certificate chain, as an in-memory key store: read from PEM files, or a
 * self-signed certificate made at start. The JDK has no public API that makes a certificate, so
 * the self-signed one comes from the JDK's own {@code keytool} (an EC P-256 key, CN=localhost,
 * SAN localhost and 127.0.0.1, valid 30 days) into a temporary PKCS#12 file, read and deleted.
 */
public final class TlsKeys {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    /** The key store and its password. */
    public record Loaded(KeyStore keyStore, String password) {
    }

    private TlsKeys() {
    }

    /** A key store from a PEM certificate chain and a PEM PKCS#8 private key (RSA or EC). */
    public static Loaded fromPem(Path certificateFile, Path keyFile) throws IOException, GeneralSecurityException {
        List<Certificate> chain = new ArrayList<>();
        try (InputStream in = Files.newInputStream(certificateFile)) {
            chain.addAll(CertificateFactory.getInstance("X.509").generateCertificates(in));
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException("cannot read the certificate " + certificateFile + ": " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + certificateFile);
        }
        String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
        Matcher matcher = PEM.matcher(pem);
        if (!matcher.find()) {
            throw new GeneralSecurityException("no PEM private key in " + keyFile);
        }
        if (!matcher.group(1).equals("PRIVATE KEY")) {
            throw new GeneralSecurityException("the key in " + keyFile + " is '" + matcher.group(1) + "'; sw4j reads"
                    + " unencrypted PKCS#8 ('PRIVATE KEY'): convert it with 'openssl pkcs8 -topk8 -nocrypt'");
        }
        byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
        PrivateKey key = null;
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                break;
            } catch (GeneralSecurityException ignored) {
                // Try the next algorithm: PKCS#8 names it inside, but KeyFactory wants it up front.
            }
        }
        if (key == null) {
            throw new GeneralSecurityException("the key in " + keyFile + " is not an RSA, EC or Ed25519 PKCS#8 key");
        }
        String password = password();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("sw4j", key, password.toCharArray(), chain.toArray(Certificate[]::new));
        return new Loaded(store, password);
    }

    /** A new self-signed certificate for localhost and 127.0.0.1, made by the JDK's keytool. */
    public static Loaded selfSigned() throws IOException, GeneralSecurityException {
        String password = password();
        Path directory = Files.createTempDirectory("sw4j-tls");
        Path file = directory.resolve("self-signed.p12");
        try {
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "sw4j", "-keyalg", "EC",
                    "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=localhost",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:::1", "-validity", "30", "-storetype", "PKCS12",
                    "-keystore", file.toString(), "-storepass", password, "-keypass", password)
                    .redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new GeneralSecurityException("keytool could not make a self-signed certificate: "
                        + new String(output, StandardCharsets.UTF_8).strip());
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(Files.readAllBytes(file)), password.toCharArray());
            return new Loaded(store, password);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making a self-signed certificate", e);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(directory);
        }
    }

    private static String password() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
