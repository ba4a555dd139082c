package org.sw4j.cli;

/** A {@code HOST:PORT} option value ({@code [::1]:8080} for IPv6); port 0 picks a free one. */
record HostPort(String host, int port) {

    /** Parses {@code text}, the value of {@code option}; a {@link UsageException} says what is wrong. */
    static HostPort parse(String option, String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new UsageException(option + " is HOST:PORT, not '" + text + "'");
        }
        String host = text.substring(0, colon).replaceAll("^\\[|]$", "");
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UsageException(option + " is HOST:PORT, not '" + text + "'");
        }
        if (port < 0 || port > 65_535) {
            throw new UsageException(option + "'s port is 0 to 65535, not " + port);
        }
        return new HostPort(host, port);
    }
}
