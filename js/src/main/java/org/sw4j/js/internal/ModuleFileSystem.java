package org.sw4j.js.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;
import org.sw4j.core.version.ScriptResource;
import org.sw4j.webapi.url.Url;
import org.sw4j.webapi.url.UrlParseException;

/**
 * The only "file system" a worker's context has: a read-only view of web URLs through which
 * GraalJS loads ES modules. A URL {@code https://host:8443/dir/a.mjs?v=1} appears as the path
 * {@code /https/host:8443/dir/a.mjs?v=1}, so GraalJS resolves relative specifiers as paths; every
 * read fetches through the worker's {@link ScriptLoader}. Nothing of the real disk is reachable.
 */
final class ModuleFileSystem implements FileSystem {
    /** Where import() requests are sent once module loading is locked; see {@link #toRealPath}. */
    private static final String REFUSED = "/.sw4j-refused-import/";
    private static final byte[] REFUSAL = ("throw new TypeError('import() is disallowed on ServiceWorkerGlobalScope by the"
            + " HTML specification (a service worker\\'s modules are all fetched before it runs).');")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private final java.util.concurrent.atomic.AtomicLong refusals = new java.util.concurrent.atomic.AtomicLong();
    private volatile ScriptLoader loader;
    /** The main script's origin, for path-absolute specifiers such as {@code '/lib/a.mjs'}. */
    private volatile String mainOrigin;

    /** Serves the modules of the worker whose scripts {@code loader} loads. */
    void bind(ScriptLoader loader, String mainScriptUrl) {
        Url main = Url.parse(mainScriptUrl);
        this.mainOrigin = main.scheme() + "://" + main.host();
        this.loader = loader;
    }

    private ScriptLoader loader() throws IOException {
        ScriptLoader current = loader;
        if (current == null) {
            throw new IOException("no worker is bound to this global scope yet");
        }
        return current;
    }

    /** The virtual path of a module URL. */
    static String pathOf(String url) {
        Url parsed = Url.parse(url);
        return "/" + parsed.scheme() + "/" + parsed.host() + parsed.pathname() + parsed.search();
    }

    /**
     * The URL a virtual path stands for. A path that does not start with an http(s) scheme came
     * from a path-absolute specifier ({@code import '/lib/a.mjs'}), which GraalJS hands over
     * without its referrer: it is resolved against the main script's origin, so such a specifier
     * in a module from another origin resolves against the wrong one.
     */
    String urlOf(Path path) throws NoSuchFileException {
        String text = Path.of(path.toString()).toAbsolutePath().normalize().toString();
        String[] parts = text.split("/", 4);
        boolean hasScheme = parts.length == 4 && (parts[1].equals("http") || parts[1].equals("https"))
                && !parts[2].isEmpty();
        try {
            return hasScheme ? Url.parse(parts[1] + "://" + parts[2] + "/" + parts[3]).href()
                    : Url.parse(text, mainOrigin + "/").href();
        } catch (UrlParseException e) {
            throw new NoSuchFileException(text, null, "not a valid URL");
        }
    }

    private boolean isEvaluationStart(Path path) {
        Path name = path.getFileName();
        ScriptLoader current = loader;
        return current != null && name != null && name.toString().equals(current.evaluationStartFileName());
    }

    private static boolean isRefusal(Path path) {
        return path.toString().startsWith(REFUSED);
    }

    private byte[] read(Path path) throws IOException {
        if (isRefusal(path)) {
            return REFUSAL.clone();
        }
        if (isEvaluationStart(path)) {
            return loader().evaluationStartSource().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        ScriptResource module = loader().loadModule(urlOf(path));
        return module.bytes();
    }

    @Override
    public Path parsePath(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new UnsupportedOperationException("modules can only be loaded from http(s) URLs, not " + uri);
        }
        return new UrlPath(Path.of(pathOf(uri.toString())), this);
    }

    @Override
    public Path parsePath(String path) {
        return new UrlPath(Path.of(path), this);
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        if (modes.contains(AccessMode.WRITE) || modes.contains(AccessMode.EXECUTE)) {
            throw new IOException("modules are read-only");
        }
        if (!isEvaluationStart(path) && loader().isModuleLoadingLocked()) {
            return; // answered by toRealPath with a refusal
        }
        read(path);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        throw new IOException("modules are read-only");
    }

    @Override
    public void delete(Path path) throws IOException {
        throw new IOException("modules are read-only");
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        for (OpenOption option : options) {
            if (option != java.nio.file.StandardOpenOption.READ) {
                throw new IOException("modules are read-only");
            }
        }
        return new ReadOnlyChannel(read(path));
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        throw new IOException("module URLs cannot be listed");
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return new UrlPath(path.isAbsolute() ? path : Path.of("/").resolve(path.toString()), this);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        Path absolute = Path.of(toAbsolutePath(path).normalize().toString());
        if (isEvaluationStart(absolute)) {
            return new UrlPath(absolute, this);
        }
        if (isRefusal(absolute)) {
            return new UrlPath(absolute, this);
        }
        if (loader().isModuleLoadingLocked()) {
            // Every module request from here on comes from import(), which service workers refuse
            // with a TypeError. GraalJS turns a file system failure into a plain Error, so the
            // request is answered with a fresh module (a new path: never one from the module map)
            // whose evaluation throws the TypeError, and import() rejects with it.
            return new UrlPath(Path.of(REFUSED + refusals.incrementAndGet() + ".mjs"), this);
        }
        // GraalJS keys its module map by this path: one URL, one path, one module instance.
        return new UrlPath(Path.of(pathOf(urlOf(absolute))), this);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        byte[] bytes = read(path);
        Map<String, Object> result = new HashMap<>();
        FileTime epoch = FileTime.fromMillis(0);
        result.put("isRegularFile", true);
        result.put("isDirectory", false);
        result.put("isSymbolicLink", false);
        result.put("isOther", false);
        result.put("size", (long) bytes.length);
        result.put("lastModifiedTime", epoch);
        result.put("lastAccessTime", epoch);
        result.put("creationTime", epoch);
        return result;
    }

    /** A channel over one module's bytes. */
    private static final class ReadOnlyChannel implements SeekableByteChannel {
        private final byte[] bytes;
        private int position;
        private boolean open = true;

        ReadOnlyChannel(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = Math.min(dst.remaining(), bytes.length - position);
            dst.put(bytes, position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = (int) Math.min(newPosition, bytes.length);
            return this;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
