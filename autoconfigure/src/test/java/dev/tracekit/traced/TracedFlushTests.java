package dev.tracekit.traced;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tracekit.annotation.Traced;
import dev.tracekit.lifecycle.TracerProviderLifecycle;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.tracekit.traced.TracedTestSupport.runner;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @Traced(flush = true)}: the span has left the process when the method returns (the batch
 * processor would otherwise hold it for its 5 s schedule delay), the wait is bounded by
 * {@code tracekit.lifecycle.flush-timeout}, and the provider stays open.
 */
class TracedFlushTests {

	private static List<String> exported(org.springframework.context.ApplicationContext context) {
		return context.getBean(InMemorySpanExporter.class)
			.getFinishedSpanItems()
			.stream()
			.map(SpanData::getName)
			.toList();
	}

	@Test
	void flushedMethodsSpanHasBeenExportedWhenItReturnsAndTheProviderStaysOpen() {
		runner().withUserConfiguration(Fixtures.class).run((context) -> {
			Handler handler = context.getBean(Handler.class);
			handler.queued();
			assertThat(exported(context)).as("before any flush").isEmpty();
			handler.handle();
			assertThat(exported(context)).containsExactlyInAnyOrder("Handler.queued", "Handler.handle");
			assertThat(context.getBean(TracerProviderLifecycle.class).isClosed()).isFalse();
			handler.handle();
			assertThat(exported(context)).containsExactlyInAnyOrder("Handler.queued", "Handler.handle",
					"Handler.handle");
		});
	}

	@Test
	void backToBackFlushesEachExportTheirOwnSpan() {
		runner().withUserConfiguration(Fixtures.class).run((context) -> {
			Handler handler = context.getBean(Handler.class);
			for (int i = 1; i <= 300; i++) {
				handler.handle();
				assertThat(exported(context)).as("after call %d", i).hasSize(i);
			}
		});
	}

	@Test
	void flushedFutureSpanIsExportedWhenTheFutureCompletes() {
		runner().withUserConfiguration(Fixtures.class).run((context) -> {
			CompletableFuture<String> future = context.getBean(Handler.class).handleLater();
			assertThat(exported(context)).isEmpty();
			future.complete("done");
			assertThat(exported(context)).containsExactly("Handler.handleLater");
		});
	}

	@Test
	void flushWaitsNoLongerThanTheFlushTimeout() {
		StalledExporter stalled = new StalledExporter();
		runner().withUserConfiguration(Fixtures.class)
			.withBean("stalled", SpanExporter.class, () -> stalled)
			.withPropertyValues("tracekit.lifecycle.flush-timeout=300ms", "tracekit.lifecycle.shutdown-timeout=300ms")
			.run((context) -> {
				try {
					long start = System.nanoTime();
					context.getBean(Handler.class).handle();
					Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
					assertThat(stalled.received).extracting(SpanData::getName).containsExactly("Handler.handle");
					// Unbounded, the flush would wait for the processor's 30 s export timeout.
					assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(250)).isLessThan(Duration.ofSeconds(5));
				}
				finally {
					stalled.release();
				}
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Fixtures {

		@Bean
		Handler handler() {
			return new Handler();
		}

	}

	static class Handler {

		private final CompletableFuture<String> later = new CompletableFuture<>();

		@Traced(flush = true)
		public void handle() {
		}

		@Traced
		public void queued() {
		}

		@Traced(flush = true)
		public CompletableFuture<String> handleLater() {
			return this.later;
		}

	}

	/** Accepts spans and answers only when released, like an exporter behind a dead network. */
	static final class StalledExporter implements SpanExporter {

		final List<SpanData> received = new CopyOnWriteArrayList<>();

		private final List<CompletableResultCode> pending = new CopyOnWriteArrayList<>();

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			this.received.addAll(spans);
			CompletableResultCode result = new CompletableResultCode();
			this.pending.add(result);
			return result;
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			release();
			return CompletableResultCode.ofSuccess();
		}

		void release() {
			this.pending.forEach(CompletableResultCode::succeed);
		}

	}

}
