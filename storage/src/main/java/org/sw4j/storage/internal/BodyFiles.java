package org.sw4j.storage.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sw4j.core.spi.cache.BodySink;
import org.sw4j.core.spi.cache.StagedBody;
import org.sw4j.core.spi.cache.StorageException;
import org.sw4j.webapi.fetch.BodySource;

/**
 * The directory of body files: {@code bodies/XX/ID}, where ID is the body id in lower-case hex
 * without leading zeros and XX its last two hex digits (256 shards, so that no directory holds
 * millions of files). Bodies of at most {@link #INLINE_LIMIT} bytes have no file: they are staged
 * in memory and stored in the database. A larger body is written to {@code ID.tmp} and renamed when
 * the store is {@linkplain #synced() synced}, else to {@code ID} directly (see
 * {@link StagingBodySink}). A final-named file is only a body once a committed row names it: any
 * other is an orphan, removed by {@link #sweep} when the store opens. The files of deleted bodies
 * are removed in the background, after the commit that deleted their rows.
 */
public final class BodyFiles {
    private static final Logger log = LoggerFactory.getLogger(BodyFiles.class);
    private static final String TEMP_SUFFIX = ".tmp";

    /** The largest body kept in the database rather than in a file: 64 KiB. */
    public static final int INLINE_LIMIT = 64 * 1024;

    /** A hook run before every write and fsync of a body file; tests use it to simulate a full disk. */
    @FunctionalInterface
    public interface WriteCheck {
        WriteCheck NONE = (file, bytes) -> { };

        /** Throws to make the write of {@code bytes} more bytes to {@code file} fail (0: its fsync). */
        void beforeWrite(Path file, long bytes) throws IOException;
    }

    /** What {@link #sweep} removed, and the largest body id it saw. */
    public record Sweep(int temporary, int orphans, long largestId) {
    }

    private final Path root;
    private final UsageLedger ledger;
    private final WriteCheck writeCheck;
    private final boolean synced;
    private final AtomicLong lastId = new AtomicLong();
    /** Unlinks deleted bodies' files off the committing thread, in order. */
    private final ExecutorService deleter =
            Executors.newSingleThreadExecutor(Thread.ofVirtual().name("sw4j-body-deleter").factory());
    private volatile boolean closed;

    /**
     * @param synced whether a finished body file is renamed from its temporary name and its
     *     directory fsynced (the store's {@code SYNCED} durability)
     */
    public BodyFiles(Path root, UsageLedger ledger, WriteCheck writeCheck, boolean synced) throws IOException {
        this.root = root;
        this.ledger = ledger;
        this.writeCheck = writeCheck;
        this.synced = synced;
        Files.createDirectories(root);
        for (int shard = 0; shard < 256; shard++) {
            Files.createDirectories(root.resolve(HexFormat.of().toHexDigits((byte) shard)));
        }
        syncDirectory(root);
    }

    /** Where the body {@code id} lives once finished. */
    public Path path(long id) {
        return shard(id).resolve(Long.toHexString(id));
    }

    Path temporaryPath(long id) {
        return shard(id).resolve(Long.toHexString(id) + TEMP_SUFFIX);
    }

    private Path shard(long id) {
        return root.resolve(HexFormat.of().toHexDigits((byte) id));
    }

    /** Body ids are handed out above {@code largestId} (the largest any row or file has). */
    public void startIdsAbove(long largestId) {
        lastId.set(largestId);
    }

    /** A sink staging a new body for {@code storageKey}. */
    public BodySink newSink(String storageKey) {
        return new StagingBodySink(this, storageKey, lastId.incrementAndGet());
    }

    /**
     * The staged body {@code body} for a commit of {@code storageKey}, claimed so no one else can
     * use or discard it meanwhile.
     *
     * @throws IllegalArgumentException when another store, or another storage key, staged it
     * @throws StorageException NOT_FOUND when it was discarded or used by a commit already
     */
    public StagedBytes claim(StagedBody body, String storageKey) throws StorageException {
        if (!(body instanceof StagedBytes staged) || staged.files() != this) {
            throw new IllegalArgumentException("not a body staged by this store: " + body);
        }
        if (!staged.storageKey().equals(storageKey)) {
            throw new IllegalArgumentException("a body staged for " + staged.storageKey() + " put in a cache of " + storageKey);
        }
        staged.claim();
        return staged;
    }

    /**
     * Opens the body file {@code id} for reading; the open file stays readable if it is deleted
     * meanwhile.
     *
     * @param expectedSize the body's length as its row says, or -1 when unknown
     * @throws StorageException NOT_FOUND when the file is missing or not {@code expectedSize} long
     *     (an OS crash took its name or its bytes after the row was committed)
     */
    public BodySource open(long id, long expectedSize) throws StorageException {
        Path path = path(id);
        FileBodySource source;
        try {
            source = new FileBodySource(FileChannel.open(path, StandardOpenOption.READ));
        } catch (NoSuchFileException e) {
            throw new StorageException(StorageException.Kind.NOT_FOUND, "the body " + id + " is gone (no file " + path + ")", e);
        } catch (IOException e) {
            throw StorageFailures.of("opening the body " + id, e);
        }
        if (expectedSize >= 0 && source.length() != expectedSize) {
            source.close();
            throw new StorageException(StorageException.Kind.NOT_FOUND, "the body " + id + " is torn: its file "
                    + path + " has " + source.length() + " bytes, not " + expectedSize);
        }
        return source;
    }

    /**
     * Deletes, in the background, the files of bodies whose rows are gone (or never were). A
     * failure, or a process ending first, leaves an orphan for the next sweep.
     */
    public void deleteLater(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<Long> copy = List.copyOf(ids);
        try {
            deleter.execute(() -> delete(copy));
        } catch (RejectedExecutionException e) {
            delete(copy); // closing: do it now
        }
    }

    private void delete(Collection<Long> ids) {
        for (long id : ids) {
            try {
                Files.deleteIfExists(path(id));
            } catch (IOException e) {
                log.warn("could not delete the body file of {}, left for the next sweep: {}", id, e.toString());
            }
        }
    }

    /** Waits until the deletes asked for so far are done (for tests). */
    public void awaitDeletes() {
        try {
            deleter.submit(() -> { }).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            log.warn("waiting for body deletes: {}", e.toString());
        }
    }

    /** Removes temporary files and the files of bodies that {@code isLive} denies. */
    public Sweep sweep(LongPredicate isLive) throws IOException {
        int temporary = 0;
        int orphans = 0;
        long largest = 0;
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path shard : shards) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
                    for (Path file : files) {
                        String name = file.getFileName().toString();
                        if (name.endsWith(TEMP_SUFFIX)) {
                            Files.deleteIfExists(file);
                            temporary++;
                            continue;
                        }
                        long id;
                        try {
                            id = Long.parseUnsignedLong(name, 16);
                        } catch (NumberFormatException e) {
                            log.warn("not a body file, left alone: {}", file);
                            continue;
                        }
                        largest = Math.max(largest, id);
                        if (!isLive.test(id)) {
                            Files.deleteIfExists(file);
                            orphans++;
                        }
                    }
                }
            }
        }
        return new Sweep(temporary, orphans, largest);
    }

    /** After this, sinks refuse to write; deletes asked for before are done first. */
    public void close() {
        closed = true;
        deleter.shutdown();
        try {
            if (!deleter.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("body deletes still running at close; what is left goes at the next open");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether body files are renamed into place and their directories fsynced. */
    boolean synced() {
        return synced;
    }

    boolean isClosed() {
        return closed;
    }

    UsageLedger ledger() {
        return ledger;
    }

    WriteCheck writeCheck() {
        return writeCheck;
    }

    /** Makes a rename or a new file in {@code directory} durable. */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
