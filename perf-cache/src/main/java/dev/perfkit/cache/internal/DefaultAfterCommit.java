package dev.perfkit.cache.internal;

import dev.perfkit.cache.AfterCommit;
import dev.perfkit.cache.CacheAside;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** Collects invalidations and runs them on commit, in order; drops them on rollback. */
final class DefaultAfterCommit<K> implements AfterCommit<K> {
    private final CacheAside<K, ?> cache;
    private final List<Consumer<CacheAside<K, ?>>> pending = new ArrayList<>();
    private boolean finished;

    DefaultAfterCommit(CacheAside<K, ?> cache) {
        this.cache = cache;
    }

    @Override
    public AfterCommit<K> invalidate(K key) {
        Objects.requireNonNull(key, "key");
        return add(c -> c.invalidate(key));
    }

    @Override
    public AfterCommit<K> invalidateTag(String tag) {
        Tags.check(tag);
        return add(c -> c.invalidateTag(tag));
    }

    @Override
    public AfterCommit<K> invalidateNamespace(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        return add(c -> c.invalidateNamespace(namespace));
    }

    @Override
    public void commit() {
        List<Consumer<CacheAside<K, ?>>> toRun;
        synchronized (this) {
            finish("commit");
            toRun = List.copyOf(pending);
            pending.clear();
        }
        toRun.forEach(invalidation -> invalidation.accept(cache));
    }

    @Override
    public synchronized void rollback() {
        finish("rollback");
        pending.clear();
    }

    private synchronized AfterCommit<K> add(Consumer<CacheAside<K, ?>> invalidation) {
        if (finished) {
            throw new IllegalStateException("this unit of work is already committed or rolled back");
        }
        pending.add(invalidation);
        return this;
    }

    private void finish(String action) {
        if (finished) {
            throw new IllegalStateException("cannot " + action + ": already committed or rolled back");
        }
        finished = true;
    }
}
