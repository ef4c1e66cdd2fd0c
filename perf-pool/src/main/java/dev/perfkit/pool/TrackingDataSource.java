package dev.perfkit.pool;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** The data source {@link LeakReporter#wrap} returns: every connection it lends is tracked. */
final class TrackingDataSource implements DataSource {
    private final DataSource target;
    private final LeakReporter reporter;

    TrackingDataSource(DataSource target, LeakReporter reporter) {
        this.target = target;
        this.reporter = reporter;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return reporter.track(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return reporter.track(target.getConnection(username, password));
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(target) ? type.cast(target) : target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(target) || target.isWrapperFor(type);
    }
}
