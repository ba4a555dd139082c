package org.sw4j.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.sw4j.core.spi.Fetcher;
import org.sw4j.core.spi.ExtendableEventResult;
import org.sw4j.core.spi.RunningWorker;
import org.sw4j.core.spi.ScriptFailure;
import org.sw4j.core.spi.WorkerObserver;
import org.sw4j.core.spi.WorkerStart;
import org.sw4j.core.version.ScriptResource;
import org.sw4j.core.version.ScriptResourceMap;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.core.version.WorkerType;
import org.sw4j.network.HttpOriginFetcher;
import org.sw4j.network.LocalDirectoryFetcher;

/**
 * Runs real worker scripts for tests: files are written to a temporary directory served as
 * {@code http://localhost/}, the worker runs on a {@link GraalWorkerHost}, and its console output
 * and uncaught errors are recorded.
 */
public final class WorkerFixture implements AutoCloseable {
    /** One console message. */
    public record Line(ConsoleSink.Level level, String text) {
    }

    private final Path dir;
    private final GraalWorkerHost host;
    private final List<Line> console = new CopyOnWriteArrayList<>();
    private final List<ScriptFailure> uncaught = new CopyOnWriteArrayList<>();
    private final List<String> terminations = new CopyOnWriteArrayList<>();
    private final AtomicReference<ServiceWorkerState> state = new AtomicReference<>(ServiceWorkerState.PARSED);
    private final ScriptResourceMap scripts = new ScriptResourceMap();
    private final String origin;
    private volatile org.sw4j.core.spi.WorkerServices services;

    public WorkerFixture(Path dir) {
        this(dir, WorkerLimits.DEFAULT);
    }

    public WorkerFixture(Path dir, WorkerLimits limits) {
        this(dir, limits, Fetcher.NONE, "http://localhost");
    }

    /**
     * A fixture whose workers' {@code fetch()} goes through {@code fetcher} and whose scripts (read
     * from {@code dir}) are served as if from {@code origin}, e.g. a test server's, so that fetches
     * to that server are same-origin.
     */
    public WorkerFixture(Path dir, WorkerLimits limits, Fetcher fetcher, String origin) {
        this(dir, limits, fetcher, origin, null);
    }

    /** As above, with {@code caches} kept in {@code cacheStore} (null: none), which the caller closes. */
    public WorkerFixture(Path dir, WorkerLimits limits, Fetcher fetcher, String origin,
            org.sw4j.core.spi.cache.CacheStore cacheStore) {
        this.dir = dir;
        this.origin = origin;
        GraalWorkerHost.Builder builder = GraalWorkerHost.builder()
                .limits(limits)
                .fetcher(fetcher)
                .console((url, level, text) -> console.add(new Line(level, text)));
        if (cacheStore != null) {
            builder.cacheStore(cacheStore);
        }
        this.host = builder.build();
    }

    /** Writes a file beside the worker script. */
    public WorkerFixture file(String name, String text) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
        return this;
    }

    /**
     * Gives the workers started from now on these services (registration, clients, skipWaiting)
     * instead of {@link org.sw4j.core.spi.WorkerServices#standalone}'s.
     */
    public WorkerFixture services(org.sw4j.core.spi.WorkerServices services) {
        this.services = services;
        return this;
    }

    public void state(ServiceWorkerState newState) {
        state.set(newState);
    }

    public ScriptResourceMap scripts() {
        return scripts;
    }

    public GraalWorkerHost host() {
        return host;
    }

    /** Starts {@code name} (already written with {@link #file}) as a worker of the given type. */
    public RunningWorker start(String name, WorkerType type) {
        return host.start(startParameters(name, type));
    }

    /** What {@link #start} starts, for tests that drive an {@code EmbeddedWorker}. */
    public WorkerStart startParameters(String name, WorkerType type) {
        String url = origin + "/" + name;
        if (!scripts.contains(url)) {
            try {
                byte[] bytes = Files.readAllBytes(dir.resolve(java.net.URLDecoder.decode(name, StandardCharsets.UTF_8)));
                scripts.put(new ScriptResource(url, url, "text/javascript", bytes));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }
        LocalDirectoryFetcher fetcher = new LocalDirectoryFetcher(origin, dir, new HttpOriginFetcher(Duration.ofSeconds(5)));
        WorkerObserver observer = WorkerObserver.of(uncaught::add, terminations::add);
        if (services != null) {
            return new WorkerStart(url, type, scripts, state::get, fetcher, observer, services);
        }
        return new WorkerStart(url, type, scripts, state::get, fetcher, observer);
    }

    /** Writes {@code sw.js}, starts it as a classic worker, and waits until it is idle. */
    public RunningWorker run(String script) {
        file("sw.js", script);
        RunningWorker worker = start("sw.js", WorkerType.CLASSIC);
        awaitIdle(worker);
        return worker;
    }

    /**
     * Runs {@code script} as a classic worker in a fresh fixture over {@code dir} and returns its
     * console output; the script must not leave an uncaught error.
     */
    public static List<String> outputOf(Path dir, String script) {
        try (var fixture = new WorkerFixture(dir)) {
            fixture.run(script);
            assertThat(fixture.uncaught()).isEmpty();
            return fixture.output();
        }
    }

    /** Waits (up to 20 s) for the worker's script evaluation and for it to become idle. */
    public static void awaitIdle(RunningWorker worker) {
        try {
            worker.evaluated().handle((v, e) -> null).get(20, TimeUnit.SECONDS);
            worker.idle().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("worker did not become idle", e);
        }
    }

    /** Dispatches an extendable event and waits (up to 20 s) for its lifetime promises. */
    public static ExtendableEventResult dispatch(RunningWorker worker, String type) {
        try {
            return worker.dispatchExtendableEvent(type).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("event '" + type + "' did not settle", e);
        }
    }

    /** Console messages' texts, in order. */
    public List<String> output() {
        return console.stream().map(Line::text).collect(Collectors.toList());
    }

    /** All console output joined with newlines. */
    public String outputText() {
        return String.join("\n", output());
    }

    public List<Line> lines() {
        return new ArrayList<>(console);
    }

    public List<ScriptFailure> uncaught() {
        return new ArrayList<>(uncaught);
    }

    public List<String> terminations() {
        return new ArrayList<>(terminations);
    }

    /** Asserts that the script's console printed exactly these lines. */
    public void assertOutput(String... expected) {
        assertThat(output()).containsExactly(expected);
    }

    @Override
    public void close() {
        host.close();
    }
}
