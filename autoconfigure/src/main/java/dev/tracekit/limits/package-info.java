/** Caps on what a span holds: {@code tracekit.limits.*}, its rules and the SpanLimits built from it. */
@NullMarked
package dev.tracekit.limits;

import org.jspecify.annotations.NullMarked;
