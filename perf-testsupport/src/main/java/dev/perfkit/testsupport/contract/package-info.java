/**
 * Contract tests for perf-cache's SPIs: abstract JUnit 5 classes an implementation of {@code SecondLevelStore} or
 * {@code InvalidationBus} extends, so perf-cache's in-memory doubles and perf-cache-redis run the same tests. The
 * decorators here open race windows and inject faults around any implementation.
 */
@NullMarked
package dev.perfkit.testsupport.contract;

import org.jspecify.annotations.NullMarked;
