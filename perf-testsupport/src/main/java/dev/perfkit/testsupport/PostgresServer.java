package dev.perfkit.testsupport;

/**
 * A running PostgreSQL server that tests can create databases on.
 *
 * <pre>{@code
 * try (TestDatabase db = Postgres.shared().createDatabase("orders")) {
 *   try (Connection c = db.connect()) { ... }
 * }
 * }</pre>
 */
public interface PostgresServer {

    /** Host name or address, normally {@code 127.0.0.1}. */
    String host();

    /** TCP port. */
    int port();

    /** A superuser (or a user allowed to create databases). */
    String user();

    /** The user's password; empty under trust authentication. */
    String password();

    /** Whether this server was started by the fixture rather than given by {@code PERFKIT_PG_URL}. */
    boolean embedded();

    /** The JDBC URL of a database on this server. */
    default String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    /**
     * Creates a fresh, empty database with a unique name that starts with {@code prefix}.
     *
     * @param prefix a readable prefix, letters, digits and underscores
     * @return the new database; closing it drops it
     */
    default TestDatabase createDatabase(String prefix) {
        return TestDatabase.create(this, prefix);
    }
}
