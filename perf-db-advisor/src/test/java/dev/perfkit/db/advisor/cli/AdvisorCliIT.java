package dev.perfkit.db.advisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.testsupport.PostgresExtension;
import dev.perfkit.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The CLI contract end to end: JSON shape, text, exit codes and one-line errors, in-process and as the jar. */
class AdvisorCliIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static boolean hypoPg;

    record Result(int code, String out, String err) {}

    @BeforeAll
    static void schema() {
        TestDatabase db = PG.database();
        hypoPg = db.tryCreateExtension("hypopg");
        db.execute(
                "CREATE TABLE items (id int PRIMARY KEY, k int NOT NULL, v text)",
                "INSERT INTO items SELECT g, g % 5000, 'v' || g FROM generate_series(1, 100000) g",
                "ANALYZE items");
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AdvisorCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> base(Path queries, String format) {
        TestDatabase db = PG.database();
        List<String> args = new ArrayList<>(List.of(
                "advise",
                "--url",
                db.jdbcUrl(),
                "--user",
                db.user(),
                "--queries",
                queries.toString(),
                "--format",
                format));
        if (!db.password().isEmpty()) {
            args.addAll(List.of("--password", db.password()));
        }
        if (!hypoPg) {
            args.add("--transactional");
        }
        return args;
    }

    @Test
    void jsonOutputFollowsTheContract(@TempDir Path dir) throws IOException {
        Path queries = Files.writeString(dir.resolve("q.sql"), "SELECT * FROM items WHERE k = 42;\nSELEC nonsense;\n");
        Result r = run(base(queries, "json").toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.fieldNames())
                .toIterable()
                .containsExactly(
                        "mode",
                        "recommendations",
                        "unusedIndexes",
                        "duplicateIndexes",
                        "missingForeignKeyIndexes",
                        "invalidIndexes",
                        "skipped");
        assertThat(json.get("mode").asText()).isEqualTo(hypoPg ? "hypopg" : "transactional");
        JsonNode rec = json.get("recommendations").get(0);
        assertThat(rec.fieldNames())
                .toIterable()
                .containsExactly(
                        "table",
                        "columns",
                        "include",
                        "where",
                        "ddl",
                        "workloadCostBefore",
                        "workloadCostAfter",
                        "queries");
        assertThat(rec.get("table").asText()).isEqualTo("public.items");
        assertThat(rec.get("columns").toString()).isEqualTo("[\"k\"]");
        assertThat(rec.get("where").isNull()).isTrue();
        assertThat(rec.get("ddl").asText()).isEqualTo("CREATE INDEX CONCURRENTLY ON public.items (k)");
        assertThat(rec.get("workloadCostAfter").asDouble())
                .isLessThan(rec.get("workloadCostBefore").asDouble());
        assertThat(rec.get("queries").get(0).asText()).isEqualTo("select * from items where k = ?");
        assertThat(json.get("skipped").get(0).get("query").asText()).isEqualTo("selec nonsense");
        assertThat(json.get("skipped").get(0).get("reason").asText()).startsWith("not a query the advisor can cost");
    }

    @Test
    void textOutputAndEmptyWorkloadExitZero(@TempDir Path dir) throws IOException {
        Path queries = Files.writeString(dir.resolve("q.sql"), "SELECT * FROM items WHERE k = 42;");
        Result text = run(base(queries, "text").toArray(String[]::new));
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("Recommended indexes: 1", "CREATE INDEX CONCURRENTLY ON public.items (k);");
        Path empty = Files.writeString(dir.resolve("empty.sql"), "-- nothing\n");
        Result none = run(base(empty, "json").toArray(String[]::new));
        assertThat(none.code()).isZero();
        assertThat(JSON.readTree(none.out()).get("recommendations").size()).isZero();
    }

    @Test
    void badArgumentsExitTwoWithOneLine(@TempDir Path dir) {
        String url = PG.database().jdbcUrl();
        List<String[]> bad = List.of(
                new String[0],
                new String[] {"advise"},
                new String[] {"advice", "--url", url},
                new String[] {"advise", "--url", url, "--format", "xml"},
                new String[] {"advise", "--url", url, "--max-indexes", "0"},
                new String[] {"advise", "--url", url, "--max-indexes", "many"},
                new String[] {"advise", "--url", url, "--bogus"},
                new String[] {"advise", "--url", "http://example.com"},
                new String[] {
                    "advise",
                    "--url",
                    url,
                    "--queries",
                    dir.resolve("missing.sql").toString()
                },
                new String[] {"advise", "--url", url, "--user"});
        for (String[] args : bad) {
            Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().strip())
                    .startsWith("perf-db-cli: ")
                    .doesNotContain("\n")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void unreachableDatabaseExitsTwoWithOneLine() throws IOException {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Result r = run("advise", "--url", "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "--user", "postgres");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("perf-db-cli: cannot connect to").doesNotContain("\n");
    }

    @Test
    void theShadedJarRunsAsTheContractSays(@TempDir Path dir) throws Exception {
        Path jar = Path.of("target", "perf-db-cli.jar");
        assertThat(jar).exists();
        Path queries = Files.writeString(dir.resolve("q.sql"), "SELECT * FROM items WHERE k = 42;");
        List<String> cmd = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        cmd.addAll(base(queries, "json"));
        Process p = new ProcessBuilder(cmd)
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
        assertThat(JSON.readTree(out)
                        .get("recommendations")
                        .get(0)
                        .get("columns")
                        .toString())
                .isEqualTo("[\"k\"]");

        Process bad = new ProcessBuilder(cmd.get(0), "-jar", jar.toString(), "advise")
                .redirectError(dir.resolve("err2.txt").toFile())
                .start();
        assertThat(bad.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.exitValue()).isEqualTo(2);
        assertThat(Files.readAllLines(dir.resolve("err2.txt")))
                .singleElement()
                .satisfies(line -> assertThat(line).startsWith("perf-db-cli: --url is required"));

        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process down = new ProcessBuilder(
                        cmd.get(0),
                        "-jar",
                        jar.toString(),
                        "advise",
                        "--url",
                        "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                        "--queries",
                        queries.toString())
                .redirectError(dir.resolve("err3.txt").toFile())
                .start();
        assertThat(down.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(down.exitValue()).isEqualTo(2);
        assertThat(Files.readAllLines(dir.resolve("err3.txt")))
                .singleElement()
                .satisfies(line -> assertThat(line).startsWith("perf-db-cli: cannot connect to"));
    }
}
