package dev.perfkit.assets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The output folder of a Vite 8 build, as {@code vite build --manifest} writes it: 8-character base64url hashes
 * (with {@code -} and {@code _}, some without a digit), {@code .vite/manifest.json}, and unhashed files copied from
 * {@code public/} whose names only look hashed.
 */
public final class ViteFixture {
    public static final String JS = "assets/index-B1x_kQ9z.js";
    public static final String CSS = "assets/index-AbwmdZ_v.css";
    public static final String VENDOR = "assets/vendor-C-9xQ_aZ.js";
    public static final String LOGO = "assets/logo-BfLh-aQw.svg";
    /** From public/: never hashed, though the name has a digit-and-letter segment. */
    public static final String HERO = "img/hero-1920x1080.jpg";

    public static final String MANIFEST = """
            {
              "_vendor-C-9xQ_aZ.js": {
                "file": "assets/vendor-C-9xQ_aZ.js",
                "name": "vendor"
              },
              "index.html": {
                "file": "assets/index-B1x_kQ9z.js",
                "name": "index",
                "src": "index.html",
                "isEntry": true,
                "imports": ["_vendor-C-9xQ_aZ.js"],
                "css": ["assets/index-AbwmdZ_v.css"],
                "assets": ["assets/logo-BfLh-aQw.svg"]
              }
            }
            """;

    private ViteFixture() {}

    /** Writes the build output into {@code root} and returns it. */
    public static Path write(Path root) throws IOException {
        TestAssets.write(root, ".vite/manifest.json", bytes(MANIFEST));
        TestAssets.write(
                root,
                "index.html",
                bytes("<!doctype html><link rel=stylesheet href=/" + CSS + "><script type=module src=/" + JS
                        + "></script>\n"));
        TestAssets.write(root, JS, TestAssets.javascript(21, 6_000));
        TestAssets.write(root, VENDOR, TestAssets.javascript(22, 9_000));
        TestAssets.write(
                root, CSS, bytes("body { background: url(/" + LOGO + ") no-repeat; color: #222 }\n".repeat(40)));
        TestAssets.write(root, LOGO, bytes("<svg xmlns='http://www.w3.org/2000/svg'><circle r='4'/></svg>\n"));
        TestAssets.write(root, HERO, TestAssets.random(23, 4_000));
        TestAssets.write(root, "favicon.ico", TestAssets.random(24, 1_000));
        return root;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
