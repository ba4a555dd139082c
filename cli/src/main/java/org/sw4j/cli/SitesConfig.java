package org.sw4j.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.sw4j.proxy.ServiceWorkerProxy;
import org.sw4j.proxy.ServiceWorkerProxy.Site;

/**
 * The config file of {@code sw4j serve --config}: the sites to serve and the proxy's own settings.
 * Every error is a {@link UsageException} naming the file, the site and the field.
 *
 * <pre>
 * listen: 127.0.0.1:8080        # optional; --listen wins
 * data: data                    # optional, relative to this file; --data wins
 * tls: {cert: c.pem, key: k.pem}  # or tls: {self-signed: true}; optional
 * sites:
 *   - host: cats.localhost      # or path: /cats/ (stripped before the origin); neither: every other request
 *     origin: http://127.0.0.1:3000
 *     worker: cats/sw.js        # a file relative to this file, or an http(s) URL
 *     scope: /                  # optional
 *     quota: 50MB               # optional: the origin's Cache Storage quota
 * </pre>
 *
 * <p>Parsed here rather than in the proxy: the file, its relative paths and its messages are the
 * command line's business; the proxy takes {@link Site} values, as any embedder would build them.
 */
record SitesConfig(Path file, String listen, Path data, Path tlsCert, Path tlsKey, boolean selfSigned,
        List<Site> sites) {
    private static final Set<String> TOP = Set.of("listen", "data", "tls", "sites");
    private static final Set<String> TLS = Set.of("cert", "key", "self-signed");
    private static final Set<String> SITE = Set.of("host", "path", "origin", "worker", "scope", "quota");

    /** Reads and checks {@code file}; relative paths in it are relative to its directory. */
    static SitesConfig read(Path file) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(Files.readString(file));
        } catch (JacksonException e) {
            throw new UsageException(file + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        } catch (IOException e) {
            throw new UsageException("cannot read the config file " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new UsageException(file + ": expected a mapping with 'sites' at the top");
        }
        Path dir = file.toAbsolutePath().getParent();
        onlyKnown(file + ":", root, TOP);
        String listen = text(file + ": listen", root.get("listen"));
        String data = text(file + ": data", root.get("data"));
        Path tlsCert = null;
        Path tlsKey = null;
        boolean selfSigned = false;
        JsonNode tls = root.get("tls");
        if (tls != null) {
            if (!tls.isObject()) {
                throw new UsageException(file + ": tls: expected a mapping with cert and key, or self-signed: true");
            }
            onlyKnown(file + ": tls:", tls, TLS);
            JsonNode self = tls.get("self-signed");
            if (self != null && !self.isBoolean()) {
                throw new UsageException(file + ": tls: self-signed is true or false, not '" + self.asText() + "'");
            }
            selfSigned = self != null && self.booleanValue();
            String cert = text(file + ": tls: cert", tls.get("cert"));
            String key = text(file + ": tls: key", tls.get("key"));
            if ((cert == null) != (key == null)) {
                throw new UsageException(file + ": tls: cert and key go together");
            }
            if (cert != null && selfSigned) {
                throw new UsageException(file + ": tls: give cert and key, or self-signed: true, not both");
            }
            if (cert != null) {
                tlsCert = existing(file + ": tls: cert", dir.resolve(cert));
                tlsKey = existing(file + ": tls: key", dir.resolve(key));
            }
        }
        JsonNode sitesNode = root.get("sites");
        if (sitesNode == null || !sitesNode.isArray() || sitesNode.isEmpty()) {
            throw new UsageException(file + ": sites: expected a list of at least one site (host or path, origin,"
                    + " worker)");
        }
        List<Site> sites = new ArrayList<>();
        for (int i = 0; i < sitesNode.size(); i++) {
            sites.add(site(file, dir, i, sitesNode.get(i)));
        }
        try {
            // The checks across sites (duplicate hosts, overlapping prefixes) are the proxy's.
            ServiceWorkerProxy.Builder check = ServiceWorkerProxy.builder();
            sites.forEach(check::site);
            check.options();
        } catch (IllegalArgumentException e) {
            throw new UsageException(file + ": sites: " + e.getMessage());
        }
        return new SitesConfig(file, listen, data == null ? null : dir.resolve(data), tlsCert, tlsKey, selfSigned,
                List.copyOf(sites));
    }

    private static Site site(Path file, Path dir, int index, JsonNode node) {
        String where = file + ": sites[" + index + "]";
        if (node == null || !node.isObject()) {
            throw new UsageException(where + ": expected a mapping (host or path, origin, worker)");
        }
        String host = text(where + ": host", node.get("host"));
        String path = text(where + ": path", node.get("path"));
        if (host != null || path != null) {
            where += " (" + (host != null ? host : path) + ")";
        }
        onlyKnown(where + ":", node, SITE);
        if (host != null && path != null) {
            throw new UsageException(where + ": give host or path, not both");
        }
        String origin = text(where + ": origin", node.get("origin"));
        if (origin == null) {
            throw new UsageException(where + ": origin is missing (e.g. origin: http://127.0.0.1:3000)");
        }
        String worker = text(where + ": worker", node.get("worker"));
        if (worker == null) {
            throw new UsageException(where + ": worker is missing (a script file relative to the config file, or a"
                    + " URL)");
        }
        String scope = text(where + ": scope", node.get("scope"));
        String quotaText = text(where + ": quota", node.get("quota"));
        OptionalLong quota = OptionalLong.empty();
        if (quotaText != null) {
            long bytes = ByteSize.parse(where + ": quota", quotaText);
            if (bytes <= 0) {
                throw new UsageException(where + ": quota must be above 0 bytes, not '" + quotaText + "'");
            }
            quota = OptionalLong.of(bytes);
        }
        Path workerFile = null;
        String workerUrl = null;
        if (worker.startsWith("http://") || worker.startsWith("https://")) {
            workerUrl = worker;
        } else {
            workerFile = dir.resolve(worker).normalize();
            if (!Files.isRegularFile(workerFile)) {
                throw new UsageException(where + ": worker: the file " + workerFile + " does not exist");
            }
        }
        String field = "origin";
        try {
            ServiceWorkerProxy.builder(origin);
            field = "site";
            return new Site(host, path, origin, workerFile, workerUrl, scope == null ? "/" : scope, quota);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            if (field.equals("site")) {
                field = message.contains("scope") ? "scope" : message.contains("worker") ? "worker"
                        : message.contains("host") ? "host" : message.contains("prefix") ? "path" : "site";
            }
            throw new UsageException(where + ": " + field + ": " + message);
        }
    }

    private static void onlyKnown(String where, JsonNode node, Set<String> known) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            String name = fields.next().getKey();
            if (!known.contains(name)) {
                throw new UsageException(where + " unknown key '" + name + "' (known: " + String.join(", ",
                        known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String text(String where, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw new UsageException(where + ": expected a single value, not " + (node.isArray() ? "a list" : "a mapping"));
        }
        return node.asText();
    }

    private static Path existing(String where, Path file) {
        if (!Files.isReadable(file)) {
            throw new UsageException(where + ": cannot read " + file);
        }
        return file;
    }
}
