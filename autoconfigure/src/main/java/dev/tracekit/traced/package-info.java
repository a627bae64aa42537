/**
 * Support for {@link dev.tracekit.annotation.Traced} and OpenTelemetry's {@code @WithSpan}: a
 * Spring AOP advisor that wraps annotated bean methods in spans.
 */
@NullMarked
package dev.tracekit.traced;

import org.jspecify.annotations.NullMarked;
