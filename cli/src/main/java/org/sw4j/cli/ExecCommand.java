package org.sw4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.sw4j.core.script.JavaScriptMimeType;
import org.sw4j.core.spi.ExtendableEventResult;
import org.sw4j.core.spi.OriginFetcher;
import org.sw4j.core.spi.ResourceRequest;
import org.sw4j.core.spi.ResourceResponse;
import org.sw4j.core.spi.RunningWorker;
import org.sw4j.core.spi.ScriptEvaluationException;
import org.sw4j.core.spi.ScriptFailure;
import org.sw4j.core.spi.WorkerObserver;
import org.sw4j.core.spi.WorkerStart;
import org.sw4j.core.spi.cache.CacheStore;
import org.sw4j.core.version.EmbeddedWorker;
import org.sw4j.core.version.ScriptResource;
import org.sw4j.core.version.ScriptResourceMap;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.core.version.WorkerType;
import org.sw4j.js.GraalWorkerHost;
import org.sw4j.js.WorkerLimits;
import org.sw4j.network.HttpFetcher;
import org.sw4j.network.HttpOriginFetcher;
import org.sw4j.network.NetworkClient;
import org.sw4j.network.NetworkConditions;
import org.sw4j.network.LocalDirectoryFetcher;
import org.sw4j.webapi.url.Url;
import org.sw4j.webapi.url.UrlParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sw4j exec}: runs one service worker script the way a browser first runs a newly
 * registered worker: evaluate it, dispatch {@code install} then {@code activate} (each held by
 * {@code waitUntil}), and keep its event loop going until nothing is left to do.
 */
@Command(
        name = "exec",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a service worker script: evaluates it, dispatches 'install' then 'activate', and exits when"
                    + " nothing is left to do (no task, timer or extended event).",
            "A local file runs as http://localhost/<file name>; its relative imports read files beside it.",
            "Exit status: 0 success, 1 uncaught error or failed install/activate, 2 bad usage,"
                    + " 4 the data directory's store could not be opened."})
final class ExecCommand implements java.util.concurrent.Callable<Integer> {
    private static final String LOCAL_ORIGIN = "http://localhost";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCRIPT", description = "A script file, or an http(s) URL of one.")
    String script;

    @Option(names = "--data", paramLabel = "DIR",
            description = {"Keep the worker's caches (Cache Storage, navigator.storage) in DIR (created if missing),"
                    + " where a later run and 'sw4j caches' find them. Without it they live in memory for this run."})
    Path data;

    @Option(names = "--quota", paramLabel = "BYTES",
            description = "The worker's storage quota, e.g. 50M or 1G (K, M, G: powers of 1024; default: 1G).")
    String quota;

    @Option(names = "--type", paramLabel = "TYPE",
            description = "'classic' or 'module' (default: module for .mjs files, else classic).")
    String type;

    @Option(names = "--time-limit", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long one task (an event, a timer callback) may run before the worker is cut off"
                    + " (default: ${DEFAULT-VALUE}).")
    double timeLimitSeconds;

    @Option(names = "--offline", description = "Start with the network offline: every fetch() fails, navigator.onLine is false"
                    + " (the script itself is still loaded).")
    boolean offline;

    @Option(names = "--latency", paramLabel = "DURATION",
            description = "Delay every response by DURATION, e.g. 200ms or 1.5s.")
    String latency;

    @Option(names = "--throughput", paramLabel = "RATE",
            description = "Limit every response body to RATE, e.g. 500kB/s or 1MiB/s.")
    String throughput;

    @Option(names = "--network-rule", paramLabel = "HOST=CONDITION",
            description = {"Network condition for one host, overriding the others (repeatable), e.g.",
                "  api.test=offline   example.com:8080=latency:300ms,reset-after:1024   *.cdn.test=refuse",
                "Conditions: online, offline, latency:D, throughput:R, refuse, reset, reset-after:BYTES."})
    List<String> networkRules = new ArrayList<>();

    /** The network conditions the options describe. */
    private NetworkConditions networkConditions() {
        List<String> arguments = new ArrayList<>();
        if (offline) {
            arguments.add("--offline");
        }
        if (latency != null) {
            arguments.add("--latency");
            arguments.add(latency);
        }
        if (throughput != null) {
            arguments.add("--throughput");
            arguments.add(throughput);
        }
        for (String rule : networkRules) {
            arguments.add("--network-rule");
            arguments.add(rule);
        }
        try {
            return NetworkConditions.fromArguments(arguments);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (!(timeLimitSeconds > 0)) {
            throw new UsageException("--time-limit must be a positive number of seconds");
        }
        NetworkConditions conditions = networkConditions();
        Long quotaBytes = quota == null ? null : ByteSize.parse("--quota", quota);
        prepareDataDirectory();
        ScriptSource source = resolveScript();
        ScriptResource main;
        try {
            main = source.fetchMain();
        } catch (ScriptLoadException e) {
            err.println("sw4j: " + e.getMessage());
            return ExitCode.SCRIPT_FAILED.status();
        }
        WorkerType workerType = workerType(main.url());

        ScriptResourceMap scripts = new ScriptResourceMap();
        scripts.put(main);
        AtomicReference<ServiceWorkerState> state = new AtomicReference<>(ServiceWorkerState.PARSED);
        List<ScriptFailure> uncaught = new CopyOnWriteArrayList<>();
        AtomicReference<String> cutOff = new AtomicReference<>();
        WorkerObserver observer = WorkerObserver.of(uncaught::add, cutOff::set);
        WorkerLimits limits = new WorkerLimits(Duration.ofMillis((long) (timeLimitSeconds * 1000)),
                WorkerLimits.DEFAULT.taskHeapGrowthLimit());
        // One worker runs, so no global scope is prepared ahead: it would only compete with it.
        // The store is closed last, after the host has ended the worker.
        try (CacheStore cacheStore = DataDirectory.openForWorker(data, quotaBytes);
                NetworkClient client = NetworkClient.builder().addNetworkInterceptor(conditions).build();
                GraalWorkerHost host = GraalWorkerHost.builder().limits(limits).preparedScopes(0).cacheStore(cacheStore)
                        .fetcher(HttpFetcher.builder(client).networkConditions(conditions).build())
                        .build()) {
            EmbeddedWorker worker = new EmbeddedWorker(host,
                    () -> new WorkerStart(main.url(), workerType, scripts, state::get, source.fetcher(), observer));
            RunningWorker running = worker.run();
            if (!await(running.evaluated(), err, "script evaluation failed")) {
                return ExitCode.SCRIPT_FAILED.status();
            }
            state.set(ServiceWorkerState.INSTALLING);
            ExtendableEventResult install = awaitEvent(worker, "install", err);
            if (install == null) {
                state.set(ServiceWorkerState.REDUNDANT);
                return ExitCode.SCRIPT_FAILED.status();
            }
            if (!install.succeeded()) {
                state.set(ServiceWorkerState.REDUNDANT);
                err.println("sw4j: install failed: a promise passed to waitUntil() rejected with "
                        + install.rejection().orElseThrow().describe());
                return ExitCode.SCRIPT_FAILED.status();
            }
            state.set(ServiceWorkerState.INSTALLED);
            state.set(ServiceWorkerState.ACTIVATING);
            ExtendableEventResult activate = awaitEvent(worker, "activate", err);
            // The spec activates a worker whatever its activate event's promises did.
            state.set(ServiceWorkerState.ACTIVATED);
            if (activate == null) {
                return ExitCode.SCRIPT_FAILED.status();
            }
            boolean ok = true;
            if (!activate.succeeded()) {
                err.println("sw4j: activate failed: a promise passed to waitUntil() rejected with "
                        + activate.rejection().orElseThrow().describe());
                ok = false;
            }
            RunningWorker current = worker.current();
            if (current != null) {
                current.idle().join();
            }
            if (cutOff.get() != null) {
                // The log already said why.
                ok = false;
            }
            if (!uncaught.isEmpty()) {
                ok = false;
            }
            err.flush();
            return ok ? ExitCode.OK.status() : ExitCode.SCRIPT_FAILED.status();
        }
    }

    private ExtendableEventResult awaitEvent(EmbeddedWorker worker, String type, PrintWriter err) throws InterruptedException {
        CompletableFuture<ExtendableEventResult> result = worker.dispatchExtendableEvent(type);
        try {
            return result.get();
        } catch (ExecutionException e) {
            err.println("sw4j: the '" + type + "' event did not complete: " + e.getCause().getMessage());
            return null;
        }
    }

    private static boolean await(CompletableFuture<Void> evaluation, PrintWriter err, String what)
            throws InterruptedException {
        try {
            evaluation.get();
            return true;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ScriptEvaluationException evaluationFailure) {
                // The script's console already shows "Uncaught ..." with its stack.
                err.println("sw4j: " + what + ": " + evaluationFailure.failure().describe());
            } else {
                err.println("sw4j: " + what + ": " + cause.getMessage());
            }
            return false;
        }
    }

    private void prepareDataDirectory() {
        if (data == null) {
            return;
        }
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new UsageException("cannot use '" + data + "' as the data directory: " + e.getMessage());
        }
        if (!Files.isWritable(data)) {
            throw new UsageException("the data directory '" + data + "' is not writable");
        }
    }

    private WorkerType workerType(String url) {
        if (type == null) {
            return url.endsWith(".mjs") ? WorkerType.MODULE : WorkerType.CLASSIC;
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "classic" -> WorkerType.CLASSIC;
            case "module" -> WorkerType.MODULE;
            default -> throw new UsageException("--type must be 'classic' or 'module', not '" + type + "'");
        };
    }

    private ScriptSource resolveScript() {
        HttpOriginFetcher network = new HttpOriginFetcher();
        if (script.startsWith("http://") || script.startsWith("https://")) {
            try {
                return new ScriptSource(Url.parse(script).href(), network);
            } catch (UrlParseException e) {
                throw new UsageException("'" + script + "' is not a valid URL");
            }
        }
        if (script.contains("://")) {
            throw new UsageException("'" + script + "': only http and https URLs, or local files, can be run");
        }
        Path file = Path.of(script).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new UsageException("no such file: " + script);
        }
        if (!Files.isReadable(file)) {
            throw new UsageException("cannot read " + script);
        }
        String name = file.getFileName().toString()
                .replace("%", "%25").replace("#", "%23").replace("?", "%3F");
        String url = Url.parse(LOCAL_ORIGIN + "/" + name).href();
        return new ScriptSource(url, new LocalDirectoryFetcher(LOCAL_ORIGIN, file.getParent(), network));
    }

    /** Where the main script comes from and how its imports are fetched. */
    private record ScriptSource(String url, OriginFetcher fetcher) {
        /** Fetches the main script with the checks a registration applies (ok status, JavaScript MIME type). */
        ScriptResource fetchMain() throws ScriptLoadException {
            ResourceResponse response;
            try {
                response = fetcher.fetch(ResourceRequest.get(url, Map.of("service-worker", "script")));
            } catch (IOException e) {
                throw new ScriptLoadException("cannot fetch " + url + ": " + e.getMessage());
            }
            if (!response.ok()) {
                throw new ScriptLoadException("cannot fetch " + url + ": the server answered HTTP " + response.status());
            }
            String contentType = response.header("content-type").orElse(null);
            if (!JavaScriptMimeType.matches(contentType)) {
                throw new ScriptLoadException("cannot run " + url + ": its MIME type ('"
                        + (contentType == null ? "" : contentType) + "') is not a JavaScript MIME type");
            }
            return new ScriptResource(url, response.url(), contentType, response.body());
        }
    }

    /** The main script could not be had. */
    private static final class ScriptLoadException extends Exception {
        ScriptLoadException(String message) {
            super(message);
        }
    }
}
