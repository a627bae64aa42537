package dev.tracekit.reliability;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;

/**
 * Stands in for an application: one thread that starts and ends spans at a steady rate, naming
 * each after the phase of the test it was made in, and times every {@code span.end()} — the call
 * where a span is handed to the export pipeline, so where a misbehaving collector could make the
 * application wait. A call during which the JVM collected garbage is timed apart: a stop-the-world
 * pause stalls every thread, traced or not, and on a busy 2-core machine can last tens of
 * milliseconds.
 */
final class SteadySpanProducer implements AutoCloseable {

	// The first spans load classes; their timing says nothing about the collector.
	private static final int UNTIMED_SPANS = 200;

	private static final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();

	private final Tracer tracer;

	private final long periodNanos;

	private final Thread thread;

	private final Map<String, AtomicLong> producedByPhase = new ConcurrentHashMap<>();

	private final AtomicLong produced = new AtomicLong();

	private final AtomicLong recording = new AtomicLong();

	private volatile String phase;

	private volatile boolean running = true;

	private volatile boolean paused;

	private volatile Throwable failure;

	private long errors;

	// Written by the producer thread only; read after join().
	private long[] endNanos = new long[1 << 14];

	private int timed;

	private long maxDuringCollection;

	private long callsDuringCollection;

	private SteadySpanProducer(Tracer tracer, int spansPerSecond, String phase) {
		this.tracer = tracer;
		this.periodNanos = 1_000_000_000L / spansPerSecond;
		this.phase = phase;
		this.thread = new Thread(this::produce, "steady-span-producer");
		this.thread.setDaemon(true);
	}

	/** Produces at the rate until stopped; the first 200 spans are not timed. */
	static SteadySpanProducer start(Tracer tracer, int spansPerSecond, String firstPhase) {
		SteadySpanProducer producer = new SteadySpanProducer(tracer, spansPerSecond, firstPhase);
		producer.thread.start();
		return producer;
	}

	/** Names the spans made from now on. */
	void phase(String phase) {
		this.phase = phase;
	}

	/** Ends no span until {@link #resume()}; the rate restarts from then, without catching up. */
	void pause() {
		this.paused = true;
	}

	void resume() {
		this.paused = false;
	}

	/** Spans ended so far. */
	long produced() {
		return this.produced.get();
	}

	/** Spans ended so far in this phase. */
	long produced(String phase) {
		AtomicLong count = this.producedByPhase.get(phase);
		return (count != null) ? count.get() : 0;
	}

	private void produce() {
		long next = System.nanoTime();
		for (long count = 0; this.running; count++) {
			if (this.paused) {
				LockSupport.parkNanos(100_000);
				next = System.nanoTime();
				continue;
			}
			endOne(this.phase, count >= UNTIMED_SPANS);
			next += this.periodNanos;
			long wait = next - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			else if (wait < -100 * this.periodNanos) {
				// Far behind (a long GC pause): resume the rate instead of bursting to catch up.
				next = System.nanoTime();
			}
		}
	}

	private void endOne(String name, boolean timeIt) {
		try {
			Span span = this.tracer.spanBuilder(name).startSpan();
			if (span.isRecording()) {
				this.recording.incrementAndGet();
			}
			long collectionsBefore = collections();
			long start = System.nanoTime();
			span.end();
			long took = System.nanoTime() - start;
			if (timeIt) {
				if (collections() == collectionsBefore) {
					record(took);
				}
				else {
					this.callsDuringCollection++;
					this.maxDuringCollection = Math.max(this.maxDuringCollection, took);
				}
			}
			this.produced.incrementAndGet();
			this.producedByPhase.computeIfAbsent(name, (key) -> new AtomicLong()).incrementAndGet();
		}
		catch (Throwable ex) {
			this.errors++;
			this.failure = ex;
		}
	}

	private static long collections() {
		long count = 0;
		for (GarbageCollectorMXBean collector : collectors) {
			count += Math.max(0, collector.getCollectionCount());
		}
		return count;
	}

	private void record(long nanos) {
		if (this.timed == this.endNanos.length) {
			this.endNanos = Arrays.copyOf(this.endNanos, this.endNanos.length * 2);
		}
		this.endNanos[this.timed++] = nanos;
	}

	/** Stops producing and returns the figures. */
	Figures stop() {
		this.running = false;
		try {
			this.thread.join(Duration.ofSeconds(10).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.thread.isAlive()) {
			throw new IllegalStateException("the producer did not stop: a span call is blocked");
		}
		long[] sorted = Arrays.copyOf(this.endNanos, this.timed);
		Arrays.sort(sorted);
		return new Figures(this.produced.get(), this.recording.get(), this.errors, this.failure, this.timed,
				Duration.ofNanos(percentile(sorted, 0.99)), Duration.ofNanos(percentile(sorted, 0.999)),
				Duration.ofNanos((sorted.length > 0) ? sorted[sorted.length - 1] : 0), this.callsDuringCollection,
				Duration.ofNanos(this.maxDuringCollection));
	}

	private static long percentile(long[] sorted, double fraction) {
		return (sorted.length > 0) ? sorted[(int) Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]
				: 0;
	}

	@Override
	public void close() {
		this.running = false;
	}

	/**
	 * What the producer did.
	 * @param produced spans ended
	 * @param recording of those, spans that were recording: all but those started after the
	 * tracer provider shut down, which the SDK hands out as no-op spans
	 * @param errors span calls that threw
	 * @param failure the last exception a span call threw, if any
	 * @param timed {@code end()} calls timed without a garbage collection during them (all but
	 * the first 200 spans)
	 * @param p99 99th percentile of those
	 * @param p999 99.9th percentile of those
	 * @param max the slowest of those
	 * @param callsDuringCollection {@code end()} calls during which the JVM collected garbage
	 * @param maxDuringCollection the slowest of those
	 */
	record Figures(long produced, long recording, long errors, Throwable failure, long timed, Duration p99, Duration p999,
			Duration max, long callsDuringCollection, Duration maxDuringCollection) {

		String latency() {
			return String.format(
					"end() over %d calls: p99 %.3f ms, p99.9 %.3f ms, max %.3f ms (%d calls during a GC: max %.3f ms)",
					this.timed, millis(this.p99), millis(this.p999), millis(this.max), this.callsDuringCollection,
					millis(this.maxDuringCollection));
		}

		private static double millis(Duration duration) {
			return duration.toNanos() / 1_000_000.0;
		}

	}

}
