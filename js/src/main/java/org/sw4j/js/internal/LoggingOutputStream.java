package org.sw4j.js.internal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;

/** Sends what GraalJS itself prints (engine warnings) to the log, a line at a time. */
final class LoggingOutputStream extends OutputStream {
    private final Logger log;
    private final boolean error;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LoggingOutputStream(Logger log, boolean error) {
        this.log = log;
        this.error = error;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            flushLine();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void flush() {
        flushLine();
    }

    private void flushLine() {
        if (line.size() == 0) {
            return;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (error) {
            log.warn("{}", text);
        } else {
            log.info("{}", text);
        }
    }
}
