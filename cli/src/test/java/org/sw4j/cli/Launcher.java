package org.sw4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code bin/sw4j} as a user would, as a separate process, and collects what it printed. */
final class Launcher {
    /** What one run printed and returned. */
    record Run(int exitCode, String stdout, String stderr) {
    }

    static Path root() {
        return Path.of(System.getProperty("sw4j.root", "..")).toAbsolutePath().normalize();
    }

    static Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(root().resolve("bin/sw4j").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root().toFile());
        builder.environment().put("SW4J_SKIP_BUILD", "1");
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        var stdout = process.getInputStream();
        var stderr = process.getErrorStream();
        var out = new java.util.concurrent.CompletableFuture<String>();
        var err = new java.util.concurrent.CompletableFuture<String>();
        Thread.ofVirtual().start(() -> out.complete(read(stdout)));
        Thread.ofVirtual().start(() -> err.complete(read(stderr)));
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("sw4j " + String.join(" ", args) + " did not finish in 90 s");
        }
        return new Run(process.exitValue(), out.join(), err.join());
    }

    static Run run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<unreadable: " + e + ">";
        }
    }
}
