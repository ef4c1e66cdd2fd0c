/**
 * Implementation details shared between perf-db's packages, such as the rewriting of JDBC bind markers
 * that plan capture and the index advisor both need. Not an API: anything here may change without notice.
 */
@NullMarked
package dev.perfkit.db.internal;

import org.jspecify.annotations.NullMarked;
