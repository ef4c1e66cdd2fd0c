package dev.perfkit.db.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Overrides the {@link QueryBudgetExtension}'s statement budget for one test method or all tests of a class.
 *
 * <pre>{@code
 * @Test
 * @StatementBudget(3)
 * void orderPageNeedsThreeQueries() { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface StatementBudget {
    /** The most statements the test may run; must be >= 0. */
    int value();
}
