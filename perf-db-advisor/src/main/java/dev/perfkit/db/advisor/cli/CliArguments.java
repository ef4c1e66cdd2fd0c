package dev.perfkit.db.advisor.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** The parsed {@code advise} command line; {@link #parse} throws {@link IllegalArgumentException} with one line. */
record CliArguments(
        String url,
        @Nullable String user,
        @Nullable String password,
        @Nullable Path queries,
        boolean pgStatStatements,
        int maxIndexes,
        boolean json,
        boolean apply,
        boolean transactional) {

    static final String USAGE = "usage: advise --url JDBC_URL [--user U] [--password P] [--queries FILE.sql]"
            + " [--pg-stat-statements] [--max-indexes N] [--format text|json] [--apply] [--transactional]";

    static CliArguments parse(String[] args) {
        if (args.length == 0 || !args[0].equals("advise")) {
            throw new IllegalArgumentException("expected the command 'advise' first; " + USAGE);
        }
        String url = null;
        String user = null;
        String password = null;
        Path queries = null;
        boolean pgss = false;
        int maxIndexes = 10;
        boolean json = false;
        boolean apply = false;
        boolean transactional = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--url" -> url = value(args, ++i, a);
                case "--user" -> user = value(args, ++i, a);
                case "--password" -> password = value(args, ++i, a);
                case "--queries" -> queries = Path.of(value(args, ++i, a));
                case "--pg-stat-statements" -> pgss = true;
                case "--max-indexes" -> maxIndexes = maxIndexes(value(args, ++i, a));
                case "--format" -> json = format(value(args, ++i, a));
                case "--apply" -> apply = true;
                case "--transactional" -> transactional = true;
                default -> throw new IllegalArgumentException("unknown argument '" + a + "'; " + USAGE);
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("--url is required; " + USAGE);
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "--url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db)," + " but was '" + url + "'");
        }
        return new CliArguments(url, user, password, queries, pgss, maxIndexes, json, apply, transactional);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value; " + USAGE);
        }
        return args[i];
    }

    private static int maxIndexes(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new IllegalArgumentException(
                "--max-indexes must be a whole number from 1 to 1000, but was '" + value + "'");
    }

    private static boolean format(String value) {
        return switch (value) {
            case "json" -> true;
            case "text" -> false;
            default -> throw new IllegalArgumentException("--format must be text or json, but was '" + value + "'");
        };
    }
}
