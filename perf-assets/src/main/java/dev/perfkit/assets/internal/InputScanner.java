package dev.perfkit.assets.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Lists the regular files of an input folder by logical path, refusing anything that leads outside it. */
public final class InputScanner {
    private InputScanner() {}

    /** A file to process: its logical path ({@code /}-separated) and its real location. */
    public record InputFile(String logicalPath, Path path) {}

    /**
     * The input's files, sorted by logical path; {@code exclude} (the output folder, when nested) is skipped.
     *
     * @throws IllegalArgumentException naming the file when a symbolic link leaves the root or a name is unsafe
     * @throws IOException if the folder cannot be walked
     */
    public static List<InputFile> scan(Path root, Path exclude) throws IOException {
        Path realRoot = root.toRealPath();
        Path realExclude = exclude.toAbsolutePath().normalize();
        TreeMap<String, InputFile> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(realRoot)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.startsWith(realExclude) || p.equals(realRoot)) {
                    continue;
                }
                String logical = logicalPath(realRoot, p);
                if (Files.isSymbolicLink(p)) {
                    Path target = p.toRealPath();
                    if (!target.startsWith(realRoot)) {
                        throw new IllegalArgumentException("input " + logical + " is a symbolic link to " + target
                                + ", outside the input folder " + realRoot);
                    }
                    if (Files.isRegularFile(target)) {
                        files.put(logical, new InputFile(logical, target));
                    }
                } else if (Files.isRegularFile(p)) {
                    files.put(logical, new InputFile(logical, p));
                }
            }
        }
        return new ArrayList<>(files.values());
    }

    private static String logicalPath(Path root, Path p) {
        List<String> parts = new ArrayList<>();
        for (Path part : root.relativize(p)) {
            parts.add(part.toString());
        }
        String logical = String.join("/", parts);
        if (!SafePaths.isSafeRelative(logical)) {
            throw new IllegalArgumentException("input file name is not a safe path: " + p);
        }
        return logical;
    }
}
