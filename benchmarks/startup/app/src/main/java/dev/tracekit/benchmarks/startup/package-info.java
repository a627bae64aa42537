/**
 * The application the startup benchmark starts, once per run, on each variant's classpath.
 */
@NullMarked
package dev.tracekit.benchmarks.startup;

import org.jspecify.annotations.NullMarked;
