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
        description = "The Service Worker platform for the JVM.")
public final class Main implements Runnable {
    /** The commands, in the order usage lists them; made only when needed (see {@link #commandLine}). */
    private static final List<String> COMMANDS = List.of("demo", "exec", "caches", "serve", "help");

    /*
     * A switch, not a map of constructor references: the JDK's AOT cache (bin/sw4j) cannot keep
     * picocli's classes, which are of an old class-file version, and JDK 25 crashes writing a cache
     * whose linked lambdas name one (CommandLine.HelpCommand::new did).
     */
    private static Object newCommand(String name) {
        return switch (name) {
            case "demo" -> new DemoCommand();
            case "exec" -> new ExecCommand();
            case "caches" -> new CachesCommand();
            case "serve" -> new ServeCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command, e.g. 'sw4j exec worker.js'.");
    }

    /**
     * The command line for {@code args}: with only the command {@code args} name first, when they
     * do (picocli reads every command's annotations when it is added, which costs a few hundred
     * milliseconds of start-up for all of them), else with every command (usage, {@code help},
     * an unknown command).
     */
    static CommandLine commandLine(String[] args) {
        CommandLine commandLine = new CommandLine(new Main());
        String first = args.length > 0 ? args[0] : "";
        if (COMMANDS.contains(first) && !first.equals("help")) {
            commandLine.addSubcommand(first, newCommand(first));
        } else {
            for (String name : COMMANDS) {
                commandLine.addSubcommand(name, newCommand(name));
            }
        }
        return commandLine;
    }

    /** Runs the command line and returns its exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length > 0 && (args[0].equals("serve") || args[0].equals("demo"))) {
            preloadForServing();
        }
        CommandLine commandLine = commandLine(args);
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
     * Initializes, on a thread of its own while the command line is parsed, a class whose
     * initialization is slow and that serving needs before it can listen: Jetty's
     * {@code MimeTypes} asks the JDK for every locale it has (about 250 ms at start-up).
     */
    private static void preloadForServing() {
        Thread.ofPlatform().daemon().name("sw4j-preload").start(() -> {
            try {
                Class.forName("org.eclipse.jetty.http.MimeTypes", true, Main.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // Whoever needs it next initializes it again and reports what fails.
            }
        });
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
