package dev.perfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private final StringWriter text = new StringWriter();

    private Progress progress(boolean terminal) {
        return new Progress(new PrintWriter(text, true), terminal, "processing files");
    }

    @Test
    void aTerminalGetsOneBarRedrawnInPlace() {
        Progress p = progress(true);
        p.update(1, 4);
        p.update(2, 4);
        p.update(4, 4);
        p.finish();
        assertThat(text.toString())
                .isEqualTo("\rprocessing files [#######                       ] 1/4"
                        + "\rprocessing files [###############               ] 2/4"
                        + "\rprocessing files [##############################] 4/4"
                        + System.lineSeparator());
    }

    @Test
    void aPipeGetsAPlainLineAtEachTenthAndAtTheEnd() {
        Progress p = progress(false);
        for (int i = 1; i <= 100; i++) {
            p.update(i, 100);
        }
        p.finish();
        List<String> lines = text.toString().lines().toList();
        assertThat(lines).doesNotContain("\r").hasSize(11);
        assertThat(lines.get(0)).isEqualTo("processing files 1/100");
        assertThat(lines.get(10)).isEqualTo("processing files 100/100");
        assertThat(text.toString()).doesNotContain("\r");
    }

    @Test
    void reportsThatGoBackwardsOrOutOfRangeAreIgnored() {
        Progress p = progress(false);
        p.update(3, 3);
        p.update(2, 3);
        p.update(4, 3);
        p.update(-1, 3);
        p.update(1, 0);
        assertThat(text.toString().lines()).containsExactly("processing files 3/3");
    }

    @Test
    void concurrentWorkersInAnyOrderEndWithTheLastLineOnce() throws InterruptedException {
        for (long seed = 0; seed < 20; seed++) {
            text.getBuffer().setLength(0);
            Progress p = progress(false);
            List<Integer> done = new ArrayList<>();
            for (int i = 1; i <= 200; i++) {
                done.add(i);
            }
            Collections.shuffle(done, new Random(seed));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch start = new CountDownLatch(1);
            for (int d : done) {
                pool.execute(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    p.update(d, 200);
                });
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            List<String> lines = text.toString().lines().toList();
            assertThat(lines).as("seed " + seed).endsWith("processing files 200/200");
            assertThat(lines.stream().filter(l -> l.endsWith(" 200/200"))).hasSize(1);
            List<Integer> counts = lines.stream()
                    .map(l -> Integer.parseInt(l.substring(l.lastIndexOf(' ') + 1, l.indexOf('/'))))
                    .toList();
            assertThat(counts).isSorted().doesNotHaveDuplicates();
        }
    }
}
