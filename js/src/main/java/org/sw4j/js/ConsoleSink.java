package org.sw4j.js;

import java.io.PrintStream;

/** Where a worker's {@code console} output goes. Implementations must be thread-safe. */
@FunctionalInterface
public interface ConsoleSink {
    /** Console methods grouped by where a terminal shows them. */
    enum Level {
        LOG, INFO, DEBUG, WARN, ERROR;

        /** Whether a terminal shows this level on standard error, as Node and Deno do. */
        public boolean isError() {
            return this == WARN || this == ERROR;
        }
    }

    /**
     * Receives one formatted console message (without a trailing newline).
     *
     * @param scriptUrl the worker's script URL
     */
    void write(String scriptUrl, Level level, String text);

    /** Writes log/info/debug to {@code out} and warn/error to {@code err}, one line per message. */
    static ConsoleSink of(PrintStream out, PrintStream err) {
        return (scriptUrl, level, text) -> {
            PrintStream stream = level.isError() ? err : out;
            synchronized (stream) {
                stream.println(text);
                stream.flush();
            }
        };
    }

    /** The process's standard output and error. */
    static ConsoleSink standard() {
        return of(System.out, System.err);
    }
}
