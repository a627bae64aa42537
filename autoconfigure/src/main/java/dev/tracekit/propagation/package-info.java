/**
 * How trace context crosses process boundaries: the propagators named in
 * {@code tracekit.propagators}, and tracekit's W3C Trace Context propagator, which reads
 * {@code traceparent} and {@code tracestate} by every rule of the specification.
 */
@NullMarked
package dev.tracekit.propagation;

import org.jspecify.annotations.NullMarked;
