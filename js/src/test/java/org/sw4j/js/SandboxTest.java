package org.sw4j.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.core.version.WorkerType;

/** Escapes a hostile script might try; each must be refused. */
class SandboxTest {
    @TempDir
    Path dir;

    @Test
    void noHostOrEngineGlobalsAreVisible() {
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    const names = ['Java', 'Packages', 'java', 'javax', 'com', 'org', 'Polyglot', 'Graal', 'load',
                      'loadWithNewGlobal', 'print', 'printErr', 'quit', 'exit', 'read', 'readline', 'readbuffer',
                      'require', 'process', 'module', 'global', 'arguments', 'Deno', 'Bun', 'SharedArrayBuffer'];
                    console.log(names.filter((n) => n in globalThis || typeof globalThis[n] !== 'undefined').join(',') || 'none');
                    """);
            w.assertOutput("none");
        }
    }

    @Test
    void hostObjectsGiveNoWayToTheJvm() {
        // The internal host functions are never reachable, and a host exception exposes nothing.
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    const probes = [
                      () => Java.type('java.lang.Runtime'),
                      () => Polyglot.eval('js', '1'),
                      () => load('/etc/passwd'),
                      () => globalThis.constructor.constructor('return Java')().type('java.lang.System'),
                      () => Object.getPrototypeOf(self).constructor.constructor('return this')().Java.type('x'),
                    ];
                    console.log(probes.map((probe) => { try { probe(); return 'escaped'; } catch (e) { return e.constructor.name; } }).join(','));
                    """);
            w.assertOutput("ReferenceError,ReferenceError,ReferenceError,ReferenceError,TypeError");
        }
    }

    @Test
    void filesOutsideTheScriptDirectoryCannotBeImported() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.js"), "console.log('SECRET LEAKED');");
        Path workerDir = Files.createDirectories(dir.resolve("site"));
        try (var w = new WorkerFixture(workerDir)) {
            w.run("""
                    for (const url of ['../secret.js', '/../secret.js', '%2e%2e/secret.js', 'file://""" + secret + """
                    ', 'file:///etc/passwd']) {
                      try { importScripts(url); console.log('imported', url); } catch (e) { console.log(e.name === 'NetworkError' ? e.name : e.name + e.message + e.stack); }
                    }
                    """);
            w.assertOutput("NetworkError", "NetworkError", "NetworkError", "NetworkError", "NetworkError");
        }
    }

    @Test
    void modulesCannotBeLoadedFromTheFileSystem() {
        try (var w = new WorkerFixture(dir)) {
            w.file("sw.mjs", "import '/etc/passwd'; console.log('escaped');");
            w.start("sw.mjs", WorkerType.MODULE).evaluated().handle((v, e) -> null).join();
            assertThat(w.output()).noneMatch(line -> line.contains("escaped") || line.contains("root:"));
        }
        try (var w = new WorkerFixture(dir)) {
            w.file("sw.mjs", "import 'file:///etc/passwd'; console.log('escaped');");
            w.start("sw.mjs", WorkerType.MODULE).evaluated().handle((v, e) -> null).join();
            assertThat(w.output()).noneMatch(line -> line.contains("escaped") || line.contains("root:"));
        }
    }

    @Test
    void eachWorkerHasItsOwnGlobals() {
        try (var w = new WorkerFixture(dir)) {
            w.file("a.js", "globalThis.shared = 'from a'; Array.prototype.polluted = true;");
            w.file("b.js", "console.log(typeof shared, [].polluted);");
            WorkerFixture.awaitIdle(w.start("a.js", WorkerType.CLASSIC));
            WorkerFixture.awaitIdle(w.start("b.js", WorkerType.CLASSIC));
            w.assertOutput("undefined undefined");
        }
    }
}
