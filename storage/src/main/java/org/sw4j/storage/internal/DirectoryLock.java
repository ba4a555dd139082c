package org.sw4j.storage.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.sw4j.core.spi.cache.StorageException;

/**
 * An OS file lock on a lock file, held while a store has its files open so that two stores (in
 * this process or another) never share them. The lock goes with the channel: closing it, or the
 * process ending, releases it.
 */
public final class DirectoryLock {
    private DirectoryLock() {
    }

    /**
     * Locks {@code file} (creating it if needed) and answers its channel, to be closed to unlock.
     *
     * @param holder who holds it, in the failure's message: "another {@code holder} has ... open"
     * @throws StorageException IO when another holder has it
     */
    public static FileChannel acquire(Path file, String holder) throws IOException, StorageException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this process, through another channel
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new StorageException(StorageException.Kind.IO,
                    "another " + holder + " has " + file.getParent() + " open (" + file.getFileName() + " is locked)");
        }
        return channel;
    }

    /** Unlocks: closes the channel, ignoring a failure (the OS releases the lock anyway when the process ends). */
    public static void release(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // see above
            }
        }
    }
}
