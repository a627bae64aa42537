package dev.tracekit.reliability;

import java.time.Duration;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import dev.tracekit.testing.GlobalOpenTelemetryState;
import dev.tracekit.testing.OtlpTestReceiver;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Contexts started one after another in one JVM, as test suites and DevTools restarts do, with one
 * that fails to start in between. Two healthy contexts in a row are covered by
 * {@code TracerProviderLifecycleTests}; this adds the failed one.
 */
class SequentialContextsTests {

	@RegisterExtension
	final OtlpTestReceiver receiver = OtlpTestReceiver.start();

	private ApplicationContextRunner runner;

	@BeforeEach
	void start() {
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class))
			.withPropertyValues("tracekit.resource.service-name=sequential",
					"tracekit.diagnostics.startup-report=false",
					"tracekit.exporters.collector.endpoint=" + this.receiver.grpcEndpoint());
	}

	@Test
	void aContextAfterOneThatFailedToStartRegistersTheGlobalAndExports() {
		this.runner.run((context) -> {
			GlobalOpenTelemetry.getTracer("test").spanBuilder("first").startSpan().end();
			context.close();
		});
		// The failed context shuts its pipeline down, exporting what it made (see the test below).
		this.runner.withUserConfiguration(FailingAfterThePipelineConfiguration.class)
			.withPropertyValues("tracekit.exporters.collector.processor.schedule-delay=1h")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(GlobalOpenTelemetryState.isSet()).isFalse();
			});
		this.runner.run((context) -> {
			assertThat(GlobalOpenTelemetryState.isSet()).isTrue();
			GlobalOpenTelemetry.getTracer("test").spanBuilder("third").startSpan().end();
			context.close();
			assertThat(GlobalOpenTelemetryState.isSet()).isFalse();
		});
		assertThat(this.receiver.spans()).extracting(OtlpTestReceiver.ReceivedSpan::name)
			.containsExactly("first", "before-failure", "third");
	}

	@Test
	void aContextThatFailsToStartAfterThePipelineWasBuiltShutsItDownAndExportsWhatItMade() {
		long workersBefore = batchWorkerThreads();
		this.runner.withUserConfiguration(FailingAfterThePipelineConfiguration.class)
			.run((context) -> assertThat(context).hasFailed());
		// Generous for a loaded machine: the wait ends as soon as the threads are gone.
		await().atMost(Duration.ofSeconds(20)).until(() -> batchWorkerThreads() <= workersBefore);
		assertThat(this.receiver.spans()).extracting(OtlpTestReceiver.ReceivedSpan::name)
			.containsExactly("before-failure");
	}

	private static long batchWorkerThreads() {
		return Thread.getAllStackTraces().keySet().stream()
			.filter((thread) -> thread.isAlive() && thread.getName().startsWith("BatchSpanProcessor_WorkerThread"))
			.count();
	}

	@Configuration(proxyBeanMethods = false)
	static class FailingAfterThePipelineConfiguration {

		// Like an application bean that uses tracing, then fails: the pipeline exists by then.
		@Bean
		Object failingAfterThePipeline(OpenTelemetry openTelemetry) {
			openTelemetry.getTracer("test").spanBuilder("before-failure").startSpan().end();
			throw new IllegalStateException("this bean fails to start");
		}

	}

}
