package dev.perfkit.testsupport;

import java.net.URI;

/** A server given by {@code PERFKIT_PG_URL} ({@code jdbc:postgresql://host:port/db} or {@code postgresql://...}). */
record ExternalPostgres(String host, int port, String user, String password) implements PostgresServer {

    static ExternalPostgres fromEnvironment(String url) {
        String raw = url.startsWith("jdbc:") ? url.substring(5) : url;
        URI uri = URI.create(raw);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "PERFKIT_PG_URL must look like jdbc:postgresql://host:port/db, but was " + url);
        }
        String user = env("PERFKIT_PG_USER", "postgres");
        String password = env("PERFKIT_PG_PASSWORD", "");
        return new ExternalPostgres(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), user, password);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    @Override
    public boolean embedded() {
        return false;
    }
}
