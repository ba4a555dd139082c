package org.sw4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.network.TestOrigin;

/** {@code sw4j exec} through the real launcher: output, ordering and exit codes. */
class ExecIT {
    @TempDir
    Path dir;

    private Path script(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void runsTheExampleWorkerThroughInstallAndActivate() throws Exception {
        var run = Launcher.run("exec", "examples/hello/service-worker.js");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout().lines()).containsExactly(
                "[hello-v1] installing at http://localhost/service-worker.js",
                "[hello-v1] install work done, instance ok",
                "[hello-v1] activated; navigator.onLine=true, " + Runtime.getRuntime().availableProcessors() + " cores",
                "[hello-v1] ready");
        assertThat(run.stderr()).doesNotContain("fallback");
    }

    @Test
    void keepsRunningWhileTimersArePendingAndLogsInOrder() throws Exception {
        Path sw = script("sw.js", """
                console.log('evaluated');
                self.addEventListener('install', (e) => e.waitUntil(new Promise((r) => setTimeout(() => { console.log('installed'); r(); }, 100))));
                self.addEventListener('activate', () => console.log('activated'));
                setTimeout(() => console.log('late timer'), 300);
                console.error('to stderr');
                """);
        var run = Launcher.run("exec", sw.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout().lines()).containsExactly("evaluated", "installed", "activated", "late timer");
        assertThat(run.stderr()).contains("to stderr");
    }

    @Test
    void anUncaughtErrorExitsWithOneAndPrintsItsStack() throws Exception {
        Path sw = script("sw.js", """
                function fail() { throw new TypeError('broken handler'); }
                self.addEventListener('activate', fail);
                """);
        var run = Launcher.run("exec", sw.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("Uncaught TypeError: broken handler")
                .contains("at fail (http://localhost/sw.js:1:");
    }

    @Test
    void anErrorDuringEvaluationFailsTheScript() throws Exception {
        var run = Launcher.run("exec", script("sw.js", "null.boom;").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("Uncaught TypeError").contains("script evaluation failed");
    }

    @Test
    void aSyntaxErrorFailsTheScript() throws Exception {
        var run = Launcher.run("exec", script("sw.js", "let = = 1;").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("SyntaxError");
    }

    @Test
    void aRejectedInstallPromiseFailsTheInstall() throws Exception {
        Path sw = script("sw.js", """
                self.addEventListener('install', (e) => e.waitUntil(Promise.reject(new Error('precache failed'))));
                self.addEventListener('activate', () => console.log('must not activate'));
                """);
        var run = Launcher.run("exec", sw.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("install failed").contains("Error: precache failed");
        assertThat(run.stdout()).doesNotContain("must not activate");
    }

    @Test
    void aRejectedActivatePromiseFailsTheRun() throws Exception {
        Path sw = script("sw.js", "self.onactivate = (e) => e.waitUntil(Promise.reject(new RangeError('bad cleanup')));");
        var run = Launcher.run("exec", sw.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("activate failed").contains("RangeError: bad cleanup");
    }

    @Test
    void anUnhandledRejectionIsAnUncaughtError() throws Exception {
        var run = Launcher.run("exec", script("sw.js", "Promise.reject(new Error('nobody caught me'));").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("Uncaught (in promise) Error: nobody caught me");
    }

    @Test
    void aRunawayScriptIsCutOff() throws Exception {
        Path sw = script("sw.js", "self.addEventListener('install', () => { while (true) {} });");
        var run = Launcher.run("exec", "--time-limit", "2", sw.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("was terminated because its 'install' event ran for longer than 2000 ms");
    }

    @Test
    void localImportsReadFilesBesideTheScript() throws Exception {
        script("lib/helper.js", "self.greet = (who) => 'hello ' + who;");
        Path sw = script("sw.js", "importScripts('lib/helper.js'); console.log(greet('import'));");
        var run = Launcher.run("exec", sw.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("hello import\n");
    }

    @Test
    void moduleWorkersRunFromMjsFiles() throws Exception {
        script("dep.mjs", "export const answer = 42;");
        Path sw = script("sw.mjs", "import { answer } from './dep.mjs'; console.log('answer', answer);");
        var run = Launcher.run("exec", sw.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("answer 42\n");
    }

    @Test
    void scriptsRunFromAnHttpUrlWithImportsResolvedAgainstIt() throws Exception {
        try (TestOrigin origin = new TestOrigin()) {
            origin.script("/app/sw.js", "importScripts('lib.js'); console.log(location.href, fromLib);");
            origin.script("/app/lib.js", "var fromLib = 'lib loaded';");
            var run = Launcher.run("exec", origin.url("/app/sw.js"));
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.stdout()).isEqualTo(origin.url("/app/sw.js") + " lib loaded\n");
            assertThat(origin.received()).extracting(TestOrigin.Received::path).containsExactly("/app/sw.js", "/app/lib.js");
            assertThat(origin.received().get(0).headers()).containsEntry("service-worker", "script");
        }
    }

    @Test
    void anUnreachableOrWrongScriptUrlFails() throws Exception {
        try (TestOrigin origin = new TestOrigin()) {
            origin.serve("/page.html", 200, java.util.Map.of("content-type", "text/html"), "<p>hi</p>");
            var missing = Launcher.run("exec", origin.url("/missing.js"));
            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.stderr()).contains("HTTP 404");
            var html = Launcher.run("exec", origin.url("/page.html"));
            assertThat(html.exitCode()).isEqualTo(1);
            assertThat(html.stderr()).contains("'text/html'").contains("not a JavaScript MIME type");
        }
    }

    @Test
    void badUsageExitsWithTwo() throws Exception {
        assertThat(Launcher.run().exitCode()).isEqualTo(2);
        assertThat(Launcher.run("exec").exitCode()).isEqualTo(2);
        var unknownOption = Launcher.run("exec", "--bogus", "x.js");
        assertThat(unknownOption.exitCode()).isEqualTo(2);
        assertThat(unknownOption.stderr()).contains("Unknown option: '--bogus'");
        var missing = Launcher.run("exec", dir.resolve("nope.js").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).contains("no such file");
        var scheme = Launcher.run("exec", "ftp://example.com/sw.js");
        assertThat(scheme.exitCode()).isEqualTo(2);
        var type = Launcher.run("exec", "--type", "wasm", script("sw.js", "").toString());
        assertThat(type.exitCode()).isEqualTo(2);
        assertThat(type.stderr()).contains("--type must be 'classic' or 'module'");
    }

    @Test
    void theDataDirectoryIsCreatedOrRefused() throws Exception {
        Path sw = script("sw.js", "console.log('ok');");
        Path data = dir.resolve("data/nested");
        assertThat(Launcher.run("exec", "--data", data.toString(), sw.toString()).exitCode()).isZero();
        assertThat(data).isDirectory();
        Path file = Files.writeString(dir.resolve("a-file"), "");
        var refused = Launcher.run("exec", "--data", file.toString(), sw.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderr()).contains("cannot use");
    }

    @Test
    void fetchReachesTheNetworkAndNetworkConditionsApply() throws Exception {
        try (TestOrigin origin = new TestOrigin()) {
            origin.serve("/data.txt", 200, java.util.Map.of("Content-Type", "text/plain"), "from the origin");
            origin.script("/sw.js", """
                    fetch('/data.txt').then((r) => r.text()).then(
                      (text) => console.log('fetched:', text, navigator.onLine),
                      (e) => console.log('failed:', e.name, e.message, navigator.onLine));
                    """);
            var online = Launcher.run("exec", origin.url("/sw.js"));
            assertThat(online.exitCode()).as(online.stderr()).isZero();
            assertThat(online.stdout().lines()).containsExactly("fetched: from the origin true");

            // The script itself is fetched before the network conditions apply to the worker.
            var offline = Launcher.run("exec", "--offline", origin.url("/sw.js"));
            assertThat(offline.exitCode()).as(offline.stderr()).isZero();
            assertThat(offline.stdout().lines()).singleElement().asString()
                    .startsWith("failed: TypeError Failed to fetch: offline").endsWith("false");

            var refused = Launcher.run("exec", "--network-rule", "127.0.0.1=refuse", origin.url("/sw.js"));
            assertThat(refused.stdout()).contains("failed: TypeError Failed to fetch: connection refused");
        }
    }

    @Test
    void badNetworkOptionsAreUsageErrors() throws Exception {
        Path sw = script("sw.js", "");
        var latency = Launcher.run("exec", "--latency", "soon", sw.toString());
        assertThat(latency.exitCode()).isEqualTo(2);
        assertThat(latency.stderr()).contains("soon");
        var rule = Launcher.run("exec", "--network-rule", "example.com=ofline", sw.toString());
        assertThat(rule.exitCode()).isEqualTo(2);
        assertThat(rule.stderr()).contains("unknown condition 'ofline'");
    }
}
