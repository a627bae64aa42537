/** Who is sending: {@code tracekit.resource.*}, its rules and the Resource built from it. */
@NullMarked
package dev.tracekit.resource;

import org.jspecify.annotations.NullMarked;
