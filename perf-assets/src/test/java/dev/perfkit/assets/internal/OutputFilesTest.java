package dev.perfkit.assets.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
    @TempDir
    Path dir;

    /** Threads released together into the same new folders: none may write before its folder exists. */
    @Test
    void concurrentWritersIntoNewFoldersAllSucceed() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 40; round++) {
                OutputFiles out = new OutputFiles(Files.createDirectories(dir.resolve("r" + round)));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Path>> writes = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String file = "a/b" + (t % 2) + "/c/f" + t + ".js";
                    byte[] bytes = ("file " + t).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    writes.add(pool.submit(() -> {
                        start.await();
                        return out.writeIfChanged(file, bytes);
                    }));
                }
                start.countDown();
                for (Future<Path> w : writes) {
                    assertThat(w.get(30, TimeUnit.SECONDS)).isRegularFile();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFileWithOtherBytesIsReplacedAndOneWithTheSameBytesKept() throws Exception {
        OutputFiles out = new OutputFiles(dir);
        Path first = out.writeIfChanged("x/a.txt", new byte[] {1, 2});
        Object inode = Files.readAttributes(first, "unix:ino").get("ino");
        out.writeIfChanged("x/a.txt", new byte[] {1, 2});
        assertThat(Files.readAttributes(first, "unix:ino").get("ino")).isEqualTo(inode);
        out.writeIfChanged("x/a.txt", new byte[] {3});
        assertThat(Files.readAllBytes(first)).containsExactly(3);
    }
}
