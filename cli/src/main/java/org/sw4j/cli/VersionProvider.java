package org.sw4j.cli;

import org.graalvm.polyglot.Engine;
import picocli.CommandLine;

/** {@code sw4j --version}: sw4j's, Java's and the JavaScript engine's versions and runtime. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        try (Engine engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build()) {
            return new String[] {
                "sw4j " + (version != null ? version : "(development build)"),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
                "GraalJS " + engine.getLanguages().get("js").getVersion() + " (polyglot " + engine.getVersion()
                        + ") on the " + engine.getImplementationName() + " runtime",
            };
        }
    }
}
