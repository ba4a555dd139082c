package org.sw4j.bench;

import org.graalvm.polyglot.Engine;

/**
 * Prints the Truffle runtime GraalJS runs on and exits with status 1 when it is the
 * interpreter-only fallback ("Interpreted"): bench/run-worker-bench.sh runs it with the JVM options
 * it benchmarks with, and stops rather than measure the interpreter.
 */
public final class JitCheck {
    private JitCheck() {
    }

    public static void main(String[] args) {
        String name;
        try (Engine engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build()) {
            name = engine.getImplementationName();
        }
        System.out.println(name);
        System.exit("Interpreted".equals(name) ? 1 : 0);
    }
}
