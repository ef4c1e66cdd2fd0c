package dev.perfkit.assets;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.decoder.DirectDecompress;
import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/** Generated input folders and decoders for every coding, shared by the tests. */
public final class TestAssets {
    private TestAssets() {}

    /** JavaScript-like text of about {@code bytes} bytes, deterministic for a seed. */
    public static byte[] javascript(long seed, int bytes) {
        Random random = new Random(seed);
        String[] words = {
            "function",
            "return",
            "const",
            "let",
            "this",
            "value",
            "render",
            "props",
            "state",
            "=>",
            "if",
            "else",
            "null",
            "undefined",
            "document",
            "window",
            "element",
            "children",
            "key",
            "index"
        };
        StringBuilder sb = new StringBuilder(bytes + 64);
        while (sb.length() < bytes) {
            sb.append(words[random.nextInt(words.length)]).append(random.nextInt(4) == 0 ? ";\n" : " ");
            if (random.nextInt(10) == 0) {
                sb.append("v")
                        .append(random.nextInt(1000))
                        .append('(')
                        .append(random.nextInt(100))
                        .append(") ");
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Random (incompressible) bytes. */
    public static byte[] random(long seed, int bytes) {
        byte[] b = new byte[bytes];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** An input folder: app.js (+ map), css/app.css importing css/base.css and img/logo.png, a woff2, a tiny file. */
    public static Path sampleInput(Path root) throws IOException {
        write(root, "app.js", concat(javascript(1, 20_000), "\n//# sourceMappingURL=app.js.map\n"));
        write(
                root,
                "app.js.map",
                "{\"version\":3,\"sources\":[\"app.ts\"],\"mappings\":\"AAAA\"}"
                        .repeat(20)
                        .getBytes(StandardCharsets.UTF_8));
        write(
                root,
                "css/app.css",
                ("@import \"base.css\";\nbody { background: url('../img/logo.png?v=1') no-repeat; }\n"
                                + ".x { background: url(data:image/png;base64,AAAA) }\n")
                        .repeat(30)
                        .getBytes(StandardCharsets.UTF_8));
        write(
                root,
                "css/base.css",
                "h1 { color: #333; margin: 0 auto; }\n".repeat(100).getBytes(StandardCharsets.UTF_8));
        write(root, "img/logo.png", TestImages.noisyPng(2, 40, 40));
        write(root, "fonts/inter.woff2", random(3, 5_000));
        write(root, "robots.txt", "User-agent: *\n".getBytes(StandardCharsets.UTF_8));
        write(root, "assets/index-BxA3f_9K.js", javascript(4, 8_000));
        return root;
    }

    /** Runs the pipeline over {@link #sampleInput} into {@code dir/out} and returns the loaded manifest. */
    public static AssetManifest processedSample(Path dir) throws IOException {
        Path in = sampleInput(dir.resolve("in"));
        AssetPipeline.builder().input(in).output(dir.resolve("out")).build().run();
        return AssetManifest.load(dir.resolve("out"));
    }

    public static void write(Path root, String relative, byte[] bytes) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
    }

    static byte[] concat(byte[] a, String b) {
        byte[] tail = b.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[a.length + tail.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(tail, 0, all, a.length, tail.length);
        return all;
    }

    /** Decodes bytes sent with Content-Encoding {@code token} (null or identity: as is). */
    public static byte[] decode(String token, byte[] bytes) throws IOException {
        switch (token) {
            case "identity":
                return bytes;
            case "gzip":
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    return in.readAllBytes();
                }
            case "zstd":
                try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(bytes))) {
                    return in.readAllBytes();
                }
            case "br":
                Brotli4jLoader.ensureAvailability();
                DirectDecompress d = Decoder.decompress(bytes);
                if (d.getResultStatus() != DecoderJNI.Status.DONE) {
                    throw new IOException("brotli decode failed: " + d.getResultStatus());
                }
                return d.getDecompressedData();
            default:
                throw new IOException("unknown coding " + token);
        }
    }
}
