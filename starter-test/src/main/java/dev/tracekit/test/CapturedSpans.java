package dev.tracekit.test;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/**
 * The spans ended since the current test method began, captured in memory as they end. Inject it
 * into a test annotated with {@link dev.tracekit.test.autoconfigure.AutoConfigureTracekit}; it is
 * cleared before each test method, so what one test finds is what that test made, also when many
 * test classes share one cached application context.
 *
 * <p>
 * A span ended by work an earlier test started (an asynchronous task that outlives its test) is
 * not captured: the spans of a trace that was under way when the spans were cleared are left out.
 *
 * <p>
 * The spans end on the application's threads; {@link #awaitSpan(String)} and
 * {@link #awaitSpanCount(int)} wait, within a bound, for those that end after the test's call
 * returned.
 */
public final class CapturedSpans {

	/** How long the {@code await} methods wait by default. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	// The SDK's in-memory exporter holds the spans; a simple processor hands each over as it ends.
	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SpanProcessor processor = new EarlierTestsFilter(SimpleSpanProcessor.create(this.exporter));

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition spanEnded = this.lock.newCondition();

	// Spans started and not yet ended, per trace id: what is under way when the spans are cleared.
	private final Map<String, Integer> openSpansByTrace = new HashMap<>();

	// Traces under way at the last clear: their spans belong to an earlier test.
	private final Set<String> earlierTraces = new HashSet<>();

	/** The processor that captures ended spans, added to the tracer provider. */
	public SpanProcessor processor() {
		return this.processor;
	}

	/** The spans captured so far, in the order they ended. */
	public List<SpanData> all() {
		return List.copyOf(this.exporter.getFinishedSpanItems());
	}

	/** The captured spans of this name, in the order they ended. */
	public List<SpanData> named(String name) {
		return all().stream().filter((span) -> span.getName().equals(name)).toList();
	}

	/**
	 * The one captured span of this name.
	 * @throws AssertionError if there is none, or more than one
	 */
	public SpanData span(String name) {
		return TraceAssertions.assertThat(this).span(name).actual();
	}

	/** Forgets the spans captured so far; done before each test method. */
	public void clear() {
		this.lock.lock();
		try {
			this.earlierTraces.clear();
			this.earlierTraces.addAll(this.openSpansByTrace.keySet());
			this.exporter.reset();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits, up to {@link #DEFAULT_TIMEOUT}, until a span of this name has ended.
	 * @return the first captured span of that name
	 * @throws AssertionError if none ended in time, naming the spans that did
	 */
	public SpanData awaitSpan(String name) {
		return awaitSpan(name, DEFAULT_TIMEOUT);
	}

	/**
	 * Waits until a span of this name has ended.
	 * @param name the span's name
	 * @param timeout the longest wait
	 * @return the first captured span of that name
	 * @throws AssertionError if none ended in time, naming the spans that did
	 */
	public SpanData awaitSpan(String name, Duration timeout) {
		List<SpanData> found = await((spans) -> spans.stream().anyMatch((span) -> span.getName().equals(name)), timeout,
				"a span named '" + name + "'");
		return found.stream().filter((span) -> span.getName().equals(name)).findFirst().orElseThrow();
	}

	/**
	 * Waits, up to {@link #DEFAULT_TIMEOUT}, until at least this many spans have ended.
	 * @return the spans captured by then
	 * @throws AssertionError if fewer ended in time, naming those that did
	 */
	public List<SpanData> awaitSpanCount(int count) {
		return awaitSpanCount(count, DEFAULT_TIMEOUT);
	}

	/**
	 * Waits until at least this many spans have ended.
	 * @param count the number of spans
	 * @param timeout the longest wait
	 * @return the spans captured by then
	 * @throws AssertionError if fewer ended in time, naming those that did
	 */
	public List<SpanData> awaitSpanCount(int count, Duration timeout) {
		return await((spans) -> spans.size() >= count, timeout, count + " spans");
	}

	private List<SpanData> await(Predicate<List<SpanData>> done, Duration timeout, String what) {
		long deadline = System.nanoTime() + timeout.toNanos();
		this.lock.lock();
		try {
			List<SpanData> spans = all();
			while (!done.test(spans)) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new AssertionError("Expected " + what + " to end within " + timeout + ", but "
							+ TraceAssertions.describe(spans));
				}
				this.spanEnded.await(left, TimeUnit.NANOSECONDS);
				spans = all();
			}
			return spans;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting for " + what, ex);
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public String toString() {
		return TraceAssertions.describe(all());
	}

	/** Keeps spans of traces from before the last clear out, and wakes those waiting for spans. */
	private final class EarlierTestsFilter implements SpanProcessor {

		private final SpanProcessor delegate;

		EarlierTestsFilter(SpanProcessor delegate) {
			this.delegate = delegate;
		}

		@Override
		public void onStart(Context parentContext, ReadWriteSpan span) {
			CapturedSpans.this.lock.lock();
			try {
				CapturedSpans.this.openSpansByTrace.merge(span.getSpanContext().getTraceId(), 1, Integer::sum);
			}
			finally {
				CapturedSpans.this.lock.unlock();
			}
		}

		@Override
		public boolean isStartRequired() {
			return true;
		}

		@Override
		public void onEnd(ReadableSpan span) {
			String traceId = span.getSpanContext().getTraceId();
			boolean earlier;
			CapturedSpans.this.lock.lock();
			try {
				CapturedSpans.this.openSpansByTrace.computeIfPresent(traceId,
						(id, open) -> (open > 1) ? open - 1 : null);
				earlier = CapturedSpans.this.earlierTraces.contains(traceId);
			}
			finally {
				CapturedSpans.this.lock.unlock();
			}
			if (earlier) {
				return;
			}
			this.delegate.onEnd(span);
			CapturedSpans.this.lock.lock();
			try {
				CapturedSpans.this.spanEnded.signalAll();
			}
			finally {
				CapturedSpans.this.lock.unlock();
			}
		}

		@Override
		public boolean isEndRequired() {
			return true;
		}

		@Override
		public CompletableResultCode forceFlush() {
			return this.delegate.forceFlush();
		}

		@Override
		public CompletableResultCode shutdown() {
			return this.delegate.shutdown();
		}

	}

}
