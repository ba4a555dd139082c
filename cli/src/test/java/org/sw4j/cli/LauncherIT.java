package org.sw4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher runs GraalJS with its optimizing compiler, not the interpreter. */
class LauncherIT {
    @TempDir
    Path dir;

    @Test
    void theLaunchersJvmRunsTheGraalCompiler() throws Exception {
        var run = Launcher.run("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("GraalJS").doesNotContain("Interpreted");
        assertThat(run.stdout()).containsPattern("on the .*(GraalVM|Graal).* runtime");
        assertThat(run.stderr()).doesNotContain("fallback runtime");
    }

    @Test
    void hotJavaScriptGetsCompiled() throws Exception {
        // fib gets hot; the script stops once fib(25) runs at compiled speed (interpreted it takes
        // tens of milliseconds), or after 60 s.
        Path sw = Files.writeString(dir.resolve("hot.js"), """
                function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
                const start = performance.now();
                function round() {
                  const t = performance.now();
                  fib(25);
                  if (performance.now() - t > 2 && performance.now() - start < 60000) setTimeout(round, 0);
                }
                round();
                """);
        Path log = dir.resolve("compilation.log");
        var run = Launcher.run(Map.of("SW4J_JAVA_OPTS",
                "-Dpolyglot.engine.TraceCompilation=true -Dpolyglot.log.file=" + log), "exec", sw.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(Files.readAllLines(log)).anySatisfy(line -> assertThat(line).contains("opt done").contains("fib"));
    }
}
