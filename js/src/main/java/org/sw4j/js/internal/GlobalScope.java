package org.sw4j.js.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.sw4j.core.spi.ScriptFailure;
import org.sw4j.core.version.ScriptResource;
import org.sw4j.js.ConsoleSink;
import org.sw4j.webapi.error.DomExceptionName;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.url.Url;
import org.sw4j.webapi.url.UrlParseException;

/**
 * The Java half of a worker's {@code ServiceWorkerGlobalScope}: runs sw4j's bootstrap scripts in a
 * fresh context, hands them the host operations, and keeps the entry points the event loop calls.
 */
final class GlobalScope {
    /** The bootstrap scripts, in evaluation order; each evaluates to {@code (host, internals, config) => void}. */
    private static final List<String> BOOTSTRAP = List.of(
            "webidl.js", "events.js", "console.js", "timers.js", "encoding.js", "structured-clone.js",
            "abort.js", "global-scope.js");
    private static final List<Source> BOOTSTRAP_SOURCES = BOOTSTRAP.stream().map(GlobalScope::loadBootstrap).toList();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WorkerInstance worker;
    private final Context context;
    private final ScriptLoader scripts;
    private final long startNanos = System.nanoTime();
    private Value dispatchExtendable;
    private Value runTimer;
    private Value notifyRejectedPromises;
    private Value reportException;
    private Value describeError;
    private Value scriptEvaluated;
    private boolean rejectionsPending;

    private GlobalScope(WorkerInstance worker, Context context) {
        this.worker = worker;
        this.context = context;
        this.scripts = worker.scripts();
    }

    static GlobalScope create(WorkerInstance worker, Context context) {
        GlobalScope scope = new GlobalScope(worker, context);
        scope.bootstrap();
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

    private void bootstrap() {
        HostFunctions host = hostFunctions();
        Value internals = context.eval("js", "({})");
        ProxyObject config = ProxyObject.fromMap(config());
        for (Source source : BOOTSTRAP_SOURCES) {
            context.eval(source).execute(host, internals, config);
            if (source.getName().equals("sw4j:webidl.js")) {
                host.errorFactory(internals.getMember("makeError"));
            }
        }
        dispatchExtendable = internals.getMember("dispatchExtendableEvent");
        runTimer = internals.getMember("runTimer");
        notifyRejectedPromises = internals.getMember("notifyRejectedPromises");
        reportException = internals.getMember("reportException");
        describeError = internals.getMember("describeError");
        scriptEvaluated = internals.getMember("scriptEvaluated");
    }

    private Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        var start = worker.startParameters();
        config.put("scriptUrl", start.scriptUrl());
        config.put("type", start.type().name().toLowerCase(java.util.Locale.ROOT));
        config.put("userAgent", worker.userAgent());
        config.put("hardwareConcurrency", Runtime.getRuntime().availableProcessors());
        config.put("timeOrigin", WorkerInstance.epochMillis(Instant.now()));
        config.put("moduleEvaluationKey", scripts.moduleEvaluationKey());
        config.put("domExceptionNames", HostFunctions.array(
                java.util.Arrays.stream(DomExceptionName.values()).map(DomExceptionName::jsName).toArray()));
        config.put("domExceptionCodes", HostFunctions.array(
                java.util.Arrays.stream(DomExceptionName.values()).map(DomExceptionName::legacyCode).toArray()));
        return config;
    }

    private HostFunctions hostFunctions() {
        HostFunctions host = new HostFunctions();
        ConsoleSink console = worker.console();
        String scriptUrl = worker.startParameters().scriptUrl();
        host.define("console", args -> {
            console.write(scriptUrl, ConsoleSink.Level.valueOf(args[0].asString()), args[1].asString());
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
        host.define("uncaughtError", args -> {
            worker.startParameters().observer().uncaughtError(failure(args[0]));
            return null;
        });
        host.define("rejectionsPending", args -> {
            rejectionsPending = true;
            return null;
        });
        host.define("workerState", args -> worker.startParameters().state().get().jsName());
        return host;
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
            scriptEvaluated.executeVoid();
        }
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
        worker.console().write(worker.scriptUrl(), ConsoleSink.Level.ERROR, "Uncaught " + failure.describe());
        worker.startParameters().observer().uncaughtError(failure);
        return failure;
    }

    void dispatchExtendableEvent(String type, int id) {
        dispatchExtendable.execute(type, id);
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

    static WebError networkError(String message) {
        return WebError.dom(DomExceptionName.NETWORK_ERROR, message);
    }
}
