package org.sw4j.cli;

/** Nothing matched what a command named (an origin, a cache, an entry); ends it with {@link ExitCode#NOT_FOUND}. */
final class NotFoundException extends RuntimeException {
    NotFoundException(String message) {
        super(message);
    }
}
