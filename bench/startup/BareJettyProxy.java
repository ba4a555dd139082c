import java.nio.ByteBuffer;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The start-up floor of sw4j serve's stack: the least a reverse proxy on Jetty does — listen on
 * 127.0.0.1:PORT, fetch each request's path from ORIGIN with Jetty's client, send the status and
 * body back. No sw4j, no picocli, no GraalJS. With a third argument it makes 50 requests to
 * itself and exits (the AOT cache's training run).
 */
public class BareJettyProxy {
    public static void main(String[] args) throws Exception {
        String origin = args[0];
        int port = Integer.parseInt(args[1]);
        HttpClient client = new HttpClient();
        client.start();
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                ContentResponse upstream = client.GET(origin + Request.getPathInContext(request));
                response.setStatus(upstream.getStatus());
                response.write(true, ByteBuffer.wrap(upstream.getContent()), callback);
                return true;
            }
        });
        server.start();
        if (args.length > 2) {
            try (java.net.http.HttpClient self = java.net.http.HttpClient.newHttpClient()) {
                for (int i = 0; i < 50; i++) {
                    self.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + args[2])).build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding());
                }
            }
            server.stop();
            client.stop();
            System.exit(0);
        }
        server.join();
    }
}
