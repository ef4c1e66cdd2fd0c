package dev.perfkit.cli;

import java.io.PrintWriter;

/**
 * Progress of long work on stderr. On a terminal, one bar redrawn in place ({@code \r}); otherwise (a pipe, a
 * CI log) a plain line at each tenth of the work and at the end, so logs stay short. Thread-safe: the asset
 * pipeline reports from its worker threads.
 *
 * <pre>{@code
 * Progress p = Perfkit.progress(spec, "processing files");
 * pipeline.listener(p::update);
 * pipeline.build().run();
 * p.finish();
 * }</pre>
 */
public final class Progress {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private final String label;
    private int lastDone = -1;
    private int lastTenth = -1;
    private boolean drawn;

    Progress(PrintWriter err, boolean terminal, String label) {
        this.err = err;
        this.terminal = terminal;
        this.label = label;
    }

    /**
     * {@code done} of {@code total} units are finished; calls that go backwards are ignored.
     *
     * @param done units finished
     * @param total all units, at least 1
     */
    public synchronized void update(int done, int total) {
        if (total < 1 || done < 0 || done > total || done <= lastDone) {
            return;
        }
        lastDone = done;
        if (terminal) {
            int filled = (int) ((long) WIDTH * done / total);
            err.print(
                    "\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total);
            err.flush();
            drawn = true;
            return;
        }
        int tenth = (int) (10L * done / total);
        if (tenth != lastTenth || done == total) {
            lastTenth = tenth;
            err.println(label + " " + done + "/" + total);
        }
    }

    /** Ends the bar's line on a terminal, so what follows starts on its own line. */
    public synchronized void finish() {
        if (terminal && drawn) {
            err.println();
            drawn = false;
        }
    }
}
