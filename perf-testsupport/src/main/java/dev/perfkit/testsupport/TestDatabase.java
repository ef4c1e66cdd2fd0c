package dev.perfkit.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh PostgreSQL database that belongs to one test class; closing it drops it.
 *
 * <pre>{@code
 * try (TestDatabase db = Postgres.shared().createDatabase("advisor")) {
 *   db.execute("CREATE TABLE t (id int PRIMARY KEY)");
 *   boolean hypo = db.tryCreateExtension("hypopg");
 * }
 * }</pre>
 */
public final class TestDatabase implements AutoCloseable {
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,30}");

    private final PostgresServer server;
    private final String name;

    private TestDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
    }

    static TestDatabase create(PostgresServer server, String prefix) {
        String clean = prefix.toLowerCase(Locale.ROOT);
        if (!PREFIX.matcher(clean).matches()) {
            throw new IllegalArgumentException(
                    "database prefix must be a letter then up to 30 letters, digits or underscores, but was " + prefix);
        }
        String name = "pk_" + clean + "_"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        try (Connection admin =
                        DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), server.password());
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw Services.missing("PostgreSQL at " + server.host() + ":" + server.port(), e);
        }
        return new TestDatabase(server, name);
    }

    /** The database's name. */
    public String name() {
        return name;
    }

    /** The server it lives on. */
    public PostgresServer server() {
        return server;
    }

    /** Its JDBC URL. */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /** The user to connect as. */
    public String user() {
        return server.user();
    }

    /** The password to connect with (empty under trust). */
    public String password() {
        return server.password();
    }

    /** A new, non-pooled data source for this database. */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl());
        dataSource.setUser(user());
        dataSource.setPassword(password());
        return dataSource;
    }

    /** Opens a new connection; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user(), password());
    }

    /** Runs statements in order, each in autocommit. */
    public void execute(String... sql) {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates an extension if the server has it.
     *
     * @return whether the extension is now installed in this database
     */
    public boolean tryCreateExtension(String extension) {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS " + extension);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Drops the database, disconnecting whoever is still connected. */
    @Override
    public void close() {
        try (Connection admin =
                        DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), server.password());
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("perfkit: could not drop test database " + name + ": " + e.getMessage());
        }
    }
}
