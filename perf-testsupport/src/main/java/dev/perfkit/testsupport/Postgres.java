package dev.perfkit.testsupport;

import org.jspecify.annotations.Nullable;

/**
 * The entry point to PostgreSQL in tests.
 *
 * <p>{@link #shared()} is the server given by {@code PERFKIT_PG_URL} (with {@code PERFKIT_PG_USER} and
 * {@code PERFKIT_PG_PASSWORD}, defaults {@code postgres} and empty) when set, otherwise an embedded server
 * started once per JVM. {@link #startPrivate()} always starts a server of the test's own, which it may stop
 * and restart.
 *
 * <pre>{@code
 * @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
 *
 * @Test void readsRows() throws SQLException {
 *   try (Connection c = PG.database().connect()) { ... }
 * }
 * }</pre>
 */
public final class Postgres {
    private static volatile @Nullable PostgresServer shared;

    private Postgres() {}

    /** The server for this JVM: {@code PERFKIT_PG_URL} when set, else an embedded one started on first use. */
    public static PostgresServer shared() {
        PostgresServer server = shared;
        if (server == null) {
            synchronized (Postgres.class) {
                server = shared;
                if (server == null) {
                    server = startShared();
                    shared = server;
                }
            }
        }
        return server;
    }

    /** Whether {@code PERFKIT_PG_URL} is set, so {@link #shared()} is an external server. */
    public static boolean externalConfigured() {
        String url = System.getenv("PERFKIT_PG_URL");
        return url != null && !url.isBlank();
    }

    /** Starts an embedded server that belongs to the caller alone; close it when done. */
    public static EmbeddedPostgres startPrivate() {
        try {
            return EmbeddedPostgres.startNew();
        } catch (RuntimeException e) {
            throw Services.missing("an embedded PostgreSQL server (binaries from Maven, tar, xz)", e);
        }
    }

    private static PostgresServer startShared() {
        if (externalConfigured()) {
            return ExternalPostgres.fromEnvironment(System.getenv("PERFKIT_PG_URL"));
        }
        EmbeddedPostgres embedded = startPrivate();
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "perfkit-pg-shutdown"));
        return embedded;
    }
}
