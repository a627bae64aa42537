package dev.tracekit.lifecycle;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import dev.tracekit.testing.OtlpTestReceiver;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child context ({@code SpringApplicationBuilder.child}) shares its parent's pipeline quietly:
 * no second pipeline, no warning, and {@code GlobalOpenTelemetry} stays the parent's, also after
 * the child closes.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChildContextTests {

	@AfterEach
	void reset() {
		GlobalOpenTelemetry.resetForTest();
	}

	@Test
	void aChildContextSharesItsParentsPipelineAndGlobalWithoutAWarning(CapturedOutput output) {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.start()) {
			SpringApplicationBuilder parentBuilder = new SpringApplicationBuilder(ParentConfiguration.class)
				.web(WebApplicationType.NONE)
				.properties("tracekit.resource.service-name=parent", "tracekit.exporters.main.endpoint="
						+ receiver.grpcEndpoint());
			try (ConfigurableApplicationContext parent = parentBuilder.run()) {
				SdkTracerProvider parentProvider = parent.getBean(SdkTracerProvider.class);
				try (ConfigurableApplicationContext child = parentBuilder.child(ChildConfiguration.class)
					.web(WebApplicationType.NONE)
					.run()) {
					assertThat(child.getBeanFactory().getBeanNamesForType(SdkTracerProvider.class, true, false))
						.as("tracer providers defined in the child itself")
						.isEmpty();
					assertThat(child.getBeanFactory().getBeanNamesForType(TracerProviderLifecycle.class, true, false))
						.isEmpty();
					assertThat(child.getBean(SdkTracerProvider.class)).isSameAs(parentProvider);
					assertThat(parent.getBean(GlobalOpenTelemetryRegistration.class).isRegistered()).isTrue();
					child.getBean(OpenTelemetry.class).getTracer("child").spanBuilder("from-child").startSpan().end();
				}
				GlobalOpenTelemetry.getTracer("global").spanBuilder("global-after-child-closed").startSpan().end();
				assertThat(parent.getBean(TracerProviderLifecycle.class).isClosed()).isFalse();
			}
			assertThat(receiver.spans()).extracting((span) -> span.name() + "@" + span.resource().get("service.name"))
				.containsExactlyInAnyOrder("from-child@parent", "global-after-child-closed@parent");
		}
		assertThat(output).doesNotContain("GlobalOpenTelemetry was already set")
			.doesNotContain("GlobalOpenTelemetry stays with")
			.doesNotContain("WARN " + ProcessHandle.current().pid() + " --- [           main]");
		assertThat(output).containsOnlyOnce("tracekit: tracing pipeline");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(TracekitAutoConfiguration.class)
	static class ParentConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(TracekitAutoConfiguration.class)
	static class ChildConfiguration {

	}

}
