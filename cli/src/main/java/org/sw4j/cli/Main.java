package org.sw4j.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sw4j} command. */
@Command(
        name = "sw4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "The Service Worker platform for the JVM.",
        subcommands = {DemoCommand.class, ExecCommand.class, CachesCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
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
        commandLine.setExitCodeExceptionMapper(exception -> ExitCode.of(exception).status());
        commandLine.setParameterExceptionHandler(Main::reportParameterError);
        commandLine.setExecutionExceptionHandler((exception, cl, parseResult) -> {
            ExitCode code = ExitCode.of(exception);
            if (code == ExitCode.SCRIPT_FAILED) {
                // Not a failure a command reports on purpose: a bug, shown with its stack.
                throw exception;
            }
            cl.getErr().println("sw4j: " + exception.getMessage());
            if (code == ExitCode.USAGE) {
                cl.getErr().println("Run 'sw4j " + cl.getCommandSpec().qualifiedName(" ").replaceFirst("^sw4j ?", "")
                        + " --help' for usage.");
            }
            cl.getErr().flush();
            return code.status();
        });
        return commandLine.execute(args);
    }

    /**
     * Reports a command line picocli could not parse: an unknown command by name with the ones
     * there are; anything else with picocli's message and the command's usage.
     */
    private static int reportParameterError(CommandLine.ParameterException exception, String[] args) {
        CommandLine cl = exception.getCommandLine();
        PrintWriter err = cl.getErr();
        String command = cl.getCommandSpec().qualifiedName(" ");
        if (exception instanceof CommandLine.UnmatchedArgumentException unmatched && !cl.getSubcommands().isEmpty()
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            List<String> names = cl.getSubcommands().keySet().stream().filter(name -> !name.equals("help")).toList();
            err.println("sw4j: unknown command '" + unmatched.getUnmatched().get(0) + "' for '" + command
                    + "' (one of: " + String.join(", ", names) + ")");
            err.println("Run '" + command + " --help' for usage.");
        } else {
            err.println(exception.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(exception, err)) {
                cl.usage(err);
            }
        }
        err.flush();
        return ExitCode.of(exception).status();
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
