/**
 * The auto-configurations that build tracekit's pipeline from {@link dev.tracekit.autoconfigure.TracekitProperties},
 * and the public customizer. Concern packages never import this one.
 */
@NullMarked
package dev.tracekit.autoconfigure;

import org.jspecify.annotations.NullMarked;
