package dev.perfkit.cli.slo;

import dev.perfkit.metrics.slo.GrafanaDashboard;
import dev.perfkit.metrics.slo.Slo;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code perfkit slo dashboard SLO.yaml --out FILE [--title TITLE]}: writes the Grafana dashboard JSON (error
 * budget and burn rate per SLO, a row per perfkit meter family).
 */
@Command(
        name = "dashboard",
        description = {
            "Write a Grafana dashboard (JSON, importable) for the SLOs of a file and every perfkit meter family.",
            "Exit codes: 0 written, 2 a bad definition (named with its file and field) or an unwritable file."
        })
public final class DashboardCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec = CommandSpec.create();

    @Parameters(index = "0", paramLabel = "SLO.yaml", description = "The SLO definitions.")
    private Path file = Path.of("");

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The dashboard file to write.")
    private Path out = Path.of("");

    @Option(names = "--title", paramLabel = "TITLE", defaultValue = "perfkit", description = "The dashboard's title.")
    private String title = "perfkit";

    @Override
    public Integer call() {
        List<Slo> slos = SloFiles.load(file);
        SloFiles.write(out, GrafanaDashboard.generate(title, slos));
        spec.commandLine().getOut().println("wrote the dashboard of " + slos.size() + " SLOs to " + out);
        return 0;
    }
}
