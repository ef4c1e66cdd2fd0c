package dev.perfkit.assets.frontend;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs the browser scripts of src/test/browser with Node: copies them and their pinned package.json and
 * package-lock.json to target/browser, installs with {@code npm ci} when node_modules is missing, and runs them.
 * Without node, npm or Chromium the test is skipped with a message, except with {@code CI=true}, where it fails.
 */
final class NodeScripts {
    /** Threads of this test's own, never the common pool: a blocked task there starves every later test. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "test-async");
        t.setDaemon(true);
        return t;
    });

    static final Path SOURCES = Path.of("src/test/browser");
    static final Path WORK = Path.of("target/browser");

    /** What a script printed and how it ended. */
    record Run(int exit, String stdout, String stderr) {
        /** The script's result: its last line of output. */
        String lastLine() {
            String[] lines = stdout.strip().split("\n", -1);
            return lines[lines.length - 1];
        }
    }

    private NodeScripts() {}

    /** The Chromium to drive: PERFKIT_CHROMIUM or /usr/bin/chromium. */
    static Path chromium() {
        String env = System.getenv("PERFKIT_CHROMIUM");
        return Path.of(env == null || env.isBlank() ? "/usr/bin/chromium" : env);
    }

    /** Skips (or, with CI=true, fails) unless node, npm and Chromium are there; installs playwright-core. */
    static void prepare() throws IOException, InterruptedException {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("node", "npm")) {
            if (!works(tool, "--version")) {
                missing.add(tool);
            }
        }
        if (!Files.isExecutable(chromium())) {
            missing.add(chromium() + " (set PERFKIT_CHROMIUM or install Debian's chromium)");
        }
        if (!missing.isEmpty()) {
            String message = "the real-browser test needs " + String.join(", ", missing) + " on this machine";
            if (ci) {
                throw new AssertionError(message + " (CI=true: not skipped; .ci/run installs them)");
            }
            abort(message + "; skipped");
        }
        Files.createDirectories(WORK);
        try (var files = Files.list(SOURCES)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, WORK.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!Files.isDirectory(WORK.resolve("node_modules/playwright-core"))) {
            Run install = command(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), 300);
            if (install.exit() != 0) {
                throw new AssertionError("npm ci in " + WORK.toAbsolutePath() + " failed (exit " + install.exit()
                        + "):\n" + install.stdout() + install.stderr());
            }
        }
    }

    /** Runs {@code node script args...} in target/browser. */
    static Run node(String script, List<String> args, int timeoutSeconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(args);
        return command(command, timeoutSeconds);
    }

    private static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs a command in target/browser, with PERFKIT_CHROMIUM and CHROME_PATH (Lighthouse's) set to Chromium. */
    static Run command(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(WORK.toFile());
        pb.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        pb.environment().put("PERFKIT_CHROMIUM", chromium().toString());
        pb.environment().put("CHROME_PATH", chromium().toString());
        Process p = pb.start();
        CompletableFuture<String> out = read(p.getInputStream());
        CompletableFuture<String> err = read(p.getErrorStream());
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n"
                    + out.getNow("") + err.getNow(""));
        }
        return new Run(p.exitValue(), out.join(), err.join());
    }

    private static CompletableFuture<String> read(java.io.InputStream in) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        return "(unreadable: " + e + ")";
                    }
                },
                THREADS);
    }
}
