package org.sw4j.network.internal.fetch;

import java.util.Set;
import org.sw4j.webapi.url.Url;

/** The Fetch Standard's bad ports (https://fetch.spec.whatwg.org/#bad-port), which fetching never connects to. */
public final class BadPorts {
    private static final Set<Integer> BAD_PORTS = Set.of(0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37,
            42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135,
            137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556,
            563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000,
            6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080);

    private BadPorts() {
    }

    /** Whether {@code port} is a bad port (https://fetch.spec.whatwg.org/#bad-port). */
    public static boolean isBadPort(int port) {
        return BAD_PORTS.contains(port);
    }

    /**
     * Implements should fetching request be blocked due to a bad port
     * (https://fetch.spec.whatwg.org/#block-bad-port): an HTTP(S) URL whose explicit port is bad.
     *
     * @return the port that blocks {@code url}, or -1 when it is not blocked
     */
    public static int blockingPort(Url url) {
        if (!url.scheme().equals("http") && !url.scheme().equals("https")) {
            return -1;
        }
        String port = url.port();
        if (port.isEmpty()) {
            return -1;
        }
        int value = Integer.parseInt(port);
        return isBadPort(value) ? value : -1;
    }
}
