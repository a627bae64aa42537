package dev.tracekit.viewer;

import java.time.Duration;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * When the trace viewer exists: only when enabled, exposed and on tracekit's own pipeline. Off, it
 * is not there at all, not even as a processor on the tracer provider; enabled but impossible, it
 * says why; with invalid limits, startup fails naming the property.
 */
@ExtendWith(OutputCaptureExtension.class)
class TraceViewerAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class, TraceViewerAutoConfiguration.class,
				EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class))
		.withPropertyValues("tracekit.exporters.main.type=none", "tracekit.diagnostics.startup-report=false");

	@Test
	void isOffByDefaultAndLeavesNothingBehind() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=*")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(RecentTraces.class)
				.doesNotHaveBean(TraceViewerEndpoint.class)
				.doesNotHaveBean(TraceViewerStartupLog.class)
				.doesNotHaveBean(SpanProcessor.class));
	}

	@Test
	void enabledAndExposedItKeepsTheSpansOfTracekitsProvider() {
		this.runner
			.withPropertyValues("tracekit.viewer.enabled=true", "management.endpoints.web.exposure.include=traces")
			.run((context) -> {
				assertThat(context).hasSingleBean(RecentTraces.class)
					.hasSingleBean(TraceViewerEndpoint.class)
					.hasSingleBean(SpanProcessor.class);
				Span span = context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("checkout").startSpan();
				span.end();
				assertThat(context.getBean(RecentTraces.class).list(TraceQuery.ALL).traces()).singleElement()
					.satisfies((trace) -> {
						assertThat(trace.name()).isEqualTo("checkout");
						assertThat(trace.traceId()).isEqualTo(span.getSpanContext().getTraceId());
					});
			});
	}

	@Test
	void enabledButNotExposedKeepsNothing() {
		this.runner
			.withPropertyValues("tracekit.viewer.enabled=true", "management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(RecentTraces.class)
				.doesNotHaveBean(SpanProcessor.class)
				.hasSingleBean(TraceViewerStartupLog.class));
	}

	@Test
	void exposedButWithItsAccessTurnedOffKeepsNothing() {
		this.runner
			.withPropertyValues("tracekit.viewer.enabled=true", "management.endpoints.web.exposure.include=traces",
					"management.endpoint.traces.access=NONE")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RecentTraces.class));
	}

	@Test
	void aDisabledTracekitHasNoViewer() {
		this.runner
			.withPropertyValues("tracekit.enabled=false", "tracekit.viewer.enabled=true",
					"management.endpoints.web.exposure.include=traces")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(RecentTraces.class)
				.doesNotHaveBean(TraceViewerStartupLog.class));
	}

	@Test
	void anApplicationsOwnTracerProviderHasNoViewer() {
		this.runner.withUserConfiguration(OwnTracerProvider.class)
			.withPropertyValues("tracekit.viewer.enabled=true", "management.endpoints.web.exposure.include=traces")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(RecentTraces.class)
				.doesNotHaveBean(TraceViewerEndpoint.class));
	}

	@Test
	void withoutTheActuatorItSaysWhatIsMissing(CapturedOutput output) {
		new WebApplicationContextRunner()
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate."))
			.withConfiguration(
					AutoConfigurations.of(TracekitAutoConfiguration.class, TraceViewerAutoConfiguration.class))
			.withPropertyValues("tracekit.viewer.enabled=true", "tracekit.exporters.main.type=none",
					"tracekit.diagnostics.startup-report=false")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(RecentTraces.class);
				ready(context);
				assertThat(output).contains("tracekit.viewer.enabled=true, but the trace viewer is an actuator "
						+ "endpoint and Spring Boot Actuator is not on the classpath: add "
						+ "spring-boot-starter-actuator");
			});
	}

	@Test
	void aMaxTracesBelowOneFailsStartupNamingTheProperty(CapturedOutput output) {
		assertStartupFails(output, "--tracekit.viewer.max-traces=0", "Property: tracekit.viewer.max-traces",
				"Value:    \"0\"", "must be at least 1");
	}

	@Test
	void aMaxMemoryTooSmallForOneTraceFailsStartupNamingTheProperty(CapturedOutput output) {
		assertStartupFails(output, "--tracekit.viewer.max-memory=2KB", "Property: tracekit.viewer.max-memory",
				"Value:    \"2KB\"", "must be at least 5264B with max-traces=100");
	}

	@Test
	void aMaxMemoryThatIsNoSizeFailsStartupSayingHowToWriteOne(CapturedOutput output) {
		assertStartupFails(output, "--tracekit.viewer.max-memory=lots", "Property: tracekit.viewer.max-memory",
				"Value:    \"lots\"", "is not a size; write a number with a unit, e.g. 16MB or 512KB");
	}

	private static void assertStartupFails(CapturedOutput output, String argument, String... expected) {
		SpringApplication application = new SpringApplication(Minimal.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException()
			.isThrownBy(() -> application.run("--tracekit.viewer.enabled=true", "--tracekit.exporters.main.type=none",
					argument)
				.close());
		assertThat(output).contains("Invalid tracing configuration (tracekit)").contains(expected);
	}

	private static void ready(AssertableWebApplicationContext context) {
		context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0],
				context.getSourceApplicationContext(), Duration.ZERO));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ TracekitAutoConfiguration.class, TraceViewerAutoConfiguration.class })
	static class Minimal {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnTracerProvider {

		@Bean
		SdkTracerProvider ownTracerProvider() {
			return SdkTracerProvider.builder().build();
		}

	}

}
