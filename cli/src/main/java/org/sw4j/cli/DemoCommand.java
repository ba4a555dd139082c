package org.sw4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.sw4j.core.spi.cache.StorageException;
import org.sw4j.examples.catcache.CatOrigin;
import org.sw4j.inspector.Inspector;
import org.sw4j.proxy.ServiceWorkerProxy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sw4j demo}: the seed tutorial's cat demo — the Java cat origin ({@code examples/cat-cache})
 * behind {@code sw4j serve} with the origin's own cache-and-update worker, and the inspector.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the cat demo: an origin that shows a new cat picture every 10 s, behind a proxy whose"
                    + " service worker (the origin's /service-worker.js, cache-and-update) keeps the page and the"
                    + " last picture working when the origin is gone. Open the printed URL in a browser.",
            "Press Enter (in a terminal) to stop the origin, and Enter again to start it; the page keeps loading"
                    + " through the worker meanwhile. The inspector's URL (with its access token) is printed too.",
            "Exit status: 143 or 130 stopped by SIGTERM or Ctrl-C, 1 could not start (e.g. a port in use),"
                    + " 2 bad usage, 4 the data directory's store could not be opened."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8080",
            description = "Where the proxy listens (default: ${DEFAULT-VALUE}; port 0 picks a free one).")
    String listen;

    @Option(names = "--origin-listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:3000",
            description = "Where the cat origin listens (default: ${DEFAULT-VALUE}, as in the tutorial).")
    String originListen;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Keep the worker and its caches in DIR, so a restarted demo serves offline at once."
                    + " Without it everything lives in memory for this run.")
    Path data;

    @Option(names = "--no-console",
            description = "Do not read standard input (Enter then does not stop the origin), e.g. when it is not"
                    + " yours to read.")
    boolean noConsole;

    @Mixin
    InspectorOptions inspectorOptions = new InspectorOptions();

    @Override
    public Integer call() throws Exception {
        HostPort proxyAt = HostPort.parse("--listen", listen);
        HostPort originAt = HostPort.parse("--origin-listen", originListen);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        AtomicReference<CatOrigin> origin = new AtomicReference<>();
        try {
            origin.set(startOrigin(originAt));
        } catch (RuntimeException e) {
            err.println("sw4j: the cat origin could not start on " + originListen + ": " + e.getMessage());
            err.flush();
            return ExitCode.SCRIPT_FAILED.status();
        }
        // The origin's URL without its path ("http://127.0.0.1:3000"), as --origin takes it.
        String originUrl = origin.get().url().replaceAll("/+$", "");
        ServiceWorkerProxy proxy;
        try {
            proxy = Serving.startProxy(ServiceWorkerProxy.builder(originUrl).workerUrl(originUrl + "/service-worker.js")
                    .scope("/").listen(proxyAt.host(), proxyAt.port()).dataDirectory(data), err);
        } catch (StorageException | IllegalArgumentException e) {
            origin.get().close();
            if (e instanceof IllegalArgumentException) {
                throw new UsageException(e.getMessage());
            }
            throw e;
        }
        if (proxy == null) {
            origin.get().close();
            return ExitCode.SCRIPT_FAILED.status();
        }
        Inspector inspector;
        try {
            inspector = inspectorOptions.start(proxy.agent(), out);
        } catch (RuntimeException e) {
            Serving.closeAll(proxy, origin.get());
            throw e;
        }
        out.println("sw4j demo: the cat origin is " + originUrl + "/, served through sw4j at "
                + proxy.publicOrigin() + "/");
        out.println("Open " + proxy.publicOrigin() + "/ in a browser. Press Enter to stop the origin"
                + " (and again to start it): the page and the last picture keep loading through the worker.");
        out.flush();
        if (!noConsole) {
            Thread.ofPlatform().daemon().name("sw4j-demo-console")
                    .start(() -> toggleOriginOnEnter(origin, originAt, out));
        }
        Serving.untilStopped(inspector, proxy, () -> origin.get().close());
        return ExitCode.OK.status();
    }

    private static CatOrigin startOrigin(HostPort at) {
        return CatOrigin.builder().host(at.host()).port(at.port()).start();
    }

    /** Each line on standard input stops the origin, or starts a new one on the same port. */
    private static void toggleOriginOnEnter(AtomicReference<CatOrigin> origin, HostPort at, PrintWriter out) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        boolean running = true;
        try {
            while (in.readLine() != null) {
                if (running) {
                    origin.get().stop();
                    out.println("sw4j demo: the origin is stopped; reload the page. Enter starts it again.");
                } else {
                    origin.set(startOrigin(new HostPort(at.host(), origin.get().port())));
                    out.println("sw4j demo: the origin runs again at " + origin.get().url());
                }
                out.flush();
                running = !running;
            }
        } catch (IOException | RuntimeException e) {
            out.println("sw4j demo: the console stopped: " + e.getMessage());
            out.flush();
        }
    }
}
