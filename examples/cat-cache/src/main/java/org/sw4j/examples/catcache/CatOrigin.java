package org.sw4j.examples.catcache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The demo's origin server, in the spirit of the seed tutorial's Express server: it serves a page
 * ({@code /}, {@code /main.js}, {@code /service-worker.js}) and {@code /img}, one of ten cat pictures
 * that changes every ten seconds under the same URL.
 *
 * <p>Unlike the tutorial, which moves to the next picture on the first request after ten seconds,
 * the picture here is a function of the clock since start ({@link #pictureAt}), so every viewer sees
 * the same cat and a test moves it by moving an injected {@link Clock}.
 *
 * <p>{@code /img} is sent with {@code Cache-Control: no-store}: the picture changes under one URL, so
 * no HTTP cache should keep it — keeping the last one is the service worker's job. The page files are
 * sent with {@code no-cache}, so an edited worker script is seen at once.
 */
public final class CatOrigin implements AutoCloseable {
    /** How long each picture is shown, as in the tutorial. */
    public static final Duration PICTURE_PERIOD = Duration.ofSeconds(10);

    /** The response header naming the picture's number, for pages and tests that want to show it. */
    public static final String PICTURE_HEADER = "X-Cat-Picture";

    private static final String SITE_RESOURCES = "site/";
    private static final int DEFAULT_PORT = 3000;

    private final Clock clock;
    private final Path site;
    private final Instant started;
    private final Server server;
    private final ServerConnector connector;
    private final String host;
    /** The port bound at start, kept so {@link #url()} stays the same after {@link #stop()}. */
    private int port;

    private CatOrigin(Builder builder) {
        this.clock = builder.clock;
        this.site = builder.site;
        this.host = builder.host;
        this.started = clock.instant();
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("cat-origin");
        threads.setDaemon(true);
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost(builder.host);
        connector.setPort(builder.port);
        server.addConnector(connector);
        // Blocking: page files are read from disk on the handling thread.
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback);
                return true;
            }
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The page's URL, e.g. {@code http://127.0.0.1:3000/}. */
    public String url() {
        String authority = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + authority + ":" + port() + "/";
    }

    /** The port listened on (the one chosen by the system when the builder said 0), also after {@link #stop()}. */
    public int port() {
        return port;
    }

    /** The number (1 to {@link CatPictures#COUNT}) of the picture {@code /img} serves now. */
    public int currentPicture() {
        return pictureAt(started, clock.instant());
    }

    /**
     * Which picture is shown at {@code now} for an origin started at {@code start}: picture 1 for the
     * first {@link #PICTURE_PERIOD}, then the next one each period, back to 1 after the tenth.
     */
    static int pictureAt(Instant start, Instant now) {
        long periods = Math.max(0, Duration.between(start, now).toMillis()) / PICTURE_PERIOD.toMillis();
        return (int) (periods % CatPictures.COUNT) + 1;
    }

    /** Stops listening; requests in flight are cut off. Stopping twice is harmless. */
    public void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the cat origin at " + url(), e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void serve(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        boolean head = HttpMethod.HEAD.is(method);
        if (!head && !HttpMethod.GET.is(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            send(response, callback, 405, "text/plain; charset=utf-8", "no-store",
                    (method + " is not allowed here: this origin only serves GET and HEAD\n").getBytes(StandardCharsets.UTF_8), false);
            return;
        }
        String path = request.getHttpURI().getDecodedPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        if (path.equals("/img")) {
            int picture = currentPicture();
            response.getHeaders().put(PICTURE_HEADER, Integer.toString(picture));
            send(response, callback, 200, "image/png", "no-store", CatPictures.png(picture), head);
            return;
        }
        byte[] file;
        try {
            file = siteFile(path.equals("/") ? "index.html" : path.substring(1));
        } catch (IOException e) {
            send(response, callback, 500, "text/plain; charset=utf-8", "no-store",
                    ("cannot read " + path + ": " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8), head);
            return;
        }
        if (file == null) {
            send(response, callback, 404, "text/plain; charset=utf-8", "no-store",
                    ("not found: " + path + "\n").getBytes(StandardCharsets.UTF_8), head);
            return;
        }
        send(response, callback, 200, contentType(path), "no-cache", file, head);
    }

    /** A page file's bytes (read on each request, so an edited file is served at once), or null if none. */
    private byte[] siteFile(String name) throws IOException {
        if (name.isEmpty() || name.contains("\\") || name.endsWith("/")) {
            return null;
        }
        for (String segment : name.split("/")) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return null;
            }
        }
        if (site != null) {
            Path file;
            try {
                file = site.resolve(name).normalize();
            } catch (InvalidPathException e) {
                return null; // a name no file can have (e.g. a NUL byte)
            }
            if (!file.startsWith(site) || !Files.isRegularFile(file)) {
                return null;
            }
            return Files.readAllBytes(file);
        }
        try (InputStream in = CatOrigin.class.getResourceAsStream(SITE_RESOURCES + name)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static String contentType(String path) {
        String name = path.equals("/") ? "index.html" : path.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return switch (dot < 0 ? "" : name.substring(dot + 1)) {
            case "html", "htm" -> "text/html; charset=utf-8";
            case "js", "mjs" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "json", "webmanifest" -> "application/json";
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "svg" -> "image/svg+xml";
            case "txt" -> "text/plain; charset=utf-8";
            default -> "application/octet-stream";
        };
    }

    private static void send(Response response, Callback callback, int status, String contentType, String cacheControl,
            byte[] body, boolean head) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, cacheControl);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
    }

    /**
     * Runs the origin alone: {@code CatOrigin [--host HOST] [--port PORT] [--site DIR]} (default
     * {@code 127.0.0.1:3000}, our page); prints the URL and serves until interrupted.
     */
    public static void main(String[] args) throws InterruptedException {
        // Alone, the URL line is the output; Jetty's start-up lines only when asked for.
        if (System.getProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        }
        Builder builder = builder().port(DEFAULT_PORT);
        try {
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.equals("-h") || option.equals("--help")) {
                    System.out.println("usage: CatOrigin [--host HOST] [--port PORT] [--site DIR]");
                    return;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("unknown option or missing value: " + option);
                }
                String value = args[++i];
                switch (option) {
                    case "--host" -> builder.host(value);
                    case "--port" -> builder.port(parsePort(value));
                    case "--site" -> builder.site(Path.of(value));
                    default -> throw new IllegalArgumentException("unknown option: " + option);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("cat origin: " + e.getMessage());
            System.err.println("usage: CatOrigin [--host HOST] [--port PORT] [--site DIR]");
            System.exit(2);
            return;
        }
        CatOrigin origin;
        try {
            origin = builder.start();
        } catch (IllegalStateException e) {
            System.err.println("cat origin: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(origin::stop, "cat-origin-stop"));
        System.out.println("Cat origin at " + origin.url() + " (a new cat every " + PICTURE_PERIOD.toSeconds()
                + " s; Ctrl-C stops it)");
        origin.server.join();
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port wants a number from 0 to 65535, not " + value);
        }
    }

    /** Makes a {@link CatOrigin}: loopback, port 0 (any free one), the system clock, our page. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private Clock clock = Clock.systemUTC();
        private Path site;

        private Builder() {
        }

        /** The address to listen on; loopback unless said otherwise. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port; 0 lets the system choose a free one (see {@link CatOrigin#port()}). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("a port is 0 to 65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /** The clock the picture rotation follows. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Serves the page files ({@code index.html} for {@code /}, {@code main.js},
         * {@code service-worker.js}, and any other file under it) from {@code directory} instead of
         * ours; {@code /img} stays the rotating picture.
         *
         * @throws IllegalArgumentException when {@code directory} is not a directory
         */
        public Builder site(Path directory) {
            Objects.requireNonNull(directory, "directory");
            if (!Files.isDirectory(directory)) {
                throw new IllegalArgumentException("the site is not a directory: " + directory.toAbsolutePath());
            }
            this.site = directory.toAbsolutePath().normalize();
            return this;
        }

        /**
         * Starts listening.
         *
         * @throws IllegalStateException when the address cannot be listened on (e.g. the port is taken)
         */
        public CatOrigin start() {
            CatOrigin origin = new CatOrigin(this);
            try {
                origin.server.start();
            } catch (Exception e) {
                try {
                    origin.server.stop();
                } catch (Exception ignored) {
                    // Nothing started; the cause below is what matters.
                }
                throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
            }
            origin.port = origin.connector.getLocalPort();
            return origin;
        }
    }
}
