package dev.perfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.cli.CliRun.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The contract every subcommand shares: help and version exit 0, a bad argument exits 2 with one line. */
class PerfkitTest {
    static Result run(String... args) {
        return CliRun.run(args);
    }

    private static String[] with(String command, String... more) {
        List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "advise",
                "assets",
                "assets process",
                "assets serve",
                "assets tags",
                "bench",
                "bench ratios",
                "bench compare",
                "slo",
                "slo rules",
                "slo dashboard"
            })
    void helpOfEveryCommandExitsZeroWithItsUsage(String command) {
        for (String flag : List.of("--help", "-h")) {
            Result r = run(with(command, flag));
            assertThat(r.code()).as(command + " " + flag).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).startsWith("Usage: perfkit" + (command.isEmpty() ? "" : " " + command));
        }
    }

    @Test
    void helpNamesEveryFlagOfTheContract() {
        assertThat(run("advise", "--help").out())
                .contains(
                        "--url=JDBC_URL",
                        "--user=U",
                        "--password=P",
                        "--queries=FILE.sql",
                        "--pg-stat-statements",
                        "--max-indexes=N",
                        "--format=text|json",
                        "--apply",
                        "--transactional");
        assertThat(run("advise", "--help").out().replaceAll("\\s+", " ")).contains("'-- calls: N'");
        assertThat(run("assets", "process", "--help").out()).contains("--in=DIR", "--out=DIR", "--cdn-base=URL");
        assertThat(run("assets", "serve", "--help").out()).contains("--dir=DIR", "--port=N");
        assertThat(run("--help").out()).contains("advise", "assets", "bench", "slo");
        assertThat(run("bench", "compare", "--help").out()).contains("BASE.json", "NEW.json", "--threshold=PCT");
        assertThat(run("slo", "rules", "--help").out()).contains("SLO.yaml", "--out=DIR");
        assertThat(run("slo", "dashboard", "--help").out()).contains("SLO.yaml", "--out=FILE", "--title=TITLE");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "advise", "assets", "assets process", "assets serve", "assets tags", "bench", "bench ratios"
            })
    void versionPrintsTheBuiltVersion(String command) {
        for (String flag : List.of("--version", "-V")) {
            Result r = run(with(command, flag));
            assertThat(r.code()).isZero();
            assertThat(r.out().strip()).matches("perfkit \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "frobnicate",
                "advise",
                "advise --bogus",
                "advise --url jdbc:postgresql://127.0.0.1/db --bogus",
                "advise --url http://example.com --queries q.sql",
                "advise --url jdbc:postgresql://127.0.0.1/db --format xml",
                "advise --url jdbc:postgresql://127.0.0.1/db --max-indexes 0",
                "advise --url jdbc:postgresql://127.0.0.1/db --max-indexes 1001",
                "advise --url jdbc:postgresql://127.0.0.1/db --max-indexes many",
                "advise --url jdbc:postgresql://127.0.0.1/db --queries /no/such/file.sql",
                "advise --url jdbc:postgresql://127.0.0.1/db",
                "advise --user",
                "assets",
                "assets frobnicate",
                "assets process",
                "assets process --in",
                "assets serve --port 1",
                "assets serve --dir d --port -1",
                "bench",
                "bench ratios",
                "bench ratios /no/such/result.json",
                "bench ratios r.json --min 0",
                "bench ratios r.json --min fast",
                "bench compare",
                "bench compare only-one.json",
                "bench compare a.json b.json --threshold lots",
                "slo",
                "slo rules",
                "slo rules slo.yaml",
                "slo dashboard slo.yaml"
            })
    void aBadArgumentExitsTwoWithOneLineNamingIt(String command) {
        Result r = run(with(command));
        assertThat(r.code()).as(command).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).as(r.err()).startsWith("perfkit: ").endsWith(System.lineSeparator());
        assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void theMessageNamesTheArgument() {
        assertThat(run("advise", "--url", "jdbc:postgresql://x/y", "--bogus").err())
                .contains("'--bogus'")
                .contains("see 'perfkit advise --help'");
        assertThat(run("advise", "--bogus").err()).contains("'--bogus'");
        assertThat(run("advise", "--url", "jdbc:postgresql://x/y", "--max-indexes", "0")
                        .err())
                .contains("--max-indexes must be a whole number from 1 to 1000, but was '0'");
        assertThat(run("advise", "--url", "jdbc:postgresql://x/y", "--format", "xml")
                        .err())
                .contains("--format must be text or json, but was 'xml'");
        assertThat(run("assets", "serve", "--dir", "d", "--port", "70000").err())
                .contains("--port must be between 0 and 65535, but was 70000");
        assertThat(run().err()).contains("missing subcommand; choose one of advise, assets");
        assertThat(run("advise", "--url", "jdbc:postgresql://x/y").err())
                .contains("no queries were given: pass --queries FILE.sql")
                .contains("--pg-stat-statements");
    }
}
