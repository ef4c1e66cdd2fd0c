package dev.perfkit.assets.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the maven-invoker-plugin's two builds of src/it/sample left (they run in pre-integration-test): the
 * first processed the assets, the second found them up to date.
 */
class PluginIT {
    private static final Path SAMPLE = Path.of("target/it/sample");

    @Test
    void theFirstBuildProcessedTheAssets() throws IOException {
        Path out = SAMPLE.resolve("target/assets");
        assertThat(out.resolve("perfkit-manifest.json")).isRegularFile();
        try (Stream<Path> files = Files.list(out)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertThat(names).anyMatch(n -> n.matches("app-[0-9a-f]{10}\\.js"));
            assertThat(names).anyMatch(n -> n.matches("app-[0-9a-f]{10}\\.js\\.br"));
            assertThat(names).anyMatch(n -> n.matches("app-[0-9a-f]{10}\\.js\\.gz"));
        }
        assertThat(Files.readString(out.resolve("perfkit-manifest.json"))).contains("css/site.css", "logo.svg");
    }

    @Test
    void theSecondBuildFoundThemUpToDateAndTheLogSaysWhatWasSaved() throws IOException {
        String log = Files.readString(SAMPLE.resolve("build.log"));
        assertThat(log).contains("perf-assets: ").contains("is up to date");
        assertThat(log).containsPattern("perf-assets: 3 files, [0-9,]+ bytes in");
    }
}
