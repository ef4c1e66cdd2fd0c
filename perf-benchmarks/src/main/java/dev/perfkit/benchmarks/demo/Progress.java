package dev.perfkit.benchmarks.demo;

import java.io.PrintStream;

/** A one-line progress bar on the terminal (stderr), redrawn in place. */
final class Progress {
    private Progress() {}

    static void bar(PrintStream out, String what, long done, long total) {
        int width = 30;
        int filled = total == 0 ? width : (int) (width * done / total);
        StringBuilder line = new StringBuilder("\r  ").append(what).append(" [");
        for (int i = 0; i < width; i++) {
            line.append(i < filled ? '#' : '.');
        }
        line.append("] ").append(done).append('/').append(total);
        out.print(line);
        if (done >= total) {
            out.println();
        }
        out.flush();
    }
}
