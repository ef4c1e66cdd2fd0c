package dev.perfkit.db.jooq;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a {@link KeysetPager}: its rows and, when more rows follow, the opaque token of the next page.
 *
 * <pre>{@code
 * Page<Record> page = pager.first(dsl);
 * while (page.nextToken().isPresent()) {
 *   page = pager.next(dsl, page.nextToken().get());
 * }
 * }</pre>
 *
 * @param rows the rows of this page, in the pager's order
 * @param nextToken the token of the following page, empty on the last page
 * @param <R> the record type
 */
public record Page<R>(List<R> rows, Optional<String> nextToken) {
    /**
     * Copies the rows.
     *
     * @throws NullPointerException if an argument is null
     */
    public Page {
        rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
        Objects.requireNonNull(nextToken, "nextToken");
    }

    static <R> Page<R> of(List<R> rows, @Nullable String nextToken) {
        return new Page<>(rows, Optional.ofNullable(nextToken));
    }
}
