package org.sw4j.cli;

/** A mistake in how sw4j was invoked; ends the command with {@link ExitCode#USAGE}. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
