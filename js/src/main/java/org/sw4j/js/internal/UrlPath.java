package org.sw4j.js.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.NoSuchFileException;

/**
 * A path of the {@link ModuleFileSystem}: an ordinary path in every respect but one, its URI,
 * which is the web URL it stands for. GraalJS takes a module's {@code import.meta.url} from it.
 */
final class UrlPath implements Path {
    private final Path delegate;
    private final ModuleFileSystem fileSystem;

    UrlPath(Path delegate, ModuleFileSystem fileSystem) {
        this.delegate = delegate instanceof UrlPath url ? url.delegate : delegate;
        this.fileSystem = fileSystem;
    }

    private Path wrap(Path path) {
        return path == null ? null : new UrlPath(path, fileSystem);
    }

    private static Path unwrap(Path path) {
        return path instanceof UrlPath url ? url.delegate : path;
    }

    @Override
    public URI toUri() {
        try {
            return URI.create(fileSystem.urlOf(delegate));
        } catch (NoSuchFileException | IllegalArgumentException e) {
            return delegate.toUri();
        }
    }

    @Override
    public FileSystem getFileSystem() {
        return delegate.getFileSystem();
    }

    @Override
    public boolean isAbsolute() {
        return delegate.isAbsolute();
    }

    @Override
    public Path getRoot() {
        return wrap(delegate.getRoot());
    }

    @Override
    public Path getFileName() {
        return wrap(delegate.getFileName());
    }

    @Override
    public Path getParent() {
        return wrap(delegate.getParent());
    }

    @Override
    public int getNameCount() {
        return delegate.getNameCount();
    }

    @Override
    public Path getName(int index) {
        return wrap(delegate.getName(index));
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        return wrap(delegate.subpath(beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        return delegate.startsWith(unwrap(other));
    }

    @Override
    public boolean endsWith(Path other) {
        return delegate.endsWith(unwrap(other));
    }

    @Override
    public Path normalize() {
        return wrap(delegate.normalize());
    }

    @Override
    public Path resolve(Path other) {
        return wrap(delegate.resolve(unwrap(other)));
    }

    @Override
    public Path relativize(Path other) {
        return wrap(delegate.relativize(unwrap(other)));
    }

    @Override
    public Path toAbsolutePath() {
        return wrap(delegate.toAbsolutePath());
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        return wrap(delegate.normalize());
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers)
            throws IOException {
        throw new UnsupportedOperationException("module URLs cannot be watched");
    }

    @Override
    public int compareTo(Path other) {
        return delegate.compareTo(unwrap(other));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UrlPath url && delegate.equals(url.delegate);
    }

    @Override
    public int hashCode() {
        return delegate.hashCode();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
