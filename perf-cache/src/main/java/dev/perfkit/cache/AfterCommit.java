package dev.perfkit.cache;

/**
 * A unit of work that collects invalidations and runs them only once the caller's transaction committed.
 *
 * <p>Invalidating before a commit lets a concurrent reader re-cache the old row; invalidating after a rollback
 * throws away good entries. Register invalidations while writing, then call {@link #commit()} or
 * {@link #rollback()} exactly once. Safe to fill from several threads.
 *
 * <pre>{@code
 * AfterCommit<Long> pending = users.afterCommit();
 * try {
 *   userDao.rename(42L, "Ada");
 *   pending.invalidate(42L).invalidateTag("team:7");
 *   tx.commit();
 *   pending.commit();
 * } catch (RuntimeException e) {
 *   tx.rollback();
 *   pending.rollback();
 *   throw e;
 * }
 * }</pre>
 *
 * @param <K> the key type
 */
public interface AfterCommit<K> {
    /**
     * Registers an invalidation of {@code key}.
     *
     * @return this
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if already committed or rolled back
     */
    AfterCommit<K> invalidate(K key);

    /**
     * Registers an invalidation of {@code tag}.
     *
     * @return this
     * @throws NullPointerException if {@code tag} is null
     * @throws IllegalStateException if already committed or rolled back
     */
    AfterCommit<K> invalidateTag(String tag);

    /**
     * Registers an invalidation of {@code namespace}.
     *
     * @return this
     * @throws NullPointerException if {@code namespace} is null
     * @throws IllegalStateException if already committed or rolled back
     */
    AfterCommit<K> invalidateNamespace(String namespace);

    /**
     * Runs the registered invalidations, in registration order.
     *
     * @throws IllegalStateException if already committed or rolled back
     */
    void commit();

    /**
     * Drops the registered invalidations.
     *
     * @throws IllegalStateException if already committed or rolled back
     */
    void rollback();
}
