/**
 * Fixtures that give tests real services: PostgreSQL, Redis and an embedded Jetty, each on loopback.
 */
@NullMarked
package dev.perfkit.testsupport;

import org.jspecify.annotations.NullMarked;
