package dev.tracekit.lifecycle;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import dev.tracekit.testing.GlobalOpenTelemetryState;
import dev.tracekit.testing.OtlpTestReceiver;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No tracer is silently a no-op: the global is in place before application beans are created,
 * and when something read it first, startup says so.
 */
@ExtendWith(OutputCaptureExtension.class)
class GlobalOpenTelemetryRegistrationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class))
		.withPropertyValues("tracekit.resource.service-name=global-test");

	@AfterEach
	void reset() {
		GlobalOpenTelemetry.resetForTest();
	}

	@Test
	void aBeanThatReadsTheGlobalInItsConstructorGetsARecordingTracer() {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.start()) {
			this.runner.withUserConfiguration(EagerGlobalReader.class)
				.withPropertyValues("tracekit.exporters.test.endpoint=" + receiver.grpcEndpoint())
				.run((context) -> {
					EagerGlobalReader.Client client = context.getBean(EagerGlobalReader.Client.class);
					assertThat(client.constructorSpanWasRecording).isTrue();
					Span span = client.tracer.spanBuilder("from-global").startSpan();
					assertThat(span.isRecording()).isTrue();
					span.end();
					context.close();
					assertThat(receiver.spans()).extracting(OtlpTestReceiver.ReceivedSpan::name)
						.containsExactlyInAnyOrder("in-constructor", "from-global");
				});
		}
	}

	@Test
	void theGlobalDelegatesToTheContextsOpenTelemetry() {
		this.runner.withPropertyValues("tracekit.exporters.test.type=none").run((context) -> {
			assertThat(GlobalOpenTelemetry.getTracerProvider().get("x"))
				.isSameAs(context.getBean(OpenTelemetry.class).getTracerProvider().get("x"));
			assertThat(GlobalOpenTelemetry.getPropagators())
				.isSameAs(context.getBean(OpenTelemetry.class).getPropagators());
			assertThat(context.getBean(GlobalOpenTelemetryRegistration.class).isRegistered()).isTrue();
		});
	}

	@Test
	void aGlobalReadBeforeTheContextStartedIsReportedWithTheFix(CapturedOutput output) {
		GlobalOpenTelemetry.get();
		this.runner.withPropertyValues("tracekit.exporters.test.type=none").run((context) -> {
			assertThat(context.getBean(GlobalOpenTelemetryRegistration.class).isRegistered()).isFalse();
			assertThat(output).contains("GlobalOpenTelemetry was already set, or already read")
				.contains("set tracekit.register-global=false");
		});
		// Not ours, so not reset by the closing context.
		assertThat(GlobalOpenTelemetryState.isSet()).isTrue();
	}

	@Configuration(proxyBeanMethods = false)
	static class EagerGlobalReader {

		@Bean
		Client client() {
			return new Client();
		}

		// Like a library that captures a tracer from the global while the context is being built.
		static class Client {

			final Tracer tracer = GlobalOpenTelemetry.getTracer("eager-library");

			final boolean constructorSpanWasRecording;

			Client() {
				Span span = this.tracer.spanBuilder("in-constructor").startSpan();
				this.constructorSpanWasRecording = span.isRecording();
				span.end();
			}

		}

	}

}
