package org.sw4j.cli;

/** The one place that says what sw4j's exit statuses mean. */
enum ExitCode {
    /** The command did what was asked. */
    OK(0),
    /** The script failed: an uncaught error, a failed install or activate, a worker cut off. */
    SCRIPT_FAILED(1),
    /** The command line was wrong: unknown option, missing argument, unreadable file. */
    USAGE(2);

    private final int status;

    ExitCode(int status) {
        this.status = status;
    }

    int status() {
        return status;
    }
}
