package dev.perfkit.benchmarks.assets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Real JavaScript and CSS from the npm registry (react-dom 18, bootstrap 5, lodash 4), fetched with {@code npm pack}
 * into a work folder on first use and never committed.
 */
final class RealAssets {
    /** Package tarball prefix and the files taken from it, copied flat into the input folder. */
    static final List<String[]> FILES = List.of(
            new String[] {
                "react-dom@18", "react-dom-", "package/umd/react-dom.production.min.js", "react-dom.production.min.js"
            },
            new String[] {
                "react-dom@18", "react-dom-", "package/umd/react-dom.development.js", "react-dom.development.js"
            },
            new String[] {"bootstrap@5", "bootstrap-", "package/dist/css/bootstrap.min.css", "bootstrap.min.css"},
            new String[] {
                "bootstrap@5", "bootstrap-", "package/dist/js/bootstrap.bundle.min.js", "bootstrap.bundle.min.js"
            },
            new String[] {"lodash@4", "lodash-", "package/lodash.min.js", "lodash.min.js"},
            new String[] {"lodash@4", "lodash-", "package/lodash.js", "lodash.js"});

    private RealAssets() {}

    /** Fills {@code work/input} with the real files (fetching once) and returns that folder. */
    static Path fetch(Path work) throws IOException, InterruptedException {
        Path npm = Files.createDirectories(work.resolve("npm"));
        Path input = Files.createDirectories(work.resolve("input"));
        for (String[] f : FILES) {
            Path target = input.resolve(f[3]);
            if (Files.exists(target)) {
                continue;
            }
            Path tgz = tarball(npm, f[0], f[1]);
            Path extracted = Files.createDirectories(npm.resolve(f[1] + "x"));
            run(npm, "tar", "xzf", tgz.toString(), "-C", extracted.toString(), f[2]);
            Files.copy(extracted.resolve(f[2]), target, StandardCopyOption.REPLACE_EXISTING);
        }
        return input;
    }

    private static Path tarball(Path npm, String spec, String prefix) throws IOException, InterruptedException {
        Path found = find(npm, prefix);
        if (found == null) {
            run(npm, "npm", "pack", "--silent", spec);
            found = find(npm, prefix);
        }
        if (found == null) {
            throw new IOException("npm pack " + spec + " produced no " + prefix + "*.tgz in " + npm);
        }
        return found;
    }

    private static @Nullable Path find(Path dir, String prefix) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)
                            && p.toString().endsWith(".tgz"))
                    .findFirst()
                    .orElse(null);
        }
    }

    private static void run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).inheritIO().start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed in " + dir);
        }
    }
}
