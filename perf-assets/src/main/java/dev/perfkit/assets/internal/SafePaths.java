package dev.perfkit.assets.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Relative paths that cannot leave a root folder, by syntax and after resolving symbolic links. */
public final class SafePaths {
    private SafePaths() {}

    /**
     * Whether a {@code /}-separated path is relative, normalized and plain: no empty, {@code .} or {@code ..}
     * segment, no backslash, colon, NUL or other control character.
     */
    public static boolean isSafeRelative(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') {
                return false;
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /**
     * The real path of {@code relative} under {@code root}, refusing one that leaves the root through a link.
     *
     * @throws IllegalArgumentException if the path is unsafe or resolves outside the root
     * @throws IOException if the file does not exist or cannot be resolved
     */
    public static Path resolveInside(Path root, String relative) throws IOException {
        if (!isSafeRelative(relative)) {
            throw new IllegalArgumentException("not a safe relative path");
        }
        Path realRoot = root.toRealPath();
        Path real = realRoot.resolve(relative).toRealPath();
        if (!real.startsWith(realRoot)) {
            throw new IllegalArgumentException("resolves outside " + realRoot + " (symbolic link?)");
        }
        if (!Files.isRegularFile(real)) {
            throw new IllegalArgumentException("not a regular file");
        }
        return real;
    }
}
