package dev.perfkit.cli.assets;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** A small input folder for {@code assets process}: compressible text in three types and an image. */
final class SampleAssets {
    private SampleAssets() {}

    /** Writes 4 files under {@code root}: app.js, css/app.css, img/logo.png, robots.txt. */
    static Path input(Path root) throws IOException {
        write(root, "app.js", "function render(props) { return props.value; }\n".repeat(400));
        write(root, "css/app.css", "body { background: url('../img/logo.png') no-repeat; }\n".repeat(100));
        // A real PNG of noise (incompressible, as an image is): the pipeline reads its size from the header and
        // would warn about random bytes named .png.
        BufferedImage image = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(1);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        Files.createDirectories(root.resolve("img"));
        ImageIO.write(image, "png", root.resolve("img/logo.png").toFile());
        write(root, "robots.txt", "User-agent: *\n");
        return root;
    }

    private static void write(Path root, String relative, String text) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }
}
