package org.sw4j.network;

/** The HTTP version a response was received with. */
public enum HttpVersion {
    HTTP_1_1("HTTP/1.1"),
    HTTP_2("HTTP/2");

    private final String label;

    HttpVersion(String label) {
        this.label = label;
    }

    /** As Resource Timing's {@code nextHopProtocol} would not say it, but as humans do: "HTTP/1.1". */
    @Override
    public String toString() {
        return label;
    }
}
