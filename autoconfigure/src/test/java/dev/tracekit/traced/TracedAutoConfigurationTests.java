package dev.tracekit.traced;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import dev.tracekit.annotation.Traced;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;
import org.springframework.scheduling.annotation.EnableAsync;

import static dev.tracekit.traced.TracedTestSupport.runner;
import static dev.tracekit.traced.TracedTestSupport.spans;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the annotation support is on, what it registers, and what it leaves alone.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracedAutoConfigurationTests {

	@Test
	void registersAnInfrastructureAdvisorByDefault() {
		runner().withBean(Greeter.class).run((context) -> {
			assertThat(context).hasSingleBean(TracedAdvisor.class);
			BeanDefinition definition = context.getBeanFactory().getBeanDefinition("tracekitTracedAdvisor");
			assertThat(definition.getRole()).isEqualTo(BeanDefinition.ROLE_INFRASTRUCTURE);
			assertThat(context.getBean(TracedAdvisor.class).getOrder()).isEqualTo(TracedAdvisor.ORDER);
			assertThat(AopUtils.isAopProxy(context.getBean(Greeter.class))).isTrue();
		});
	}

	@Test
	void disabledPropertyRegistersNothingAndProxiesNothing() {
		runner().withBean(Greeter.class).withPropertyValues("tracekit.annotations.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(TracedAdvisor.class);
			Greeter greeter = context.getBean(Greeter.class);
			assertThat(AopUtils.isAopProxy(greeter)).isFalse();
			greeter.greet();
			assertThat(spans(context)).isEmpty();
		});
	}

	@Test
	void aDisabledTracekitProxiesNothing() {
		runner().withBean(Greeter.class).withPropertyValues("tracekit.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(TracedAdvisor.class);
			assertThat(AopUtils.isAopProxy(context.getBean(Greeter.class))).isFalse();
		});
	}

	@Test
	void backsOffWithoutAnOpenTelemetryBean() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TracedAutoConfiguration.class))
			.withBean(Greeter.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(TracedAdvisor.class);
				assertThat(AopUtils.isAopProxy(context.getBean(Greeter.class))).isFalse();
			});
	}

	@Test
	void usesTheApplicationsOwnOpenTelemetryBeanAndFlushesItsProvider() {
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
			.addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
			.build();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TracedAutoConfiguration.class))
			.withBean(OpenTelemetry.class, () -> OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build())
			.withBean(Greeter.class)
			.run((context) -> {
				// No SdkTracerProvider bean: the flush reaches the provider through the OpenTelemetrySdk bean.
				context.getBean(Greeter.class).greetAndFlush();
				assertThat(exporter.getFinishedSpanItems()).extracting(SpanData::getName)
					.containsExactly("Greeter.greetAndFlush");
			});
	}

	@Test
	void tracingDisabledAltogetherLeavesAnnotatedMethodsWorking() {
		runner().withBean(Greeter.class).withPropertyValues("tracekit.enabled=false").run((context) -> {
			assertThat(context.getBean(OpenTelemetry.class)).isNotInstanceOf(OpenTelemetrySdk.class);
			assertThat(context.getBean(Greeter.class).greet()).isEqualTo("hello");
			assertThat(context.getBean(Greeter.class).greetAndFlush()).isEqualTo("hello");
		});
	}

	@Test
	void malformedConstantAttributeFailsStartupNamingTheMethod() {
		runner().withBean(Malformed.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("'no-separator'")
				.hasMessageContaining("Malformed.work()")
				.hasMessageContaining("key=value");
		});
	}

	@Test
	void methodMetadataIsWorkedOutOnceAndCached() throws NoSuchMethodException {
		TracedMethods methods = new TracedMethods();
		TracedMethod first = methods.get(Greeter.class.getMethod("greet"), Greeter.class);
		assertThat(first).isNotNull();
		assertThat(methods.get(Greeter.class.getMethod("greet"), Greeter.class)).isSameAs(first);
		assertThat(methods.get(Greeter.class.getMethod("toString"), Greeter.class)).isNull();
	}

	@Test
	void advisorDoesNotPullThePipelineInEarly(CapturedOutput output) {
		runner().withUserConfiguration(AsyncConfiguration.class).withBean(Greeter.class).run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(Greeter.class).greet();
			assertThat(spans(context)).hasSize(1);
		});
		assertThat(output).doesNotContain("not eligible for getting processed by all BeanPostProcessors");
	}

	@Test
	void propertyIsDocumentedInTheConfigurationMetadata() throws Exception {
		try (InputStream metadata = new ClassPathResource("META-INF/spring-configuration-metadata.json")
			.getInputStream()) {
			assertThat(new String(metadata.readAllBytes(), StandardCharsets.UTF_8))
				.contains("\"name\": \"tracekit.annotations.enabled\"");
		}
	}

	@EnableAsync
	static class AsyncConfiguration {

	}

	public static class Greeter {

		@Traced
		public String greet() {
			return "hello";
		}

		@Traced(flush = true)
		public String greetAndFlush() {
			return "hello";
		}

	}

	public static class Malformed {

		@Traced(attributes = "no-separator")
		public void work() {
		}

	}

}
