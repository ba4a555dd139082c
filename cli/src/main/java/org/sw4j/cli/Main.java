package org.sw4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sw4j} command. */
@Command(
        name = "sw4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "The Service Worker platform for the JVM.",
        subcommands = {ExecCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command, e.g. 'sw4j exec worker.js'.");
    }

    /** Runs the command line and returns its exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(exception ->
                exception instanceof UsageException || exception instanceof CommandLine.ParameterException
                        ? ExitCode.USAGE.status() : ExitCode.SCRIPT_FAILED.status());
        commandLine.setExecutionExceptionHandler((exception, cl, parseResult) -> {
            if (exception instanceof UsageException) {
                cl.getErr().println("sw4j: " + exception.getMessage());
                cl.getErr().println("Run 'sw4j " + String.join(" ", cl.getCommandSpec().qualifiedName(" ")
                        .replaceFirst("^sw4j ?", "")) + " --help' for usage.");
                cl.getErr().flush();
                return ExitCode.USAGE.status();
            }
            throw exception;
        });
        return commandLine.execute(args);
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }
}
