package dev.perfkit.testsupport;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives each test class its own fresh database on {@link Postgres#shared()}.
 *
 * <pre>{@code
 * class OrdersIT {
 *   @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
 *
 *   @Test void findsOrders(TestDatabase db) { db.execute("CREATE TABLE orders (id int)"); }
 * }
 * }</pre>
 *
 * <p>Register it as a {@code static} field so the database lives for the whole class. Test methods and
 * constructors may take a {@link TestDatabase} parameter.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private @Nullable TestDatabase database;

    @Override
    public void beforeAll(ExtensionContext context) {
        String prefix = context.getRequiredTestClass().getSimpleName().replaceAll("[^A-Za-z0-9]", "");
        String trimmed = prefix.length() > 30 ? prefix.substring(0, 30) : prefix;
        database = Postgres.shared().createDatabase(trimmed.isEmpty() ? "t" : trimmed);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    /** The database of the running test class. */
    public TestDatabase database() {
        TestDatabase current = database;
        if (current == null) {
            throw new IllegalStateException("PostgresExtension must be a static @RegisterExtension field");
        }
        return current;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return database();
    }
}
