package dev.tracekit.viewer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kept traces, fed by a real tracer provider: spans grouped by trace as they end, the list
 * newest first, its filters, and the bounds: a flood of traces never takes more memory than the
 * limit, measured on the heap, and the oldest traces go first.
 */
class TraceStoreTests {

	private static final long BASE = TimeUnit.SECONDS.toNanos(1_800_000_000L);

	private final Resource resource = Resource.getDefault()
		.merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "store-test")));

	private TraceStore store;

	private SdkTracerProvider provider;

	private Tracer tracer;

	@AfterEach
	void close() {
		if (this.provider != null) {
			this.provider.close();
		}
	}

	@Test
	void spansAreGroupedByTraceAsTheyEndAndTheRootNamesTheTrace() {
		keep(100, 1_000_000);
		Span root = this.tracer.spanBuilder("GET /orders/{id}").setSpanKind(SpanKind.SERVER).startSpan();
		Context inRoot = Context.root().with(root);
		Span summary = this.tracer.spanBuilder("OrderService.summary").setParent(inRoot).startSpan();
		Span stock = this.tracer.spanBuilder("InventoryService.stock")
			.setParent(inRoot.with(summary))
			.startSpan();
		stock.end();
		summary.end();
		TraceSummary beforeRootEnds = this.store.summaries(TraceQuery.ALL).get(0);
		assertThat(beforeRootEnds.partial()).isTrue();
		assertThat(beforeRootEnds.name()).isEqualTo("OrderService.summary");
		assertThat(beforeRootEnds.spanCount()).isEqualTo(2);
		root.end();
		assertThat(this.store.summaries(TraceQuery.ALL)).singleElement().satisfies((trace) -> {
			assertThat(trace.traceId()).isEqualTo(root.getSpanContext().getTraceId());
			assertThat(trace.name()).isEqualTo("GET /orders/{id}");
			assertThat(trace.service()).isEqualTo("store-test");
			assertThat(trace.spanCount()).isEqualTo(3);
			assertThat(trace.partial()).isFalse();
			assertThat(trace.error()).isFalse();
		});
		TraceDetail detail = this.store.detail(root.getSpanContext().getTraceId());
		assertThat(detail.spans()).extracting(TraceDetail.Span::name)
			.containsExactly("GET /orders/{id}", "OrderService.summary", "InventoryService.stock");
		assertThat(detail.spans().get(1).parentSpanId()).isEqualTo(root.getSpanContext().getSpanId());
		assertThat(detail.spans().get(2).parentSpanId()).isEqualTo(summary.getSpanContext().getSpanId());
		assertThat(detail.resources()).singleElement()
			.satisfies((attributes) -> assertThat(attributes).containsEntry("service.name", "store-test"));
	}

	@Test
	void tracesAreListedNewestFirstByTheirStart() {
		keep(100, 1_000_000);
		String second = trace("second", 20, 5, false);
		String first = trace("first", 10, 50, false);
		String third = trace("third", 30, 1, false);
		assertThat(this.store.summaries(TraceQuery.ALL)).extracting(TraceSummary::traceId)
			.containsExactly(third, second, first);
	}

	@Test
	void filtersMatchAnySpanNameTheDurationAndErrors() {
		keep(100, 1_000_000);
		String orders = trace("GET /orders/{id}", 10, 40, false, "OrderService.summary", "InventoryService.stock");
		String slow = trace("GET /orders/{id}/delivery", 20, 700, false, "DeliveryService.estimate");
		String failed = trace("GET /orders/{id}/invoice", 30, 12, true, "OrderService.invoice");
		assertThat(ids(new TraceQuery("inventoryservice", null, null))).containsExactly(orders);
		assertThat(ids(new TraceQuery(" ORDERS ", null, null))).containsExactly(failed, slow, orders);
		assertThat(ids(new TraceQuery(null, Duration.ofMillis(40), null))).containsExactly(slow, orders);
		assertThat(ids(new TraceQuery(null, Duration.ofMillis(41), null))).containsExactly(slow);
		assertThat(ids(new TraceQuery(null, null, true))).containsExactly(failed);
		assertThat(ids(new TraceQuery(null, null, false))).containsExactly(slow, orders);
		assertThat(ids(new TraceQuery("order", Duration.ofMillis(10), true))).containsExactly(failed);
		assertThat(ids(new TraceQuery("payment", null, null))).isEmpty();
	}

	@Test
	void beyondMaxTracesTheOldestGoFirst() {
		keep(10, 10_000_000);
		List<String> produced = new ArrayList<>();
		for (int i = 0; i < 35; i++) {
			produced.add(trace("trace " + i, i, 1, false, "child"));
			assertThat(this.store.usage().traces()).isLessThanOrEqualTo(10);
		}
		assertThat(ids(TraceQuery.ALL)).containsExactlyElementsOf(newestFirst(produced.subList(25, 35)));
		assertThat(this.store.usage().evictedTraces()).isEqualTo(25);
		assertThat(this.store.detail(produced.get(24))).isNull();
	}

	@Test
	void aFloodOfTracesNeverRetainsMoreMemoryThanTheLimitAndTheOldestGoFirst() {
		long limit = 256 * 1024;
		keep(5000, limit);
		Random random = new Random(14);
		List<String> produced = new ArrayList<>();
		for (int i = 0; i < 1500; i++) {
			produced.add(randomTrace(i, random));
			assertThat(this.store.usage().bytes()).isLessThanOrEqualTo(limit);
			if (i % 100 == 99) {
				assertThat(retained()).as("heap retained after %d traces", i + 1).isLessThanOrEqualTo(limit);
			}
		}
		TraceStore.Usage usage = this.store.usage();
		assertThat(usage.evictedTraces()).isGreaterThan(1000);
		assertThat(usage.spansNotKept()).isZero();
		// The limit is used, not just respected: the estimate is close to what is really retained.
		assertThat(usage.bytes()).isGreaterThan(limit * 9 / 10);
		assertThat(retained()).isGreaterThan(limit / 2);
		List<String> kept = ids(TraceQuery.ALL);
		assertThat(kept).hasSize(usage.traces())
			.containsExactlyElementsOf(newestFirst(produced.subList(produced.size() - kept.size(), produced.size())));
	}

	@Test
	void aTraceThatOutgrowsTheLimitKeepsItsFirstSpansAndCountsTheRest() {
		long limit = 64 * 1024;
		keep(100, limit);
		String older = trace("older", 0, 1, false);
		Span root = this.tracer.spanBuilder("batch job").setStartTimestamp(BASE + 10, TimeUnit.NANOSECONDS).startSpan();
		Context inRoot = Context.root().with(root);
		for (int i = 0; i < 200; i++) {
			this.tracer.spanBuilder("step " + i)
				.setParent(inRoot)
				.setAttribute("payload", "x".repeat(1000))
				.startSpan()
				.end();
			assertThat(this.store.usage().bytes()).isLessThanOrEqualTo(limit);
		}
		root.end();
		String traceId = root.getSpanContext().getTraceId();
		TraceDetail detail = this.store.detail(traceId);
		assertThat(detail.spans()).extracting(TraceDetail.Span::name).first().isEqualTo("step 0");
		assertThat(detail.spans().size() + detail.spansNotKept()).isEqualTo(201);
		assertThat(detail.spansNotKept()).isGreaterThan(100);
		assertThat(detail.summary().partial()).isTrue();
		assertThat(this.store.usage().spansNotKept()).isEqualTo(detail.spansNotKept());
		// It made room by letting the older trace go, as a new trace would have.
		assertThat(this.store.detail(older)).isNull();
		assertThat(retained()).isLessThanOrEqualTo(limit);
	}

	@Test
	void aSpanLargerThanTheLimitIsCountedAndDisplacesNothing() {
		keep(100, 16 * 1024);
		String small = trace("small", 0, 1, false);
		Span huge = this.tracer.spanBuilder("huge").setAttribute("payload", "x".repeat(20_000)).startSpan();
		huge.end();
		assertThat(this.store.usage().spansNotKept()).isOne();
		assertThat(ids(TraceQuery.ALL)).containsExactly(small);
	}

	private void keep(int maxTraces, long maxBytes) {
		this.store = new TraceStore(maxTraces, maxBytes);
		this.provider = SdkTracerProvider.builder()
			.setResource(this.resource)
			.addSpanProcessor(SimpleSpanProcessor.create(this.store))
			.build();
		this.tracer = this.provider.get("store-test");
	}

	// A trace with a root and children, each child inside the root's time.
	private String trace(String rootName, long startMillis, long durationMillis, boolean error, String... children) {
		long start = BASE + TimeUnit.MILLISECONDS.toNanos(startMillis);
		long end = start + TimeUnit.MILLISECONDS.toNanos(durationMillis);
		Span root = this.tracer.spanBuilder(rootName).setStartTimestamp(start, TimeUnit.NANOSECONDS).startSpan();
		for (String child : children) {
			Span span = this.tracer.spanBuilder(child)
				.setParent(Context.root().with(root))
				.setStartTimestamp(start + 1, TimeUnit.NANOSECONDS)
				.startSpan();
			if (error) {
				span.setStatus(StatusCode.ERROR);
			}
			span.end(end - 1, TimeUnit.NANOSECONDS);
		}
		root.end(end, TimeUnit.NANOSECONDS);
		return root.getSpanContext().getTraceId();
	}

	// Two to nine spans with attributes of random sizes; one trace in five records an exception.
	private String randomTrace(int index, Random random) {
		long start = BASE + TimeUnit.MILLISECONDS.toNanos(index);
		Span root = this.tracer.spanBuilder("GET /orders/" + index)
			.setSpanKind(SpanKind.SERVER)
			.setStartTimestamp(start, TimeUnit.NANOSECONDS)
			.setAttribute("http.url", "/orders/" + index)
			.startSpan();
		int children = 1 + random.nextInt(8);
		for (int i = 0; i < children; i++) {
			Span span = this.tracer.spanBuilder("step " + i)
				.setParent(Context.root().with(root))
				.setStartTimestamp(start + i + 1, TimeUnit.NANOSECONDS)
				.setAttribute("payload", "p".repeat(random.nextInt(600)))
				.setAttribute("count", random.nextLong())
				.startSpan();
			if (random.nextInt(5) == 0) {
				span.recordException(new IllegalStateException("failed step " + i));
				span.setStatus(StatusCode.ERROR);
			}
			span.end(start + 1000 + i, TimeUnit.NANOSECONDS);
		}
		root.end(start + 2000, TimeUnit.NANOSECONDS);
		return root.getSpanContext().getTraceId();
	}

	// The tracer's instrumentation scope, shared by its spans, is counted as if each store had its own.
	private long retained() {
		return RetainedMemory.of(this.store, MemoryEstimateTests.shared(this.resource));
	}

	private List<String> ids(TraceQuery query) {
		return this.store.summaries(query).stream().map(TraceSummary::traceId).toList();
	}

	private static List<String> newestFirst(List<String> oldestFirst) {
		List<String> reversed = new ArrayList<>(oldestFirst);
		Collections.reverse(reversed);
		return reversed;
	}

}
