package dev.perfkit.cli.slo;

import dev.perfkit.cli.Perfkit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code perfkit slo}: the group of the SLO generators. */
@Command(
        name = "slo",
        description = "Generate Prometheus rules and a Grafana dashboard from an SLO definition file.",
        subcommands = {RulesCommand.class, DashboardCommand.class})
public final class SloCommand implements Runnable {
    @Spec
    private CommandSpec spec = CommandSpec.create();

    @Override
    public void run() {
        throw Perfkit.missingSubcommand(spec);
    }
}
