/**
 * {@link dev.tracekit.test.autoconfigure.AutoConfigureTracekit} and the auto-configuration it
 * imports into a test's application context.
 */
@NullMarked
package dev.tracekit.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
