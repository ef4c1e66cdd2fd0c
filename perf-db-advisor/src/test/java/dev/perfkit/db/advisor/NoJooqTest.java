package dev.perfkit.db.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.db.SqlFingerprint;
import dev.perfkit.db.internal.BindMarkers;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The advisor runs without jOOQ: no class of it, nor of the perf-db classes it links to, names a jOOQ type. The
 * build's enforcer rule keeps jOOQ off the compile and runtime classpath, and perf-cli's jar (which has no jOOQ)
 * runs a real {@code advise} in PerfkitJarIT; this test catches a new reference before either.
 */
class NoJooqTest {
    private static final String JOOQ = "org/jooq/";

    @Test
    void noAdvisorClassReferencesJooq() throws IOException, URISyntaxException {
        Path classes = Path.of(IndexAdvisor.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                if (names(Files.readAllBytes(f))) {
                    offenders.add(classes.relativize(f).toString());
                }
            }
        }
        assertThat(offenders).as("advisor classes naming jOOQ").isEmpty();
        assertThat(classes.resolve("dev/perfkit/db/advisor/IndexAdvisor.class")).exists();
    }

    @Test
    void thePerfDbClassesTheAdvisorUsesDoNotReferenceJooq() throws IOException {
        for (Class<?> used : List.of(
                SqlFingerprint.class,
                BindMarkers.class,
                dev.perfkit.db.QueryStatsSnapshot.class,
                dev.perfkit.db.FingerprintStats.class)) {
            try (InputStream in = used.getResourceAsStream(used.getSimpleName() + ".class")) {
                assertThat(in).as(used.getName()).isNotNull();
                assertThat(names(in.readAllBytes())).as(used.getName()).isFalse();
            }
        }
    }

    @Test
    void theCheckSeesAJooqReference() {
        assertThat(names("Lorg/jooq/DSLContext;".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(names("Ljava/lang/String;".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    private static boolean names(byte[] classFile) {
        return new String(classFile, StandardCharsets.ISO_8859_1).contains(JOOQ);
    }
}
