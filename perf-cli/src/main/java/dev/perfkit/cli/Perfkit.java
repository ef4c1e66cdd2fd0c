package dev.perfkit.cli;

import dev.perfkit.cli.advise.AdviseCommand;
import dev.perfkit.cli.assets.AssetsCommand;
import dev.perfkit.cli.bench.BenchCommand;
import dev.perfkit.cli.slo.SloCommand;
import java.io.Console;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/**
 * {@code perfkit}, the command-line tool of perfkit: {@code advise} (the index advisor), the {@code assets}
 * commands, {@code bench ratios}, {@code bench compare} (the regression gate), {@code slo rules} and
 * {@code slo dashboard}. Built on picocli, the standard for Java command lines. A new subcommand is one
 * {@code @Command} class listed in {@code subcommands} here (or in its group, like {@link AssetsCommand}).
 *
 * <p>Exit codes, the same for every subcommand ({@link Exit}): 0 ran, 1 ran and found a problem where the
 * subcommand says so, 2 bad arguments or an unreachable resource, reported on one line of stderr.
 *
 * <pre>{@code
 * java -jar perf-cli/target/perfkit-cli.jar advise --url jdbc:postgresql://127.0.0.1/app --queries q.sql
 * java -jar perf-cli/target/perfkit-cli.jar assets process --in src/assets --out target/assets
 * java -jar perf-cli/target/perfkit-cli.jar bench compare base.json new.json --threshold 5
 * java -jar perf-cli/target/perfkit-cli.jar slo rules slo.yaml --out prometheus/
 * }</pre>
 */
@Command(
        name = "perfkit",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        scope = ScopeType.INHERIT,
        description = "perfkit's tools: the PostgreSQL index advisor, the static asset pipeline, JMH result ratios"
                + " and the regression gate, and the SLO rule and dashboard generators.",
        subcommands = {AdviseCommand.class, AssetsCommand.class, BenchCommand.class, SloCommand.class})
public final class Perfkit implements Runnable {
    @CommandLine.Spec
    private CommandSpec spec = CommandSpec.create();

    private final boolean terminal;

    private Perfkit(boolean terminal) {
        this.terminal = terminal;
    }

    /**
     * Runs the command line and exits the JVM with its exit code ({@code assets serve} runs until stopped).
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        // Jetty and the libraries log through SLF4J (the simple binding, on stderr): warnings only, unless asked.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.exit(run(args, System.out, System.err, terminal()));
    }

    /**
     * Whether the JVM runs on a terminal: {@code System.console() != null} up to JDK 21; from JDK 22 on the
     * console exists for pipes too and {@code Console.isTerminal()} (JDK 22+, called reflectively) says it. This
     * is the version check https://errorprone.info/bugpattern/SystemConsoleNull asks for, hence its suppression.
     */
    @SuppressWarnings("SystemConsoleNull")
    static boolean terminal() {
        Console console = System.console();
        if (console == null || Runtime.version().feature() < 22) {
            return console != null;
        }
        try {
            return Boolean.TRUE.equals(Console.class.getMethod("isTerminal").invoke(console));
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /**
     * Runs the command line without exiting.
     *
     * @param args the command line
     * @param out where results go
     * @param err where progress and the one-line errors go
     * @param terminal whether {@code err} is a terminal: a progress bar if so, plain progress lines if not
     * @return the exit code, one of {@link Exit}'s
     */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        CommandLine cmd = new CommandLine(new Perfkit(terminal));
        cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cmd.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cmd.setParameterExceptionHandler(Errors::badArguments);
        cmd.setExecutionExceptionHandler(Errors::failed);
        return cmd.execute(args);
    }

    /** The running tool of a subcommand, for its shared settings. */
    private static Perfkit of(CommandSpec spec) {
        return (Perfkit) spec.root().userObject();
    }

    /**
     * A progress display on stderr: a bar on a terminal, plain lines otherwise.
     *
     * @param spec the subcommand's spec
     * @param label what is counted, for example {@code "processing files"}
     * @return a new progress display
     */
    public static Progress progress(CommandSpec spec, String label) {
        return new Progress(spec.commandLine().getErr(), of(spec).terminal, label);
    }

    /**
     * The error of a group command (perfkit, perfkit assets) run without one of its subcommands: exit 2, naming
     * them.
     *
     * @param spec the group's spec
     * @return the exception to throw from the group's {@code run()}
     */
    public static ParameterException missingSubcommand(CommandSpec spec) {
        return Errors.missingSubcommand(spec);
    }

    @Override
    public void run() {
        throw missingSubcommand(spec);
    }
}
