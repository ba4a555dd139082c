package org.sw4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.sw4j.core.spi.cache.StorageException;
import org.sw4j.inspector.Inspector;
import org.sw4j.proxy.ServiceWorkerProxy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sw4j serve}: a reverse proxy that puts a service worker in front of an origin, until
 * SIGTERM or Ctrl-C (or, in process, until its thread is interrupted).
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serves ORIGIN through a service worker: every request to the proxy is a fetch of the origin's URL"
                    + " that the worker registered for SCOPE answers first, then the origin.",
            "A navigation (Sec-Fetch-Mode: navigate, or a GET for text/html) makes a client and sets the"
                    + " sw4j-client cookie; other requests belong to the client of that cookie, else to the page"
                    + " their Referer names. Requests with neither, and requests outside the scope, go straight to"
                    + " the origin. A client idle for --client-idle seconds is closed, so a waiting worker can activate.",
            "Errors: 502 when the worker answers with a network error or the origin is unreachable, 504 when no"
                    + " response head comes within --origin-timeout; the body says why. One access-log line per"
                    + " request on standard error.",
            "Several sites: --config FILE (instead of --origin, --worker and --scope) reads a YAML file:",
            "  listen: 127.0.0.1:8080           # optional; --listen wins",
            "  data: data                       # optional, relative to FILE; --data wins",
            "  tls: {cert: c.pem, key: k.pem}   # or tls: {self-signed: true}; optional",
            "  sites:",
            "    - host: cats.localhost         # the request's Host; or path: /cats/ (stripped before the origin)",
            "      origin: http://127.0.0.1:3000",
            "      worker: cats/sw.js           # a file relative to FILE, or an http(s) URL",
            "      scope: /                     # optional",
            "      quota: 50MB                  # optional: the origin's Cache Storage quota (K, M, G, kB, MB, GB)",
            "  A site with neither host nor path takes every request no other site takes. One engine, one listener"
                    + " and one inspector serve every site; a request no site takes gets 404.",
            "Exit status: 143 or 130 stopped by SIGTERM or Ctrl-C (after a graceful shutdown), 1 could not start (the worker could not be fetched,"
                    + " evaluated or installed and none was active before; the address is in use),"
                    + " 2 bad usage, 4 the data directory's store could not be opened."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Serve the sites this YAML file lists (see above); not with --origin, --worker, --scope.")
    Path config;

    @Option(names = "--origin", paramLabel = "URL",
            description = "The origin to serve, e.g. http://127.0.0.1:3000 (scheme, host and port only).")
    String origin;

    @Option(names = "--worker", paramLabel = "PATH|URL",
            description = {"The worker script: a local file (served to the engine as <origin><scope><file name> and"
                    + " read again at every update check, so edits install as a new worker), or a URL or path on"
                    + " the origin, fetched from there."})
    String worker;

    @Option(names = "--scope", paramLabel = "PATH",
            description = "The registration's scope on the origin (default: /).")
    String scope;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Where to listen (default: 127.0.0.1:8080; port 0 picks a free one).")
    String listen;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Keep registrations, scripts and caches in DIR (created if missing), so that a restarted"
                    + " proxy serves offline at once. Without it everything lives in memory for this run.")
    Path data;

    @Option(names = "--offline-origin",
            description = "Start with the origin offline (simulated): only the worker answers.")
    boolean offlineOrigin;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "Serve HTTPS (h2 and http/1.1 by ALPN) with this PEM certificate chain; needs --tls-key.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "The PEM private key of --tls-cert, unencrypted PKCS#8 ('BEGIN PRIVATE KEY').")
    Path tlsKey;

    @Option(names = "--self-signed",
            description = "Serve HTTPS with a self-signed certificate for localhost and 127.0.0.1, made at start by"
                    + " the JDK's keytool (EC P-256, 30 days).")
    boolean selfSigned;

    @Option(names = "--origin-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Answer 504 when no response head came within this (default: ${DEFAULT-VALUE}).")
    double originTimeout;

    @Option(names = "--client-idle", paramLabel = "SECONDS", defaultValue = "60",
            description = "Close a client after this long without requests (default: ${DEFAULT-VALUE}).")
    double clientIdle;

    @Mixin
    InspectorOptions inspectorOptions = new InspectorOptions();

    @Override
    public Integer call() throws Exception {
        ServiceWorkerProxy.Builder builder;
        SitesConfig sites = null;
        String listenOption = "--listen";
        try {
            if (config != null) {
                if (origin != null || worker != null || scope != null) {
                    throw new UsageException("--config lists the sites: give it without --origin, --worker and --scope");
                }
                sites = SitesConfig.read(config);
                builder = ServiceWorkerProxy.builder();
                sites.sites().forEach(builder::site);
                if (listen == null && sites.listen() != null) {
                    listen = sites.listen();
                    listenOption = config + ": listen";
                }
                data = data != null ? data : sites.data();
                if (tlsCert == null && tlsKey == null && !selfSigned) {
                    tlsCert = sites.tlsCert();
                    tlsKey = sites.tlsKey();
                    selfSigned = sites.selfSigned();
                }
            } else {
                if (origin == null || worker == null) {
                    throw new UsageException("give --origin and --worker (or --config FILE for several sites)");
                }
                builder = ServiceWorkerProxy.builder(origin);
                if (worker.startsWith("http://") || worker.startsWith("https://")) {
                    builder.workerUrl(worker);
                } else {
                    Path file = Path.of(worker);
                    if (!Files.isRegularFile(file)) {
                        throw new UsageException("the worker script " + worker + " is not a file (give a file, or an"
                                + " http(s) URL)");
                    }
                    builder.worker(file);
                }
                builder.scope(scope != null ? scope : "/");
            }
            HostPort at = HostPort.parse(listenOption, listen != null ? listen : "127.0.0.1:8080");
            builder.listen(at.host(), at.port());
            builder.originTimeout(seconds("--origin-timeout", originTimeout));
            builder.clientIdleTimeout(seconds("--client-idle", clientIdle));
            if (selfSigned && (tlsCert != null || tlsKey != null)) {
                throw new UsageException("give --tls-cert and --tls-key, or --self-signed, not both");
            }
            if ((tlsCert == null) != (tlsKey == null)) {
                throw new UsageException("--tls-cert and --tls-key go together");
            }
            if (tlsCert != null) {
                for (Path file : new Path[] {tlsCert, tlsKey}) {
                    if (!Files.isReadable(file)) {
                        throw new UsageException("cannot read " + file);
                    }
                }
                builder.tls(tlsCert, tlsKey);
            } else if (selfSigned) {
                builder.selfSigned();
            }
            // Checks the sites together (duplicate hosts, overlapping prefixes) before anything starts.
            builder.options();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        builder.dataDirectory(data).offlineOrigin(offlineOrigin);

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServiceWorkerProxy proxy = Serving.startProxy(builder, err);
        if (proxy == null) {
            return ExitCode.SCRIPT_FAILED.status();
        }
        Inspector inspector;
        try {
            inspector = inspectorOptions.start(proxy.agent(), out);
        } catch (RuntimeException e) {
            proxy.close();
            throw e;
        }
        String storage = data != null ? "data " + data : "in memory";
        if (sites == null) {
            out.println("sw4j serve: " + proxy.publicOrigin() + "/ -> " + origin + " (worker " + worker + ", scope "
                    + (scope != null ? scope : "/") + ", " + storage + ")");
        } else {
            out.println("sw4j serve: " + sites.sites().size() + " sites from " + config + " (" + storage + ")");
            for (ServiceWorkerProxy.Site site : sites.sites()) {
                String from = site.host() != null ? proxy.publicOrigin().replaceFirst("//[^:/]+", "//" + site.host()) + "/"
                        : proxy.publicOrigin() + (site.pathPrefix() != null ? site.pathPrefix() : "/");
                out.println("sw4j serve: " + from + " -> " + site.origin() + " (worker "
                        + (site.workerFile() != null ? site.workerFile() : site.workerUrl()) + ", scope " + site.scope()
                        + site.quota().stream().mapToObj(q -> ", quota " + ByteSize.withExact(q)).findFirst().orElse("")
                        + ")");
            }
        }
        out.flush();
        Serving.untilStopped(inspector, proxy);
        return ExitCode.OK.status();
    }

    private static Duration seconds(String option, double value) {
        if (!(value > 0) || value > 86_400) {
            throw new UsageException(option + " is a number of seconds above 0, not " + value);
        }
        return Duration.ofMillis(Math.round(value * 1000));
    }
}
