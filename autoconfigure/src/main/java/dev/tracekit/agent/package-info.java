/**
 * Beside the OpenTelemetry Java agent: detects an active agent at startup and then has tracekit
 * build no pipeline of its own, using the agent's {@code OpenTelemetry} for {@code @Traced} and
 * Micrometer Tracing instead, so that an application has one tracing setup.
 */
@NullMarked
package dev.tracekit.agent;

import org.jspecify.annotations.NullMarked;
