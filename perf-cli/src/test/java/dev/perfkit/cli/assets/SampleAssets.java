package dev.perfkit.cli.assets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A small input folder for {@code assets process}: compressible text in three types and an image. */
final class SampleAssets {
    private SampleAssets() {}

    /** Writes 4 files under {@code root}: app.js, css/app.css, img/logo.png, robots.txt. */
    static Path input(Path root) throws IOException {
        write(root, "app.js", "function render(props) { return props.value; }\n".repeat(400));
        write(root, "css/app.css", "body { background: url('../img/logo.png') no-repeat; }\n".repeat(100));
        byte[] png = new byte[4_000];
        new Random(1).nextBytes(png);
        Files.createDirectories(root.resolve("img"));
        Files.write(root.resolve("img/logo.png"), png);
        write(root, "robots.txt", "User-agent: *\n");
        return root;
    }

    private static void write(Path root, String relative, String text) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }
}
