package org.sw4j.network;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A real HTTP server on 127.0.0.1 for tests: serves fixed resources by path and records the
 * requests it received.
 */
public final class TestOrigin implements AutoCloseable {
    /** A canned response. */
    public record Resource(int status, Map<String, String> headers, byte[] body) {
    }

    /** A request as the server saw it. */
    public record Received(String method, String path, Map<String, String> headers) {
    }

    /**
     * Answers requests for one path with code: blocking writes (e.g. through
     * {@code Content.Sink.asOutputStream(response)}) are fine, the origin completes the exchange when
     * {@link #handle} returns and fails it when it throws.
     */
    @FunctionalInterface
    public interface Route {
        void handle(Request request, Response response) throws Exception;
    }

    private final Map<String, Resource> resources = new ConcurrentHashMap<>();
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Server server;
    private final ServerConnector connector;

    public TestOrigin() {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Map<String, String> headers = new java.util.TreeMap<>();
                request.getHeaders().forEach(field -> headers.put(field.getLowerCaseName(), field.getValue()));
                String path = request.getHttpURI().getPathQuery();
                received.add(new Received(request.getMethod(), path, headers));
                Route route = routes.get(request.getHttpURI().getDecodedPath());
                if (route != null) {
                    try {
                        route.handle(request, response);
                        callback.succeeded();
                    } catch (Throwable e) {
                        callback.failed(e);
                    }
                    return true;
                }
                Resource resource = resources.get(path);
                if (resource == null) {
                    resource = new Resource(404, Map.of("content-type", "text/plain"), "not found".getBytes(StandardCharsets.UTF_8));
                }
                response.setStatus(resource.status());
                resource.headers().forEach((name, value) -> response.getHeaders().put(name, value));
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, resource.body().length);
                response.write(true, ByteBuffer.wrap(resource.body()), callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test origin", e);
        }
    }

    /** The origin, e.g. {@code http://127.0.0.1:41234}. */
    public String origin() {
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    public String url(String path) {
        return origin() + path;
    }

    public TestOrigin serve(String path, int status, Map<String, String> headers, String body) {
        resources.put(path, new Resource(status, headers, body.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** Answers requests for {@code path} (decoded, query ignored) with {@code route}. */
    public TestOrigin route(String path, Route route) {
        routes.put(path, route);
        return this;
    }

    /** Serves a JavaScript file. */
    public TestOrigin script(String path, String body) {
        return serve(path, 200, Map.of("content-type", "text/javascript; charset=utf-8"), body);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
