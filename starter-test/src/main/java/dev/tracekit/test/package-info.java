/**
 * Testing an application traced with tracekit: the spans a test makes, captured in memory
 * ({@link dev.tracekit.test.CapturedSpans}), and assertions on the shape of its traces
 * ({@link dev.tracekit.test.TraceAssertions}). Switched on by
 * {@link dev.tracekit.test.autoconfigure.AutoConfigureTracekit}.
 */
@NullMarked
package dev.tracekit.test;

import org.jspecify.annotations.NullMarked;
