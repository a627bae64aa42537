/**
 * JMH benchmarks, one class per group, each run against a real tracekit context built by
 * {@link dev.tracekit.benchmarks.BenchmarkPipeline}.
 */
@NullMarked
package dev.tracekit.benchmarks;

import org.jspecify.annotations.NullMarked;
