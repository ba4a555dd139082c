package org.sw4j.webapi.url;

/**
 * The URL Standard's special schemes and their default ports (https://url.spec.whatwg.org/#special-scheme).
 */
enum SpecialScheme {
    FTP(21),
    FILE(-1),
    HTTP(80),
    HTTPS(443),
    WS(80),
    WSS(443);

    /** The default port, or -1 for null. */
    final int defaultPort;

    SpecialScheme(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    /** The special scheme named {@code scheme}, or null if {@code scheme} is not special. */
    static SpecialScheme of(String scheme) {
        return switch (scheme) {
            case "ftp" -> FTP;
            case "file" -> FILE;
            case "http" -> HTTP;
            case "https" -> HTTPS;
            case "ws" -> WS;
            case "wss" -> WSS;
            default -> null;
        };
    }

    /** The default port of {@code scheme} (https://url.spec.whatwg.org/#default-port), or -1 for null. */
    static int defaultPort(String scheme) {
        SpecialScheme special = of(scheme);
        return special == null ? -1 : special.defaultPort;
    }
}
