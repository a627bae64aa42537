/**
 * Benchmarks, one class per group: JMH runs the per-call and export throughput groups against real
 * tracekit contexts built by {@link dev.tracekit.benchmarks.BenchmarkPipeline}; the startup group
 * is a launcher that starts one JVM per run on each variant's classpath.
 */
@NullMarked
package dev.tracekit.benchmarks;

import org.jspecify.annotations.NullMarked;
