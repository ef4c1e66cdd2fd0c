package dev.perfkit.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the helper processes of the fixtures (initdb, pg_ctl, redis-server) and checks their exit. */
final class Processes {
    private Processes() {}

    /** Whether this JVM runs as root, where PostgreSQL refuses to start and must drop to nobody. */
    static boolean runningAsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Runs a command, as {@code nobody} when {@code dropRoot} and we are root, and returns its output. */
    static String run(List<String> command, boolean dropRoot, long timeoutSeconds) {
        List<String> full = new ArrayList<>();
        if (dropRoot && runningAsRoot()) {
            full.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + full);
            }
            String text = new String(out, java.nio.charset.StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("exit " + process.exitValue() + " from " + full + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + full, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + full, e);
        }
    }

    /** Gives a directory to {@code nobody} when we are root, so a dropped-privilege server can use it. */
    static void handToServerUser(Path dir) {
        if (runningAsRoot()) {
            run(List.of("chown", "-R", "65534:65534", dir.toString()), false, 60);
        }
    }
}
