package org.sw4j.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.core.spi.ScriptEvaluationException;
import org.sw4j.core.version.WorkerType;

/** Module workers ({@code type: "module"}): static imports are fetched, import() is refused. */
class ModuleWorkerTest {
    @TempDir
    Path dir;

    @Test
    void staticImportsAreResolvedAgainstTheModuleUrlAndEvaluatedFirst() {
        try (var w = new WorkerFixture(dir)) {
            w.file("lib/math.mjs", "console.log('math evaluated', import.meta.url); export const twice = (x) => 2 * x;");
            w.file("lib/util.mjs", "import { twice } from './math.mjs'; export default (x) => twice(x) + 1;");
            w.file("sw.mjs", """
                    import calc from './lib/util.mjs';
                    import { twice } from '/lib/math.mjs';
                    console.log('main', calc(20), twice(2), typeof importScripts, import.meta.url);
                    """);
            WorkerFixture.awaitIdle(w.start("sw.mjs", WorkerType.MODULE));
            w.assertOutput("math evaluated http://localhost/lib/math.mjs", "main 41 4 function http://localhost/sw.mjs");
            assertThat(w.scripts().all()).extracting(s -> s.url()).containsExactly(
                    "http://localhost/sw.mjs", "http://localhost/lib/util.mjs", "http://localhost/lib/math.mjs");
        }
    }

    @Test
    void moduleScopeIsStrictAndNotGlobal() {
        try (var w = new WorkerFixture(dir)) {
            w.file("sw.mjs", """
                    var notGlobal = 1;
                    console.log(typeof self.notGlobal, this === undefined, (function () { return this; })() === undefined);
                    """);
            WorkerFixture.awaitIdle(w.start("sw.mjs", WorkerType.MODULE));
            w.assertOutput("undefined true true");
        }
    }

    @Test
    void dynamicImportIsRejected() {
        try (var w = new WorkerFixture(dir)) {
            w.file("dep.mjs", "export const x = 1;");
            w.file("other.mjs", "export const y = 2;");
            w.file("sw.mjs", """
                    import { x } from './dep.mjs';
                    import('./dep.mjs').then(() => console.log('loaded dep'), (e) => console.log('dep refused', e instanceof TypeError, e.message.includes('import() is disallowed')));
                    import('./other.mjs').then(() => console.log('loaded other'), (e) => console.log('other refused', e instanceof TypeError));
                    """);
            WorkerFixture.awaitIdle(w.start("sw.mjs", WorkerType.MODULE));
            assertThat(w.output()).containsExactlyInAnyOrder("dep refused true true", "other refused true");
        }
    }

    @Test
    void dynamicImportIsRejectedInClassicWorkersToo() {
        try (var w = new WorkerFixture(dir)) {
            w.file("dep.mjs", "export const x = 1;");
            w.run("import('./dep.mjs').then(() => console.log('loaded'), (e) => console.log('refused', e.constructor.name));");
            w.assertOutput("refused TypeError");
        }
    }

    @Test
    void aMissingStaticImportFailsEvaluationBeforeAnyModuleRuns() throws Exception {
        try (var w = new WorkerFixture(dir)) {
            w.file("ok.mjs", "console.log('must not run');");
            w.file("sw.mjs", "import './ok.mjs'; import './missing.mjs'; console.log('must not run either');");
            var worker = w.start("sw.mjs", WorkerType.MODULE);
            var failure = worker.evaluated().handle((v, e) -> e).get(20, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOf(ScriptEvaluationException.class);
            assertThat(failure.getMessage()).contains("missing.mjs");
            assertThat(w.output()).noneMatch(line -> line.contains("must not run"));
        }
    }

    @Test
    void moduleEvaluationErrorsFailTheScript() throws Exception {
        try (var w = new WorkerFixture(dir)) {
            w.file("sw.mjs", "throw new Error('top-level failure');");
            var worker = w.start("sw.mjs", WorkerType.MODULE);
            var failure = worker.evaluated().handle((v, e) -> e).get(20, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOf(ScriptEvaluationException.class);
            assertThat(((ScriptEvaluationException) failure).failure().describe()).isEqualTo("Error: top-level failure");
        }
    }
}
