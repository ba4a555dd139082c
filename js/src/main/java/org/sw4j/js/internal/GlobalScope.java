package org.sw4j.js.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sw4j.core.spi.FetchEnvironment;
import org.sw4j.core.spi.Fetcher;
import org.sw4j.core.cache.CacheStorage;
import org.sw4j.core.spi.cache.CacheStore;
import org.sw4j.core.spi.FetchEventInit;
import org.sw4j.core.spi.FetchEventResult;
import org.sw4j.core.spi.PendingExtension;
import org.sw4j.core.spi.RegistrationInfo;
import org.sw4j.core.spi.ScriptFailure;
import org.sw4j.core.version.ScriptResource;
import org.sw4j.js.ConsoleSink;
import org.sw4j.webapi.error.DomExceptionName;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.fetch.Body;
import org.sw4j.webapi.fetch.BodySource;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.FetchResponse;
import org.sw4j.webapi.fetch.Headers;
import org.sw4j.webapi.url.Url;
import org.sw4j.webapi.url.UrlParseException;

/**
 * The Java half of a {@code ServiceWorkerGlobalScope}: a sandboxed GraalJS context in which sw4j's
 * bootstrap scripts have built the global scope, the host operations they call, and the entry
 * points the event loop calls.
 *
 * <p>A scope is prepared before it is known which worker it will serve (so a pool can keep one
 * ready), then {@linkplain #bind bound} to exactly one worker.
 */
final class GlobalScope {
    private static final Logger LOG = LoggerFactory.getLogger(GlobalScope.class);
    /** The bootstrap scripts, in evaluation order; each evaluates to {@code (host, internals, config) => void}. */
    private static final List<String> BOOTSTRAP = List.of(
            "webidl.js", "events.js", "console.js", "timers.js", "encoding.js", "structured-clone.js",
            "abort.js", "url.js", "urlpattern.js", "streams.js", "blob.js", "fetch.js", "caches.js", "fetch-event.js", "messaging.js", "clients.js", "global-scope.js");
    private static final List<Source> BOOTSTRAP_SOURCES = BOOTSTRAP.stream().map(GlobalScope::loadBootstrap).toList();
    /**
     * What JavaScript may touch of host objects: the methods of sw4j's own operation objects marked
     * {@link HostAccess.Export} (see {@link HostFunctions#defineObject}). Nothing else: no other
     * class it can reach has such methods.
     */
    private static final HostAccess HOST_ACCESS = HostAccess.newBuilder(HostAccess.NONE)
            .allowAccessAnnotatedBy(HostAccess.Export.class)
            .build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Context context;
    private final ModuleFileSystem modules;
    private final ConsoleSink console;
    private final String userAgent;
    private final Fetcher fetcher;
    private final CacheStore cacheStore;
    private CacheStorage cacheStorage;
    /** The caches this scope's scripts hold open, released when they are collected or the scope closes. */
    private final java.util.Set<AutoCloseable> openCaches = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /**
     * The bodies JavaScript writes into Java (a fetch's request body, a respondWith() response's),
     * whose readers must not wait forever once the worker is gone; weakly held.
     */
    private final java.util.Set<BodyPipe> openPipes =
            java.util.Collections.synchronizedSet(java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));
    private FetchEnvironment fetchEnvironment;
    private WorkerInstance worker;
    private ScriptLoader scripts;
    private long startNanos;
    private Value bindWorker;
    private Value dispatchExtendable;
    private Value runTimer;
    private Value notifyRejectedPromises;
    private Value reportException;
    private Value describeError;
    private Value scriptEvaluated;
    private Value dispatchFetch;
    private Value registrationChanged;
    private Value pendingExtensions;
    private Value dispatchMessage;
    private MessagingBinding messaging;
    private Value internals;
    private boolean rejectionsPending;
    private volatile java.util.Set<String> eventTypesToHandle = java.util.Set.of();
    private Url apiBaseUrl;
    private Fetcher.Subscription onlineSubscription;

    private GlobalScope(Engine engine, ConsoleSink console, String userAgent, Fetcher fetcher, CacheStore cacheStore) {
        this.console = console;
        this.userAgent = userAgent;
        this.fetcher = fetcher;
        this.cacheStore = cacheStore;
        this.modules = new ModuleFileSystem();
        this.context = newContext(engine, modules);
    }

    /**
     * Creates a sandboxed context and runs the bootstrap in it; any thread may call this. Then,
     * when {@code warm} still says so, runs a fetch event's path once on a private target (see
     * {@link #warmUp}): worth it for a scope kept ready, not for one a worker is waiting for, whose
     * first event does the same work.
     */
    static GlobalScope prepare(Engine engine, ConsoleSink console, String userAgent, Fetcher fetcher,
            CacheStore cacheStore, BooleanSupplier warm) {
        GlobalScope scope = new GlobalScope(engine, console, userAgent, fetcher, cacheStore);
        try {
            scope.bootstrap(userAgent);
            if (warm.getAsBoolean()) {
                scope.warmUp();
            }
        } catch (RuntimeException e) {
            scope.context.close(true);
            throw e;
        }
        return scope;
    }

    private static Source loadBootstrap(String name) {
        String resource = "/org/sw4j/js/bootstrap/" + name;
        try (InputStream in = GlobalScope.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing bootstrap script " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Source.newBuilder("js", text, "sw4j:" + name).internal(true).cached(true).buildLiteral();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Context newContext(Engine engine, ModuleFileSystem modules) {
        return Context.newBuilder("js")
                .engine(engine)
                .allowHostAccess(HOST_ACCESS)
                .allowHostClassLookup(className -> false)
                .allowHostClassLoading(false)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowIO(IOAccess.newBuilder().fileSystem(modules).build())
                .allowExperimentalOptions(true)
                .option("js.load", "false")
                .option("js.print", "false")
                .option("js.console", "false")
                .option("js.polyglot-builtin", "false")
                .option("js.java-package-globals", "false")
                .option("js.global-arguments", "false")
                .option("js.performance", "false")
                .option("js.unhandled-rejections", "handler")
                .option("js.esm-eval-returns-exports", "false")
                .in(InputStream.nullInputStream())
                .out(new LoggingOutputStream(LOG, false))
                .err(new LoggingOutputStream(LOG, true))
                .build();
    }

    private void bootstrap(String userAgent) {
        HostFunctions host = hostFunctions();
        internals = context.eval("js", "({})");
        Map<String, Object> config = new HashMap<>();
        config.put("userAgent", userAgent);
        config.put("hardwareConcurrency", Runtime.getRuntime().availableProcessors());
        config.put("domExceptionNames", HostFunctions.array(
                Arrays.stream(DomExceptionName.values()).map(DomExceptionName::jsName).toArray()));
        config.put("domExceptionCodes", HostFunctions.array(
                Arrays.stream(DomExceptionName.values()).map(DomExceptionName::legacyCode).toArray()));
        ProxyObject configObject = ProxyObject.fromMap(config);
        for (Source source : BOOTSTRAP_SOURCES) {
            context.eval(source).execute(host, internals, configObject);
            if (source.getName().equals("sw4j:webidl.js")) {
                host.errorFactory(internals.getMember("makeError"));
            }
        }
        bindWorker = internals.getMember("bindWorker");
        dispatchExtendable = internals.getMember("dispatchExtendableEvent");
        runTimer = internals.getMember("runTimer");
        notifyRejectedPromises = internals.getMember("notifyRejectedPromises");
        reportException = internals.getMember("reportException");
        describeError = internals.getMember("describeError");
        scriptEvaluated = internals.getMember("scriptEvaluated");
        dispatchFetch = internals.getMember("dispatchFetchEvent");
        registrationChanged = internals.getMember("registrationChanged");
        pendingExtensions = internals.getMember("pendingExtensions");
        dispatchMessage = internals.getMember("dispatchMessageEvent");
    }

    /** Makes this scope the global scope of {@code worker}; called once, on the worker's thread. */
    /** Runs a fetch event's path once on a private target (see fetch-event.js's warmUp). */
    private void warmUp() {
        FetchRequest request = new FetchRequest(org.sw4j.webapi.url.Url.parse("https://warm.invalid/"));
        internals.getMember("warmUp").execute(request, new Headers(request.headerList(), Headers.Guard.IMMUTABLE));
    }

    void bind(WorkerInstance worker) {
        if (this.worker != null) {
            throw new IllegalStateException("a global scope serves one worker only");
        }
        this.worker = worker;
        this.scripts = worker.scripts();
        this.startNanos = System.nanoTime();
        var start = worker.startParameters();
        modules.bind(scripts, start.scriptUrl());
        bindWorker.execute(start.scriptUrl(), start.type().name().toLowerCase(Locale.ROOT),
                epochMillis(Instant.now()), scripts.moduleEvaluationKey());
        Value onlineChanged = internals.getMember("onlineChanged");
        onlineSubscription = fetcher.addOnlineListener(online ->
                worker.post(online ? "'online' event" : "'offline' event", () -> onlineChanged.execute(online)));
    }

    /** An instant as fractional milliseconds since the epoch, for {@code performance.timeOrigin}. */
    private static double epochMillis(Instant instant) {
        return instant.getEpochSecond() * 1000d + instant.getNano() / 1_000_000d;
    }

    private HostFunctions hostFunctions() {
        HostFunctions host = new HostFunctions();
        host.define("console", args -> {
            console.write(worker == null ? "" : worker.scriptUrl(), ConsoleSink.Level.valueOf(args[0].asString()),
                    args[1].asString());
            return null;
        });
        host.define("now", args -> (System.nanoTime() - startNanos) / 1_000_000d);
        host.define("schedule", args -> {
            worker.scheduleTimer(args[0].asInt(), args[1].asDouble(), args[2].asBoolean());
            return null;
        });
        host.define("cancel", args -> {
            worker.cancelTimer(args[0].asInt());
            return null;
        });
        host.define("fillRandom", args -> {
            fillRandom(args[0], args[1].asLong(), args[2].asInt());
            return null;
        });
        host.define("randomUUID", args -> UUID.randomUUID().toString());
        host.define("parseUrl", args -> parseUrl(args[0].asString(), args[1].isNull() ? null : args[1].asString()));
        host.define("importScript", args -> {
            ScriptResource script = scripts.importScript(args[0].asString());
            context.eval(Source.newBuilder("js", script.text(), script.url()).buildLiteral());
            return null;
        });
        host.define("lockModuleLoading", args -> {
            scripts.lockModuleLoading();
            return null;
        });
        host.define("eventSettled", args -> {
            worker.eventSettled(args[0].asInt(), args[1].isNull() ? null : failure(args[1]));
            return null;
        });
        host.define("fetchEventAnswered", args -> {
            worker.fetchEventAnswered(args[0].asInt(), answer(args[1], args[2], args[3]));
            return null;
        });
        host.define("uncaughtError", args -> {
            worker.startParameters().observer().uncaughtError(failure(args[0]));
            return null;
        });
        host.define("rejectionsPending", args -> {
            rejectionsPending = true;
            return null;
        });
        UrlBinding.define(host, this);
        UrlPatternBinding.define(host, this);
        StreamsBinding.define(host, this);
        FetchBinding.define(host, this);
        CacheBinding.define(host, this);
        ServicesBinding.define(host, this);
        messaging = MessagingBinding.define(host, this);
        return host;
    }

    /** The worker this scope serves; null until {@link #bind}. */
    WorkerInstance worker() {
        return worker;
    }

    Context context() {
        return context;
    }

    /** The bootstrap's private {@code internals} object (e.g. {@code internals.streams}), for bindings and tests. */
    Value internals() {
        return internals;
    }

    Fetcher fetcher() {
        return fetcher;
    }

    /**
     * This worker's CacheStorage: its origin's partition of the host's cache store.
     *
     * @throws WebError InvalidStateError when the host was built without a cache store
     */
    synchronized CacheStorage cacheStorage() {
        if (cacheStorage == null) {
            if (cacheStore == null) {
                throw WebError.dom(DomExceptionName.INVALID_STATE_ERROR,
                        "this worker host has no Cache Storage (GraalWorkerHost.Builder.cacheStore)");
            }
            cacheStorage = new CacheStorage(cacheStore, fetchEnvironment().origin().serialize());
        }
        return cacheStorage;
    }

    /** The caches this scope's scripts hold open (see {@link CacheBinding}). */
    java.util.Set<AutoCloseable> openCaches() {
        return openCaches;
    }

    /** The bodies JavaScript is writing into Java (see {@link BodyPipe}). */
    java.util.Set<BodyPipe> openPipes() {
        return openPipes;
    }

    /** What fetching needs of this worker's environment settings object. */
    FetchEnvironment fetchEnvironment() {
        if (fetchEnvironment == null) {
            fetchEnvironment = FetchEnvironment.forScript(apiBaseUrl(), userAgent);
        }
        return fetchEnvironment;
    }

    /** HTML's API base URL of this worker's settings object: the worker's script URL. */
    Url apiBaseUrl() {
        if (apiBaseUrl == null) {
            apiBaseUrl = Url.parse(worker.scriptUrl());
        }
        return apiBaseUrl;
    }

    private static ScriptFailure failure(Value description) {
        return new ScriptFailure(description.getArrayElement(0).asString(), description.getArrayElement(1).asString(),
                description.getArrayElement(2).asString());
    }

    private static void fillRandom(Value buffer, long offset, int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        for (int i = 0; i < length; i++) {
            buffer.writeBufferByte(offset + i, bytes[i]);
        }
    }

    /**
     * Parses {@code input} against {@code base} with the URL Standard's parser; returns the URL's
     * components as an array, or null on failure.
     */
    private static Object parseUrl(String input, String base) {
        try {
            Url url = base == null ? Url.parse(input) : Url.parse(input, base);
            return HostFunctions.array(url.href(), url.origin(), url.protocol(), url.username(), url.password(),
                    url.host(), url.hostname(), url.port(), url.pathname(), url.search(), url.hash());
        } catch (UrlParseException e) {
            return null;
        }
    }

    /**
     * Evaluates the main script (classic) or module graph (module). A failure is reported as the
     * HTML spec's "report an exception" does and returned.
     */
    Optional<ScriptFailure> evaluateMainScript(ScriptResource main, boolean module) {
        Source source = module ? scripts.mainModuleSource(main)
                : Source.newBuilder("js", main.text(), main.url()).buildLiteral();
        try {
            context.eval(source);
            return Optional.empty();
        } catch (PolyglotException e) {
            if (e.isCancelled() || e.isInterrupted() || e.isHostException() && !e.isGuestException()) {
                throw e;
            }
            return Optional.of(report(e));
        } finally {
            Value types = scriptEvaluated.execute();
            java.util.Set<String> handled = new java.util.LinkedHashSet<>();
            for (long i = 0; i < types.getArraySize(); i++) {
                handled.add(types.getArrayElement(i).asString());
            }
            eventTypesToHandle = java.util.Collections.unmodifiableSet(handled);
        }
    }

    /**
     * The worker's "set of event types to handle" (Service Workers § Run Service Worker): the
     * global scope's listener types when the main script's initial evaluation ended; empty before.
     */
    java.util.Set<String> eventTypesToHandle() {
        return eventTypesToHandle;
    }

    /** Reports an exception that escaped to the host and describes it. */
    private ScriptFailure report(PolyglotException e) {
        Value guest = e.getGuestObject();
        if (guest != null && !guest.isNull()) {
            reportException.execute(guest);
            return failure(describeError.execute(guest));
        }
        String name = e.isSyntaxError() ? "SyntaxError" : "Error";
        ScriptFailure failure = new ScriptFailure(name, e.getMessage(), name + ": " + e.getMessage());
        console.write(worker.scriptUrl(), ConsoleSink.Level.ERROR, "Uncaught " + failure.describe());
        worker.startParameters().observer().uncaughtError(failure);
        return failure;
    }

    void dispatchExtendableEvent(String type, int id) {
        dispatchExtendable.execute(type, id);
    }

    /**
     * Service Workers § Handle Fetch, the task that creates and dispatches the FetchEvent: the
     * request crosses with immutable headers and its body (if any) as a streaming source.
     */
    void dispatchFetchEvent(int id, FetchEventInit init) {
        FetchRequest request = init.request();
        Body body = request.body();
        dispatchFetch.execute(id, request, new Headers(request.headerList(), Headers.Guard.IMMUTABLE),
                body == null ? null : body.stream(), body == null ? -1d : (double) body.length(),
                request.url().href(), init.clientId(), init.resultingClientId(), init.replacesClientId(),
                init.preloadResponse());
    }

    /**
     * How respondWith() answered, as the host hands it out: a response (its own copy of the
     * response's record, its body the stream JavaScript feeds), a network error (a reason), or,
     * with neither, a fallback to the network.
     */
    private static FetchEventResult answer(Value response, Value source, Value reason) {
        if (!reason.isNull()) {
            return new FetchEventResult.NetworkError(reason.asString());
        }
        if (response.isNull()) {
            return new FetchEventResult.Fallback();
        }
        FetchResponse original = response.asHostObject();
        // Service Workers § respondWith(r): "a copy of response's associated response, except for
        // its body", which is then the body JavaScript hands over.
        FetchResponse copy = original.clone();
        if (!source.isNull()) {
            BodySource stream = source.asHostObject();
            Body described = original.unfiltered().body();
            copy.unfiltered().setBody(new Body(stream, stream.length(), described != null && described.fromReadableStream()));
        } else if (original.isFiltered() && original.body() == null && original.unfiltered().body() != null) {
            // An opaque response's body, which JavaScript never sees: it moves to the copy.
            copy.unfiltered().setBody(original.unfiltered().body());
        }
        return new FetchEventResult.Responded(copy);
    }

    /** Service Workers § ServiceWorker postMessage(), the task that fires the ExtendableMessageEvent. */
    void dispatchMessageEvent(int id, org.sw4j.core.spi.ExtendableMessageEventInit init) {
        dispatchMessage.execute(id, init.message(), init.origin(),
                init.sourceClient() == null ? null : ServicesBinding.client(init.sourceClient()),
                init.sourceWorker() == null ? null : ServicesBinding.worker(init.sourceWorker()));
    }

    /** Service Workers § Update Registration State and Update Worker State, in this realm. */
    void registrationChanged(RegistrationInfo registration, boolean updateFound) {
        registrationChanged.execute(ServicesBinding.registration(registration), updateFound);
    }

    /** The lifetime promises still pending in this realm. */
    List<PendingExtension> pendingExtensions() {
        Value all = pendingExtensions.execute();
        List<PendingExtension> list = new java.util.ArrayList<>();
        for (long i = 0; i < all.getArraySize(); i++) {
            Value record = all.getArrayElement(i);
            list.add(new PendingExtension(record.getArrayElement(0).asString(), record.getArrayElement(1).asString(),
                    record.getArrayElement(2).asString(), record.getArrayElement(3).asLong()));
        }
        return list;
    }

    void runTimer(int id) {
        runTimer.execute(id);
    }

    /**
     * Runs after every task: when promises were rejected without handlers during it, queues the
     * HTML spec's "notify about rejected promises" task.
     */
    void afterTask() {
        if (rejectionsPending) {
            rejectionsPending = false;
            worker.post("unhandled rejection notification", notifyRejectedPromises::executeVoid);
        }
    }

    /** Closes the context, cancelling whatever runs in it. */
    void close() {
        if (onlineSubscription != null) {
            onlineSubscription.close();
        }
        for (AutoCloseable cache : openCaches) {
            try {
                cache.close();
            } catch (Exception e) {
                LOG.debug("releasing a cache", e);
            }
        }
        openCaches.clear();
        if (messaging != null) {
            messaging.close();
        }
        List<BodyPipe> pipes;
        synchronized (openPipes) {
            pipes = List.copyOf(openPipes);
            openPipes.clear();
        }
        String stopped = "the worker " + (worker == null ? "" : worker.scriptUrl() + " ") + "stopped before the body was written";
        pipes.forEach(pipe -> pipe.writerGone(stopped));
        try {
            context.close(true);
        } catch (RuntimeException e) {
            LOG.debug("closing a context", e);
        }
    }
}
