package dev.perfkit.cache.internal;

import java.util.Collection;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The collaborators shared by the cache front and its loads, bundled to keep constructors short. */
record Parts<K, V>(
        Namespaces<K> namespaces,
        Tags<K> tags,
        TagIndex<K, V> tagIndex,
        TtlPolicy<K, V> ttl,
        StatsCounter stats,
        Events events,
        SecondTier<K, V> secondTier,
        InvalidationCounts counts,
        RecentClock clock,
        @Nullable Function<? super V, ? extends Collection<String>> tagsOfValue) {}
