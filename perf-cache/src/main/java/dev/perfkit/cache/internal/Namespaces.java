package dev.perfkit.cache.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Maps keys to their {@link Namespace}. Namespace objects are held weakly: one no entry or load refers to any
 * more is reclaimed, so namespaces derived from user input cannot grow memory without bound.
 */
final class Namespaces<K> {
    private final @Nullable Function<? super K, String> namespaceOf;
    private final Cache<String, Namespace> byName =
            Caffeine.newBuilder().weakValues().build();

    Namespaces(@Nullable Function<? super K, String> namespaceOf) {
        this.namespaceOf = namespaceOf;
    }

    Namespace of(K key) {
        if (namespaceOf == null) {
            return Namespace.NONE;
        }
        String name = Objects.requireNonNull(namespaceOf.apply(key), "namespaceOf returned null");
        return byName.get(name, Namespace::new);
    }

    /** Bumps the epoch of {@code name}; a namespace nobody refers to needs no bump. */
    void bump(String name) {
        Namespace namespace = byName.getIfPresent(name);
        if (namespace != null) {
            namespace.bump();
        }
    }
}
