/**
 * jOOQ helpers that make the fast patterns the easy ones: {@link dev.perfkit.db.jooq.KeysetPager} for keyset
 * pagination with opaque, checked cursor tokens, {@link dev.perfkit.db.jooq.BatchWriter} for multi-row
 * inserts and upserts, and {@link dev.perfkit.db.jooq.ResultStreams} for streaming large results with a
 * fetch size without leaking the cursor.
 */
@NullMarked
package dev.perfkit.db.jooq;

import org.jspecify.annotations.NullMarked;
