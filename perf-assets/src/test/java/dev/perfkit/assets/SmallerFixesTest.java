package dev.perfkit.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest's file mode and the CDN base's message. */
class SmallerFixesTest {
    @TempDir
    Path dir;

    @Test
    void theManifestIsWrittenWithTheUmaskLikeEveryOtherOutputFile() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file modes");
        AssetManifest m = TestAssets.processedSample(dir);
        Path out = dir.resolve("out");
        Set<PosixFilePermission> umask = Files.getPosixFilePermissions(Files.createFile(out.resolve("probe")));
        assertThat(Files.getPosixFilePermissions(out.resolve(AssetManifest.FILE_NAME)))
                .isEqualTo(umask);
        assertThat(Files.getPosixFilePermissions(
                        out.resolve(m.entry("app.js").orElseThrow().file())))
                .isEqualTo(umask);
        // A rerun replaces the manifest the same way, and leaves no temporary file behind.
        AssetPipeline.builder().input(dir.resolve("in")).output(out).build().run();
        assertThat(Files.getPosixFilePermissions(out.resolve(AssetManifest.FILE_NAME)))
                .isEqualTo(umask);
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aBadCdnBaseIsExplainedWithoutAnInternalFieldName() {
        for (String bad : new String[] {"ftp://x", "https://cdn.example.com/a?v=1", "not a url", "/assets"}) {
            assertThatThrownBy(() -> AssetPipeline.builder().cdnBase(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("CDN base must be an absolute http or https URL without query or fragment,"
                            + " such as https://cdn.example.com/assets, but was " + bad)
                    .message()
                    .doesNotContain("cdnBase");
        }
    }
}
