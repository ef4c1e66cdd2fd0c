package dev.perfkit.cache.internal;

import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import org.jspecify.annotations.Nullable;

/**
 * A namespace and its epoch: bumping the epoch invalidates, in O(1), every entry and load that captured an older
 * one. Entries keep a reference to their namespace, so the hit path checks it with one volatile read.
 */
final class Namespace {
    private static final AtomicLongFieldUpdater<Namespace> EPOCH =
            AtomicLongFieldUpdater.newUpdater(Namespace.class, "epoch");

    /** The namespace of keys when no namespace function is configured; never bumped. */
    static final Namespace NONE = new Namespace(null);

    final @Nullable String name;
    volatile long epoch;

    Namespace(@Nullable String name) {
        this.name = name;
    }

    void bump() {
        EPOCH.incrementAndGet(this);
    }
}
