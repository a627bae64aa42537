/**
 * How trace context crosses process boundaries: {@code tracekit.propagators}, its rules, the
 * propagators built from it, and tracekit's W3C Trace Context propagator, which reads
 * {@code traceparent} and {@code tracestate} by every rule of the specification.
 */
@NullMarked
package dev.tracekit.propagation;

import org.jspecify.annotations.NullMarked;
