package dev.tracekit.spool;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of one exporter's spool. A span handed to the spool is, at any moment, in memory on
 * its way to disk, in a spool file ({@link #pendingSpans()}), replayed, expired, in a corrupt file,
 * or refused; only the last three are lost, and each is counted.
 */
public final class SpoolStatistics {

	private final AtomicLong spooled = new AtomicLong();

	private final AtomicLong replayed = new AtomicLong();

	private final AtomicLong expired = new AtomicLong();

	private final AtomicLong corruptFiles = new AtomicLong();

	private final AtomicLong corruptSpans = new AtomicLong();

	private final AtomicLong refused = new AtomicLong();

	private final AtomicLong pendingSpans = new AtomicLong();

	private final AtomicLong pendingBytes = new AtomicLong();

	private volatile boolean available;

	SpoolStatistics(boolean available) {
		this.available = available;
	}

	/** Spans written to spool files by this process. */
	public long spooled() {
		return this.spooled.get();
	}

	/** Spans read back from spool files (this run's or an earlier one's) and delivered. */
	public long replayed() {
		return this.replayed.get();
	}

	/** Spans deleted unsent: over the disk budget (oldest first) or past the maximum age. */
	public long expired() {
		return this.expired.get();
	}

	/** Spool files skipped because they were truncated or corrupt. */
	public long corruptFiles() {
		return this.corruptFiles.get();
	}

	/** Spans in the corrupt files skipped, as their names declared them. */
	public long corruptSpans() {
		return this.corruptSpans.get();
	}

	/**
	 * Spans the spool could not take: its directory is unwritable or full, or spans came faster than
	 * it writes. Those from a full queue were then dropped by it and are counted there instead.
	 */
	public long refused() {
		return this.refused.get();
	}

	/** Spans in spool files known to this process now, waiting to be replayed. */
	public long pendingSpans() {
		return this.pendingSpans.get();
	}

	/** Bytes of those files. */
	public long pendingBytes() {
		return this.pendingBytes.get();
	}

	/** Whether the spool can write; false once its directory turned out unwritable or full. */
	public boolean available() {
		return this.available;
	}

	void recordSpooled(long spans) {
		this.spooled.addAndGet(spans);
	}

	void recordReplayed(long spans) {
		this.replayed.addAndGet(spans);
	}

	void recordExpired(long spans) {
		this.expired.addAndGet(spans);
	}

	void recordCorrupt(long spans) {
		this.corruptFiles.incrementAndGet();
		this.corruptSpans.addAndGet(spans);
	}

	void recordRefused(long spans) {
		this.refused.addAndGet(spans);
	}

	void pending(long spans, long bytes) {
		this.pendingSpans.set(spans);
		this.pendingBytes.set(bytes);
	}

	void unavailable() {
		this.available = false;
	}

}
