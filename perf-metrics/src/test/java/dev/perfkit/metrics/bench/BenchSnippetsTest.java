package dev.perfkit.metrics.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchSnippetsTest {
    @Test
    void theRegionFindsARegression(@TempDir Path dir) throws Exception {
        Path base = Files.writeString(
                dir.resolve("base.json"),
                new JmhJson()
                        .add("X.perfkitGet", "avgt", Map.of(), 10, 0.1, "ns/op", 10, 10.1, 9.9)
                        .json());
        Path next = Files.writeString(
                dir.resolve("new.json"),
                new JmhJson()
                        .add("X.perfkitGet", "avgt", Map.of(), 20, 0.1, "ns/op", 20, 20.1, 19.9)
                        .json());
        assertThat(new BenchSnippets().basic(base, next)).isTrue();
    }
}
