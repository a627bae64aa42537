/**
 * Export health while running, for Spring Boot Actuator: the {@code tracing} health indicator,
 * the {@code tracekit} endpoint and the export counters as Micrometer meters.
 */
@NullMarked
package dev.tracekit.actuate;

import org.jspecify.annotations.NullMarked;
