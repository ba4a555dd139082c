package org.sw4j.webapi.compression;

import java.util.Optional;

/** The Compression Standard's formats: each names a container around DEFLATE data. */
public enum CompressionFormat {
    /** RFC 1950 (zlib): a two-byte header, the DEFLATE data, an Adler-32 trailer. */
    DEFLATE("deflate"),
    /** RFC 1951: the DEFLATE data alone. */
    DEFLATE_RAW("deflate-raw"),
    /** RFC 1952: a gzip member header, the DEFLATE data, a CRC-32 and length trailer. */
    GZIP("gzip");

    private final String jsName;

    CompressionFormat(String jsName) {
        this.jsName = jsName;
    }

    /** The format's name in the CompressionFormat enum of the Compression Standard. */
    public String jsName() {
        return jsName;
    }

    /** The format named {@code name} exactly (the enum's values are case-sensitive). */
    public static Optional<CompressionFormat> forName(String name) {
        for (CompressionFormat format : values()) {
            if (format.jsName.equals(name)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** Whether java.util.zip must handle the zlib wrapper itself (true) or leave it to us (false). */
    boolean zlibWrapper() {
        return this == DEFLATE;
    }
}
