package dev.perfkit.cli.advise;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.cli.Perfkit;
import dev.perfkit.testsupport.PostgresExtension;
import dev.perfkit.testsupport.Services;
import dev.perfkit.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perfkit advise} against real PostgreSQL: JSON shape, text header, exit codes, one-line errors and the
 * progress lines. The same contract through {@code java -jar} is in PerfkitJarIT.
 */
public class AdviseIT {
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
        int code = Perfkit.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static List<String> base(Path queries, String format) {
        return base(PG.database(), queries, format, hypoPg);
    }

    /** {@code advise} with a queries file, in the mode the database allows: HypoPG where installed. */
    public static List<String> base(TestDatabase db, Path queries, String format, boolean hypoPg) {
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
                        "skipped",
                        "staleTables");
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
                        "queries",
                        "estimatedBytes");
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
    void textOutputNamesTheModeThatRanAndAnEmptyWorkloadExitsZero(@TempDir Path dir) throws IOException {
        Path queries = Files.writeString(dir.resolve("q.sql"), "SELECT * FROM items WHERE k = 42;");
        Result text = run(base(queries, "text").toArray(String[]::new));
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("Recommended indexes: 1", "CREATE INDEX CONCURRENTLY ON public.items (k);");
        assertThat(text.out().lines().findFirst().orElseThrow())
                .isEqualTo(
                        hypoPg
                                ? "Index advisor (what-if mode: hypopg, hypothetical indexes, nothing built)"
                                : "Index advisor (what-if mode: transactional, candidate indexes were BUILT inside"
                                        + " transactions and rolled back)");
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
                    .startsWith("perfkit: ")
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
        Result r = run(
                "advise",
                "--url",
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "--user",
                "postgres",
                "--pg-stat-statements");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("perfkit: cannot connect to").doesNotContain("\n");
    }

    @Test
    void theTransactionalModeIsTheOneTheHeaderNames(@TempDir Path dir) throws IOException {
        Path queries = Files.writeString(dir.resolve("q.sql"), "SELECT * FROM items WHERE k = 42;");
        List<String> args = base(queries, "text");
        if (!args.contains("--transactional")) {
            args.add("--transactional");
        }
        Result r = run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Index advisor (what-if mode: transactional, candidate indexes were BUILT");
        Result json = run(base(queries, "json").stream()
                .filter(a -> !a.equals("--transactional"))
                .toArray(String[]::new));
        if (hypoPg) {
            assertThat(JSON.readTree(json.out()).get("mode").asText()).isEqualTo("hypopg");
        } else {
            assertThat(json.code()).isEqualTo(2);
            assertThat(json.err().strip()).startsWith("perfkit: the HypoPG extension is not installed");
        }
    }

    @Test
    void progressGoesToStderrAsPlainLinesWhenNotATerminal(@TempDir Path dir) throws IOException {
        Path queries =
                Files.writeString(dir.resolve("q.sql"), "SELECT * FROM items WHERE k = 42;\nSELECT * FROM items;");
        Result r = run(base(queries, "json").toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("\r");
        assertThat(r.err().lines().toList())
                .contains("analysing statements 1/2", "analysing statements 2/2")
                .anySatisfy(line ->
                        assertThat(line).matches("costing candidate indexes \\((hypopg|transactional)\\) (\\d+)/\\2"));
        JSON.readTree(r.out());
    }

    @Test
    void pgStatStatementsGivesTheWorkload(TestDatabase db) throws SQLException {
        if (!db.tryCreateExtension("pg_stat_statements")) {
            throw Services.missing("the pg_stat_statements extension", null);
        }
        try (Connection c = db.connect();
                Statement st = c.createStatement()) {
            st.executeQuery("SELECT 1 FROM pg_stat_statements LIMIT 1").close();
        } catch (SQLException e) {
            throw Services.missing("pg_stat_statements in shared_preload_libraries", e);
        }
        boolean hypo = hypoPg;
        // items is the class's table (schema()); this test only runs statements on it.
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("SELECT * FROM items WHERE k = ?")) {
            for (int i = 0; i < 5; i++) {
                ps.setInt(1, i);
                ps.executeQuery().close();
            }
        }
        List<String> args = new ArrayList<>(List.of(
                "advise", "--url", db.jdbcUrl(), "--user", db.user(), "--pg-stat-statements", "--format", "json"));
        if (!db.password().isEmpty()) {
            args.addAll(List.of("--password", db.password()));
        }
        if (!hypo) {
            args.add("--transactional");
        }
        Result r = run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"ddl\":\"CREATE INDEX CONCURRENTLY ON public.items (k)\"");
    }

    @Test
    void noWorkloadFlagSaysWhichFlagsGiveQueries() {
        Result r = run(
                "advise",
                "--url",
                PG.database().jdbcUrl(),
                "--user",
                PG.database().user());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip())
                .startsWith("perfkit: no queries were given: pass --queries FILE.sql")
                .contains("--pg-stat-statements")
                .doesNotContain("\n");
    }
}
