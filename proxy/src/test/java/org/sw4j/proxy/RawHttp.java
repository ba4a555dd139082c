package org.sw4j.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 by hand, for what a well-behaved client library will not send. */
final class RawHttp {
    private RawHttp() {
    }

    /** Sends {@code request} and reads until the server closes or the first response is complete (bounded: 10 s). */
    static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return readResponse(socket.getInputStream());
        }
    }

    /** One response: its head, then Content-Length bytes of body (or up to the close). */
    static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int headEnd = -1;
        long bodyLength = -1;
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                out.write(b);
                String text = out.toString(StandardCharsets.ISO_8859_1);
                if (headEnd < 0 && text.endsWith("\r\n\r\n")) {
                    headEnd = text.length();
                    for (String line : text.split("\r\n")) {
                        if (line.toLowerCase().startsWith("content-length:")) {
                            bodyLength = Long.parseLong(line.substring(15).trim());
                        }
                    }
                    if (bodyLength == 0) {
                        break;
                    }
                }
                if (headEnd >= 0 && bodyLength >= 0 && out.size() - headEnd >= bodyLength) {
                    break;
                }
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // What arrived is the answer.
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
