/**
 * Implementation details shared between perf-db's packages. Not an API: anything here may change
 * without notice.
 */
@NullMarked
package dev.perfkit.db.internal;

import org.jspecify.annotations.NullMarked;
