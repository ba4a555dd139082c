package org.sw4j.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * A bare TCP server on 127.0.0.1 for the failures an HTTP server would not commit: each accepted
 * connection gets its request head read, then {@link Script} decides what goes back.
 */
final class RawServer implements AutoCloseable {
    @FunctionalInterface
    interface Script {
        void answer(Socket socket, OutputStream out) throws IOException;
    }

    private final ServerSocket server;
    private final Thread acceptor;

    RawServer(Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        acceptor = Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> serve(socket, script));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private static void serve(Socket socket, Script script) {
        try (socket) {
            readHead(socket.getInputStream());
            script.answer(socket, socket.getOutputStream());
        } catch (IOException ignored) {
            // The client went away; nothing to do.
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        for (int i = 0; i < 64 * 1024 && matched < 4; i++) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    /** Closes the connection with a TCP RST rather than a FIN. */
    static void reset(Socket socket) throws SocketException {
        socket.setSoLinger(true, 0);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
