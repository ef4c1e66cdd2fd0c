package dev.perfkit.benchmarks.demo;

/** A catalog entry; {@code version} grows with every price change, which is how the demo spots stale reads. */
record Product(long id, String name, String category, int priceCents, long version) {}
