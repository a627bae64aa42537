package dev.tracekit.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import dev.tracekit.micrometer.TracekitMicrometerTracingAutoConfiguration;
import dev.tracekit.traced.TracedAutoConfiguration;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the context the benchmarks run against: what an application with the tracekit starter
 * and {@code spring-boot-starter-aspectj} gets (tracekit's pipeline, Micrometer Tracing over it
 * through the OpenTelemetry bridge, the {@code @Observed} and {@code @NewSpan} aspects), with
 * tracekit's sampler and one batch processor per exporter.
 */
public final class BenchmarkPipeline {

	// When a benchmark ends spans faster than they are exported, the SDK's batch processor logs a
	// warning per batch about the spans it dropped; the benchmarks count drops themselves. Held in a
	// field because java.util.logging keeps loggers only weakly.
	private static final Logger BATCH_PROCESSOR_LOGGER = Logger.getLogger(BatchSpanProcessor.class.getName());

	private BenchmarkPipeline() {
	}

	/**
	 * Starts a context whose only exporter is a {@link DiscardingSpanExporter}, so no network is
	 * measured.
	 * @param sampler a {@code tracekit.sampler.type}, such as {@code always_on}
	 * @param beans bean classes to register, such as the traced services under test
	 * @return the refreshed context; the caller closes it
	 */
	public static ConfigurableApplicationContext start(String sampler, Class<?>... beans) {
		return start(Map.of("tracekit.sampler.type", sampler), new DiscardingSpanExporter(), beans);
	}

	/**
	 * Starts a context.
	 * @param settings properties over the benchmark defaults
	 * @param exporter a span exporter bean, which gets a batch processor of its own; with one, no
	 * exporter is configured through properties unless {@code settings} configure one
	 * @param beans bean classes to register
	 * @return the refreshed context; the caller closes it
	 */
	public static ConfigurableApplicationContext start(Map<String, Object> settings, @Nullable SpanExporter exporter,
			Class<?>... beans) {
		BATCH_PROCESSOR_LOGGER.setLevel(Level.OFF);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("tracekit.resource.service-name", "tracekit-benchmarks");
		properties.put("tracekit.register-global", "false");
		properties.put("tracekit.diagnostics.startup-report", "false");
		properties.put("management.observations.annotations.enabled", "true");
		if (exporter != null && settings.keySet().stream().noneMatch((key) -> key.startsWith("tracekit.exporters."))) {
			// Without it tracekit would add its default OTLP exporter beside the bean's pipeline.
			properties.put("tracekit.exporters.discard.type", "none");
		}
		properties.putAll(settings);
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("benchmark", properties));
		context.register(PipelineConfiguration.class);
		if (exporter != null) {
			context.registerBean("benchmarkSpanExporter", SpanExporter.class, () -> exporter);
		}
		for (Class<?> bean : beans) {
			context.registerBean(bean);
		}
		context.refresh();
		return context;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ TracekitAutoConfiguration.class, TracekitMicrometerTracingAutoConfiguration.class,
			TracedAutoConfiguration.class, AopAutoConfiguration.class, ObservationAutoConfiguration.class,
			MicrometerTracingAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class })
	static class PipelineConfiguration {

	}

}
