/**
 * The span spool: {@code tracekit.exporters.<name>.spool.*}, its rules, and the files on local disk
 * that keep spans an exporter could not deliver until its collector answers again.
 */
@NullMarked
package dev.tracekit.spool;

import org.jspecify.annotations.NullMarked;
