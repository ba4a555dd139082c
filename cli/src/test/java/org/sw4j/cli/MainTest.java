package org.sw4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sw4j.cli.ServeCommandTest.Run;

/**
 * The {@code sw4j} command line as a whole: it builds only the command it runs, and every
 * command where usage, {@code help} or an unknown command needs them all.
 */
class MainTest {
    @Test
    void usageListsEveryCommandInOrder() {
        Run run = ServeCommandTest.run("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsSubsequence("Commands:", "demo", "exec", "caches", "serve", "help");
        assertThat(Main.commandLine(new String[] {"--help"}).getSubcommands().keySet())
                .containsExactly("demo", "exec", "caches", "serve", "help");
    }

    @Test
    void aCommandLineNamingACommandBuildsThatCommandOnly() {
        assertThat(Main.commandLine(new String[] {"serve", "--origin", "http://127.0.0.1:1"}).getSubcommands().keySet())
                .containsExactly("serve");
        assertThat(Main.commandLine(new String[] {"caches", "list"}).getSubcommands().keySet())
                .containsExactly("caches");
        // Errors still name the command as the whole command line would.
        Run serve = ServeCommandTest.run("serve", "--origin");
        assertThat(serve.exitCode()).isEqualTo(2);
        assertThat(serve.err()).contains("Missing required parameter for option '--origin'", "Usage: sw4j serve");
    }

    @Test
    void helpAndAnUnknownCommandSeeEveryCommand() {
        Run help = ServeCommandTest.run("help", "exec");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: sw4j exec");
        Run unknown = ServeCommandTest.run("serv");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown command 'serv' for 'sw4j' (one of: demo, exec, caches, serve)");
        Run none = ServeCommandTest.run();
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("Missing a command");
    }
}
