package dev.perfkit.cache.internal;

/** The collaborators shared by the cache front and its loads, bundled to keep constructors short. */
record Parts<K, V>(
        Namespaces<K> namespaces,
        Tags<K> tags,
        TagIndex<K, V> tagIndex,
        TtlPolicy<K, V> ttl,
        StatsCounter stats,
        Events events,
        SecondTier<K, V> secondTier,
        InvalidationCounts counts) {}
