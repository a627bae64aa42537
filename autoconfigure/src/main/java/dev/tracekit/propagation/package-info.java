/** How context crosses process boundaries: {@code tracekit.propagators}, its rules and the propagators built from it. */
@NullMarked
package dev.tracekit.propagation;

import org.jspecify.annotations.NullMarked;
