package org.sw4j.cli;

import java.io.PrintWriter;
import org.sw4j.agent.UserAgent;
import org.sw4j.inspector.Inspector;
import picocli.CommandLine.Option;

/** The inspector options of the commands that serve ({@code serve}, {@code demo}). */
final class InspectorOptions {
    @Option(names = "--inspector", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:0",
            description = "Where the inspector page listens (default: ${DEFAULT-VALUE}, a free port; loopback"
                    + " only). Its URL, with the access token, is printed at start.")
    String inspector;

    @Option(names = "--no-inspector", description = "Do not start the inspector.")
    boolean noInspector;

    /** Starts the inspector over {@code agent} unless turned off, and prints its URL; null when off. */
    Inspector start(UserAgent agent, PrintWriter out) {
        if (noInspector) {
            return null;
        }
        HostPort at = HostPort.parse("--inspector", inspector);
        Inspector started;
        try {
            started = Inspector.builder(agent).host(at.host()).port(at.port()).build().start();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--inspector: " + e.getMessage());
        }
        out.println("sw4j inspector: " + started.url());
        out.flush();
        return started;
    }
}
