package org.sw4j.cli;

import org.sw4j.core.spi.cache.StorageException;
import picocli.CommandLine;

/** The one place that says what sw4j's exit statuses mean, and which failure ends with which. */
enum ExitCode {
    /** The command did what was asked. */
    OK(0),
    /** The script failed: an uncaught error, a failed install or activate, a worker cut off. */
    SCRIPT_FAILED(1),
    /** The command line was wrong: unknown option, missing argument, unreadable file, missing data directory. */
    USAGE(2),
    /** Nothing matched what the command named: no such origin, cache or entry. */
    NOT_FOUND(3),
    /** The data directory's store could not be opened, read or written (e.g. another sw4j holds it). */
    STORAGE_FAILED(4);

    private final int status;

    ExitCode(int status) {
        this.status = status;
    }

    int status() {
        return status;
    }

    /** The status a command that threw {@code failure} ends with. */
    static ExitCode of(Throwable failure) {
        return switch (failure) {
            case UsageException ignored -> USAGE;
            case CommandLine.ParameterException ignored -> USAGE;
            case NotFoundException ignored -> NOT_FOUND;
            case StorageException ignored -> STORAGE_FAILED;
            default -> SCRIPT_FAILED;
        };
    }
}
