package dev.perfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.cli.advise.AdviseIT;
import dev.perfkit.testsupport.PostgresExtension;
import dev.perfkit.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar {@code package} built, run as users run it: {@code java -jar target/perfkit-cli.jar}. It carries no
 * jOOQ, so its {@code advise} run also proves the advisor needs none at run time.
 */
class PerfkitJarIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    static final Path JAR = Path.of("target", "perfkit-cli.jar");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int code, String out, List<String> err) {}

    private Run java(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, Files.readAllLines(err));
    }

    @Test
    void helpAndVersionExitZero() throws Exception {
        assertThat(JAR).exists();
        Run help = java("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).startsWith("Usage: perfkit").contains("advise", "assets");
        assertThat(help.err()).isEmpty();
        Run version = java("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out().strip()).startsWith("perfkit ");
        Run sub = java("assets", "serve", "--help");
        assertThat(sub.code()).isZero();
        assertThat(sub.out()).startsWith("Usage: perfkit assets serve");
    }

    @Test
    void theJarHasNoJooqAndNoSignatureFiles() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertThat(names).noneMatch(n -> n.startsWith("org/jooq/"));
            assertThat(names).noneMatch(n -> n.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)"));
            assertThat(names).contains("lib/linux-x86_64/libbrotli.so", "picocli/CommandLine.class");
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(Perfkit.class.getName());
            assertThat(jar.getInputStream(jar.getEntry("META-INF/services/org.slf4j.spi.SLF4JServiceProvider")))
                    .isNotNull();
        }
    }

    @Test
    void adviseRunsFromTheJarAgainstPostgres() throws Exception {
        TestDatabase db = PG.database();
        boolean hypoPg = db.tryCreateExtension("hypopg");
        db.execute(
                "CREATE TABLE items (id int PRIMARY KEY, k int NOT NULL, v text)",
                "INSERT INTO items SELECT g, g % 5000, 'v' || g FROM generate_series(1, 100000) g",
                "ANALYZE items");
        Path queries = Files.writeString(dir.resolve("q.sql"), "SELECT * FROM items WHERE k = 42;");
        List<String> args = new ArrayList<>(AdviseIT.base(db, queries, "json", hypoPg));
        Run r = java(args.toArray(String[]::new));
        assertThat(r.code()).as(String.join("\n", r.err())).isZero();
        assertThat(JSON.readTree(r.out())
                        .get("recommendations")
                        .get(0)
                        .get("columns")
                        .toString())
                .isEqualTo("[\"k\"]");
        assertThat(r.err()).noneMatch(line -> line.contains("SLF4J"));
    }

    @Test
    void badArgumentsAndAnUnreachableDatabaseExitTwoWithOneLine() throws Exception {
        Run bad = java("advise");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err())
                .singleElement()
                .satisfies(line -> assertThat(line).startsWith("perfkit: Missing required option: '--url=JDBC_URL'"));
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Run down = java("advise", "--url", "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "--pg-stat-statements");
        assertThat(down.code()).isEqualTo(2);
        assertThat(down.err())
                .singleElement()
                .satisfies(line -> assertThat(line).startsWith("perfkit: cannot connect to"));
    }

    @Test
    void benchCompareOfTheJarFollowsTheGatesContract() throws Exception {
        Path base = Files.writeString(
                dir.resolve("base.json"),
                "[" + BenchCompareTest.result("b.X.perfkitGet", "avgt", 100, 1, "ns/op", 99.5, 100, 100.5) + "]");
        Path slower = Files.writeString(
                dir.resolve("new.json"),
                "[" + BenchCompareTest.result("b.X.perfkitGet", "avgt", 150, 1, "ns/op", 149.5, 150, 150.5) + "]");
        Run regression = java("bench", "compare", base.toString(), slower.toString());
        assertThat(regression.code()).as(String.join("\n", regression.err())).isEqualTo(1);
        assertThat(regression.out()).contains("| +50.0% | regression |");
        Run same = java("bench", "compare", base.toString(), base.toString(), "--threshold", "5");
        assertThat(same.code()).isZero();
        Run unreadable = java(
                "bench", "compare", base.toString(), dir.resolve("nope.json").toString());
        assertThat(unreadable.code()).isEqualTo(2);
        assertThat(unreadable.err()).hasSize(1);
        assertThat(unreadable.err().get(0)).startsWith("perfkit: " + dir.resolve("nope.json"));
        Path slo = Files.writeString(dir.resolve("slo.yaml"), SloCommandTest.SLO);
        assertThat(java("slo", "rules", slo.toString(), "--out", dir.toString()).code())
                .isZero();
        assertThat(dir.resolve("slo.rules.yaml")).exists();
    }
}
