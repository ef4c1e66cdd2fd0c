package dev.perfkit.assets.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes output files with as few file-system calls as a cold build allows (creating files dominates it): a new
 * file is one {@code open(O_CREAT|O_EXCL)} and a write, no {@code stat} first, and each folder is created once per
 * run. Thread-safe.
 */
public final class OutputFiles {
    private final Path root;
    private final Set<Path> folders = ConcurrentHashMap.newKeySet();

    /** Output files under {@code root}, which exists. */
    public OutputFiles(Path root) {
        this.root = root;
        folders.add(root);
    }

    /** The path of a file relative to the output folder. */
    public Path resolve(String relative) {
        return root.resolve(relative);
    }

    /**
     * Writes the file unless it already holds these bytes. A changed file is replaced by a new one, never rewritten
     * in place, so a server that mapped the old one keeps reading consistent bytes.
     *
     * @return the file's path
     */
    public Path writeIfChanged(String relative, byte[] bytes) throws IOException {
        Path target = root.resolve(relative);
        Path parent = target.getParent();
        if (!folders.contains(parent)) {
            // Created before it is recorded: a thread that finds it recorded may write into it at once.
            Files.createDirectories(parent);
            folders.add(parent);
        }
        try {
            create(target, bytes);
            return target;
        } catch (FileAlreadyExistsException e) {
            // an earlier run's output: keep it if it holds these bytes
        }
        if (Files.isRegularFile(target)
                && Files.size(target) == bytes.length
                && Arrays.equals(Files.readAllBytes(target), bytes)) {
            return target;
        }
        Files.delete(target);
        create(target, bytes);
        return target;
    }

    /**
     * Creates the file, failing if it exists, with one write call: {@link Files#write} writes in 8 KB pieces. The
     * mode is the umask's, as with {@code Files.write}.
     *
     * @throws FileAlreadyExistsException if the file exists
     */
    static void create(Path target, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }
}
