package dev.perfkit.cache.http;

import java.util.Objects;

/**
 * One header field line.
 *
 * @param name the field name, as written
 * @param value the field value
 */
public record HttpHeader(String name, String value) {
    /**
     * Creates a header line.
     *
     * @throws NullPointerException if {@code name} or {@code value} is null
     */
    public HttpHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
