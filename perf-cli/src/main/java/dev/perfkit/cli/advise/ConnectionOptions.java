package dev.perfkit.cli.advise;

import dev.perfkit.cli.CliException;
import dev.perfkit.cli.Exit;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --url}, {@code --user}, {@code --password}: a PostgreSQL connection, for any subcommand that needs one. */
public final class ConnectionOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec = CommandSpec.create();

    private String url = "";

    @Option(names = "--user", paramLabel = "U", description = "Database user.")
    private @Nullable String user;

    @Option(names = "--password", paramLabel = "P", description = "Database password.")
    private @Nullable String password;

    @Option(
            names = "--url",
            required = true,
            paramLabel = "JDBC_URL",
            description = "PostgreSQL JDBC URL, jdbc:postgresql://host:port/db.")
    void url(String value) {
        if (!value.startsWith("jdbc:postgresql:")) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), but was '" + value + "'");
        }
        url = value;
    }

    /** Connects with a 10 s connect and login timeout; an unreachable database ends the command with exit 2. */
    Connection open() {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "10");
        props.setProperty("loginTimeout", "10");
        try {
            return DriverManager.getConnection(url, props);
        } catch (SQLException e) {
            throw new CliException(Exit.BAD_INPUT, "cannot connect to " + url + ": " + e.getMessage(), e);
        }
    }
}
