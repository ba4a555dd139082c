package org.sw4j.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.core.version.WorkerType;

/** importScripts() with the Service Workers spec's rules. */
class ImportScriptsTest {
    @TempDir
    Path dir;

    @Test
    void importsRunSynchronouslyInOrderResolvedAgainstTheScriptUrl() {
        try (var w = new WorkerFixture(dir)) {
            w.file("lib/a.js", "console.log('a runs'); var fromA = 1;");
            w.file("lib/b.js", "console.log('b runs', fromA); var fromB = fromA + 1;");
            w.run("""
                    console.log('before');
                    importScripts('lib/a.js', './lib/b.js');
                    console.log('after', fromB);
                    """);
            w.assertOutput("before", "a runs", "b runs 1", "after 2");
            assertThat(w.scripts().contains("http://localhost/lib/a.js")).isTrue();
            assertThat(w.scripts().contains("http://localhost/lib/b.js")).isTrue();
        }
    }

    @Test
    void anInvalidUrlThrowsSyntaxErrorBeforeAnythingIsFetched() {
        try (var w = new WorkerFixture(dir)) {
            w.file("a.js", "console.log('must not run');");
            w.run("""
                    try { importScripts('a.js', 'http://[bad'); }
                    catch (e) { console.log(e instanceof DOMException, e.name, e.code); }
                    """);
            w.assertOutput("true SyntaxError 12");
        }
    }

    @Test
    void aMissingScriptIsANetworkError() {
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    try { importScripts('missing.js'); }
                    catch (e) { console.log(e.name, e.code, e.message); }
                    """);
            w.assertOutput("NetworkError 19 Failed to execute 'importScripts' on 'WorkerGlobalScope': "
                    + "The script at 'http://localhost/missing.js' failed to load: the server answered HTTP 404.");
        }
    }

    @Test
    void aNonJavaScriptMimeTypeIsRefused() {
        try (var w = new WorkerFixture(dir)) {
            w.file("data.json", "{}");
            w.run("""
                    try { importScripts('data.json'); } catch (e) { console.log(e.name, e.message.includes("application/json")); }
                    """);
            w.assertOutput("NetworkError true");
        }
    }

    @Test
    void errorsThrownByAnImportedScriptPropagate() {
        try (var w = new WorkerFixture(dir)) {
            w.file("throws.js", "throw new RangeError('from import');");
            w.file("broken.js", "let x = ;");
            w.run("""
                    try { importScripts('throws.js'); } catch (e) { console.log(e.constructor.name, e.message); }
                    try { importScripts('broken.js'); } catch (e) { console.log(e.constructor.name); }
                    """);
            w.assertOutput("RangeError from import", "SyntaxError");
        }
    }

    @Test
    void newScriptsCannotBeImportedAfterInstallButStoredOnesCan() {
        try (var w = new WorkerFixture(dir)) {
            w.file("during.js", "console.log('during install');");
            w.file("later.js", "console.log('must not run');");
            var worker = w.run("""
                    self.addEventListener('install', () => importScripts('during.js'));
                    self.addEventListener('activate', () => {
                      importScripts('during.js');
                      try { importScripts('later.js'); } catch (e) { console.log(e.name); }
                    });
                    """);
            w.state(ServiceWorkerState.INSTALLING);
            WorkerFixture.dispatch(worker, "install");
            w.state(ServiceWorkerState.ACTIVATING);
            WorkerFixture.dispatch(worker, "activate");
            w.assertOutput("during install", "during install", "NetworkError");
        }
    }

    @Test
    void aRestartedWorkerRunsItsStoredImportsWithoutTheNetwork() throws Exception {
        try (var w = new WorkerFixture(dir)) {
            w.file("dep.js", "var version = 'v1';");
            w.file("sw.js", "importScripts('dep.js'); console.log('version', version);");
            var first = w.start("sw.js", WorkerType.CLASSIC);
            WorkerFixture.awaitIdle(first);
            first.terminate();
            first.terminated().get();
            w.file("dep.js", "var version = 'v2';");
            w.state(ServiceWorkerState.ACTIVATED);
            WorkerFixture.awaitIdle(w.start("sw.js", WorkerType.CLASSIC));
            w.assertOutput("version v1", "version v1");
        }
    }

    @Test
    void moduleWorkersHaveNoImportScripts() {
        try (var w = new WorkerFixture(dir)) {
            w.file("sw.mjs", "try { importScripts('x.js'); } catch (e) { console.log(e.constructor.name, e.message); }");
            WorkerFixture.awaitIdle(w.start("sw.mjs", WorkerType.MODULE));
            w.assertOutput("TypeError Failed to execute 'importScripts' on 'WorkerGlobalScope': Module scripts don't support importScripts().");
        }
    }
}
