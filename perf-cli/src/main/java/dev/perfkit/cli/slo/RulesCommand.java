package dev.perfkit.cli.slo;

import dev.perfkit.metrics.slo.PrometheusRules;
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
 * {@code perfkit slo rules SLO.yaml --out DIR}: writes {@code DIR/<name>.rules.yaml}, the Prometheus recording
 * and multi-window burn-rate alerting rules of the definitions (for {@code rule_files}), and prints its path.
 */
@Command(
        name = "rules",
        description = {
            "Write the Prometheus recording and burn-rate alerting rules of an SLO file to DIR/<name>.rules.yaml.",
            "Exit codes: 0 written, 2 a bad definition (named with its file and field) or an unwritable folder."
        })
public final class RulesCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec = CommandSpec.create();

    @Parameters(index = "0", paramLabel = "SLO.yaml", description = "The SLO definitions.")
    private Path file = Path.of("");

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write the rules to.")
    private Path out = Path.of("");

    @Override
    public Integer call() {
        List<Slo> slos = SloFiles.load(file);
        String name = String.valueOf(file.getFileName()).replaceFirst("\\.ya?ml$", "");
        Path target = out.resolve(name + ".rules.yaml");
        SloFiles.write(target, PrometheusRules.generate(slos));
        spec.commandLine().getOut().println("wrote " + slos.size() + " SLOs' rules to " + target);
        return 0;
    }
}
