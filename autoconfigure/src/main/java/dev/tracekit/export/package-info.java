/**
 * Where finished spans go: {@code tracekit.exporters.<name>.*}, its rules, the exporters and
 * processors built from it, and the counters that account for every span.
 */
@NullMarked
package dev.tracekit.export;

import org.jspecify.annotations.NullMarked;
