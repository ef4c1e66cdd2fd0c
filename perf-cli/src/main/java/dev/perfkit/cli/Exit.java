package dev.perfkit.cli;

/** The exit codes of every {@code perfkit} subcommand. */
public final class Exit {
    /** The command ran (an advisor run with nothing to recommend included). */
    public static final int OK = 0;
    /** The command ran and found a problem, where the subcommand says so (a corrupt manifest, a failed run). */
    public static final int PROBLEM = 1;
    /** Bad arguments, or a resource that cannot be reached (database, folder, port); one line on stderr. */
    public static final int BAD_INPUT = 2;

    private Exit() {}
}
