package org.sw4j.js.internal;

import java.io.File;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.graalvm.polyglot.Source;
import org.sw4j.core.script.JavaScriptMimeType;
import org.sw4j.core.spi.ResourceRequest;
import org.sw4j.core.spi.ResourceResponse;
import org.sw4j.core.spi.WorkerStart;
import org.sw4j.core.version.ScriptResource;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.core.version.WorkerType;
import org.sw4j.webapi.error.DomExceptionName;
import org.sw4j.webapi.error.WebError;

/**
 * Fetches a worker's imported scripts and modules and keeps them in its script resource map, with
 * the Service Workers spec's rules for when new scripts may still be fetched.
 */
final class ScriptLoader {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String MODULE_MIME_TYPE = "application/javascript+module";

    private final WorkerStart start;
    /** Names the synthetic module that tells the host that module evaluation has begun. */
    private final String moduleEvaluationKey;
    private volatile boolean moduleLoadingLocked;

    ScriptLoader(WorkerStart start) {
        this.start = start;
        byte[] token = new byte[12];
        RANDOM.nextBytes(token);
        this.moduleEvaluationKey = "sw4j-" + HexFormat.of().formatHex(token);
        // A classic script has no static imports, so import() is refused from the start.
        this.moduleLoadingLocked = start.type() == WorkerType.CLASSIC;
    }

    String moduleEvaluationKey() {
        return moduleEvaluationKey;
    }

    String evaluationStartFileName() {
        return moduleEvaluationKey + ".mjs";
    }

    /** The source of the synthetic module, run first in a module worker's graph. */
    String evaluationStartSource() {
        return "globalThis[Symbol.for('" + moduleEvaluationKey + "')]();";
    }

    /**
     * Called when evaluation of the module graph begins: from here on every module request comes
     * from {@code import()}, which service workers refuse.
     */
    void lockModuleLoading() {
        moduleLoadingLocked = true;
    }

    boolean isModuleLoadingLocked() {
        return moduleLoadingLocked;
    }

    /**
     * The Service Workers spec's override of HTML's importScripts fetch (§ "importScripts(urls)"):
     * a script in the worker's script resource map is used as stored; a new one is fetched only
     * while the worker's state is {@code parsed} or {@code installing}, and otherwise fails with a
     * {@code NetworkError}.
     */
    ScriptResource importScript(String url) {
        Optional<ScriptResource> stored = start.scripts().get(url);
        if (stored.isPresent()) {
            return stored.get();
        }
        ServiceWorkerState state = start.state().get();
        if (state != ServiceWorkerState.PARSED && state != ServiceWorkerState.INSTALLING) {
            throw WebError.dom(DomExceptionName.NETWORK_ERROR, "Failed to execute 'importScripts' on "
                    + "'WorkerGlobalScope': The script at '" + url + "' failed to load: a service worker can "
                    + "import new scripts only during its first evaluation and install, and this one is "
                    + state.jsName() + ".");
        }
        ScriptResource fetched = fetch(url, "importScripts");
        start.scripts().put(fetched);
        return fetched;
    }

    /**
     * Fetches one module of a module worker's static import graph, or returns it from the script
     * resource map.
     *
     * @throws IOException when the module cannot be had; the message says why
     */
    ScriptResource loadModule(String url) throws IOException {
        if (moduleLoadingLocked) {
            // No URL in the message: in a classic script GraalJS resolves the specifier against no
            // base, so the URL it asked for is not the one the script meant.
            throw new IOException("import() is disallowed on ServiceWorkerGlobalScope by the HTML specification"
                    + " (a service worker's modules are all fetched before it runs)");
        }
        Optional<ScriptResource> stored = start.scripts().get(url);
        if (stored.isPresent()) {
            return stored.get();
        }
        try {
            ScriptResource fetched = fetch(url, "module");
            start.scripts().put(fetched);
            return fetched;
        } catch (WebError e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The main module's source: its text behind one import of the evaluation-start module. */
    Source mainModuleSource(ScriptResource main) {
        String prefix = "import './" + evaluationStartFileName() + "';";
        return Source.newBuilder("js", new File(ModuleFileSystem.pathOf(main.url())))
                .uri(java.net.URI.create(main.url()))
                .content(prefix + main.text())
                .mimeType(MODULE_MIME_TYPE)
                .cached(true)
                .buildLiteral();
    }

    private ScriptResource fetch(String url, String purpose) {
        ResourceResponse response;
        try {
            response = start.fetcher().fetch(ResourceRequest.get(url, Map.of()));
        } catch (IOException e) {
            throw failedToLoad(url, purpose, e.getMessage());
        }
        if (!response.ok()) {
            throw failedToLoad(url, purpose, "the server answered HTTP " + response.status());
        }
        String contentType = response.header("content-type").orElse(null);
        if (!JavaScriptMimeType.matches(contentType)) {
            throw failedToLoad(url, purpose, "its MIME type ('" + (contentType == null ? "" : contentType)
                    + "') is not a JavaScript MIME type");
        }
        return new ScriptResource(url, response.url(), contentType, response.body());
    }

    private static WebError failedToLoad(String url, String purpose, String why) {
        String message = purpose.equals("importScripts")
                ? "Failed to execute 'importScripts' on 'WorkerGlobalScope': The script at '" + url
                        + "' failed to load: " + why + "."
                : "Failed to fetch module '" + url + "': " + why + ".";
        return WebError.dom(DomExceptionName.NETWORK_ERROR, message);
    }
}
