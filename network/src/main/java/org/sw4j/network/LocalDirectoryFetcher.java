package org.sw4j.network;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sw4j.core.spi.OriginFetcher;
import org.sw4j.core.spi.ResourceRequest;
import org.sw4j.core.spi.ResourceResponse;

/**
 * Serves one origin from a local directory and sends every other URL to a fallback fetcher. This
 * is how {@code sw4j exec file.js} runs a local script as {@code http://localhost/file.js}: its
 * relative imports read files beside it, and nothing outside the directory can be read.
 */
public final class LocalDirectoryFetcher implements OriginFetcher {
    private final String origin;
    private final Path root;
    private final OriginFetcher fallback;

    /**
     * @param origin the serialized origin served from {@code root}, e.g. {@code http://localhost}
     */
    public LocalDirectoryFetcher(String origin, Path root, OriginFetcher fallback) {
        this.origin = origin;
        this.root = root.toAbsolutePath().normalize();
        this.fallback = fallback;
    }

    @Override
    public ResourceResponse fetch(ResourceRequest request) throws IOException {
        String url = request.url();
        if (!url.startsWith(origin + "/")) {
            return fallback.fetch(request);
        }
        String path = url.substring(origin.length() + 1);
        int end = indexOfAny(path, '?', '#');
        if (end >= 0) {
            path = path.substring(0, end);
        }
        String decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        Path file = root.resolve(decoded).normalize();
        if (!file.startsWith(root) || decoded.indexOf('\0') >= 0) {
            return notFound(url);
        }
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return new ResourceResponse(url, 405, Map.of(), new byte[0]);
        }
        try {
            if (!Files.isRegularFile(file)) {
                return notFound(url);
            }
            byte[] body = request.method().equals("HEAD") ? new byte[0] : Files.readAllBytes(file);
            return new ResourceResponse(url, 200, Map.of(
                    "content-type", List.of(contentType(file)),
                    "content-length", List.of(Long.toString(Files.size(file)))), body);
        } catch (NoSuchFileException e) {
            return notFound(url);
        }
    }

    private static ResourceResponse notFound(String url) {
        return new ResourceResponse(url, 404, Map.of("content-type", List.of("text/plain;charset=utf-8")),
                "Not Found".getBytes(StandardCharsets.UTF_8));
    }

    private static int indexOfAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == a || s.charAt(i) == b) {
                return i;
            }
        }
        return -1;
    }

    /** A Content-Type by file extension, for the few kinds a worker's directory holds. */
    static String contentType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return switch (ext) {
            case "js", "mjs", "cjs" -> "text/javascript;charset=utf-8";
            case "json", "map" -> "application/json";
            case "html", "htm" -> "text/html;charset=utf-8";
            case "css" -> "text/css;charset=utf-8";
            case "txt" -> "text/plain;charset=utf-8";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "gif" -> "image/gif";
            case "webp" -> "image/webp";
            case "wasm" -> "application/wasm";
            default -> "application/octet-stream";
        };
    }
}
