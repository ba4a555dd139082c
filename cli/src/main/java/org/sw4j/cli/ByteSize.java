package org.sw4j.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte counts on the command line: read from options like {@code 50M}, written for people. */
final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]*)");
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private ByteSize() {}

    /**
     * Parses a byte count: a number with an optional unit. {@code K M G T} (any case) and
     * {@code KiB MiB GiB TiB} are powers of 1024, as in {@code java -Xmx50M}; {@code kB MB GB TB}
     * are powers of 1000, as in {@code --throughput}; {@code B} or none is bytes.
     *
     * @throws UsageException naming {@code option} when {@code text} is not such a count
     */
    static long parse(String option, String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new UsageException(option + " must be a byte count such as 1048576, 500K, 50M or 1G, not '" + text + "'");
        }
        long multiplier = switch (m.group(2)) {
            case "", "B", "b" -> 1L;
            case "k", "K", "KiB" -> 1L << 10;
            case "m", "M", "MiB" -> 1L << 20;
            case "g", "G", "GiB" -> 1L << 30;
            case "t", "T", "TiB" -> 1L << 40;
            case "kB", "KB" -> 1_000L;
            case "MB" -> 1_000_000L;
            case "GB" -> 1_000_000_000L;
            case "TB" -> 1_000_000_000_000L;
            default -> throw new UsageException(option + ": unknown unit '" + m.group(2)
                    + "' in '" + text + "' (use K, M, G, T, KiB, MiB, GiB, TiB, kB, MB, GB, TB or none)");
        };
        double bytes = Double.parseDouble(m.group(1)) * multiplier;
        if (bytes >= Long.MAX_VALUE) {
            throw new UsageException(option + " is too large: '" + text + "'");
        }
        return (long) bytes;
    }

    /** {@code bytes} for people: {@code 512 B}, {@code 1.5 KiB}, {@code 20.0 MiB}. */
    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** {@code bytes} for people and exactly: {@code 1.5 KiB (1536 bytes)}; small counts just {@code 12 bytes}. */
    static String withExact(long bytes) {
        return bytes < 1024 ? bytes + (bytes == 1 ? " byte" : " bytes") : human(bytes) + " (" + bytes + " bytes)";
    }
}
