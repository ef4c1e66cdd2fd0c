package dev.perfkit.assets.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

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
        // walkFileTree hands each entry's attributes (one lstat), where Files.walk plus isSymbolicLink and
        // isRegularFile took three calls per file, all on the one thread that must finish before any file is read.
        Files.walkFileTree(realRoot, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.startsWith(realExclude) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) throws IOException {
                if (p.startsWith(realExclude)) {
                    return FileVisitResult.CONTINUE;
                }
                String logical = logicalPath(realRoot, p);
                if (attrs.isSymbolicLink()) {
                    Path target = p.toRealPath();
                    if (!target.startsWith(realRoot)) {
                        throw new IllegalArgumentException("input " + logical + " is a symbolic link to " + target
                                + ", outside the input folder " + realRoot);
                    }
                    if (Files.isRegularFile(target)) {
                        files.put(logical, new InputFile(logical, target));
                    }
                } else if (attrs.isRegularFile()) {
                    files.put(logical, new InputFile(logical, p));
                }
                return FileVisitResult.CONTINUE;
            }
        });
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
