package dev.tracekit.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import dev.tracekit.traced.TracedAutoConfiguration;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the context every benchmark runs against: tracekit's own pipeline (the given sampler,
 * one batch processor) ending in a {@link DiscardingSpanExporter}, and the annotation support.
 */
public final class BenchmarkPipeline {

	private BenchmarkPipeline() {
	}

	/**
	 * Starts a context.
	 * @param sampler a {@code tracekit.sampler.type}, such as {@code always_on}
	 * @param beans bean classes to register, such as the traced services under test
	 * @return the refreshed context; the caller closes it
	 */
	public static ConfigurableApplicationContext start(String sampler, Class<?>... beans) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("tracekit.sampler.type", sampler);
		// No configured exporter: only the discarding bean below gets a (batch) pipeline.
		properties.put("tracekit.exporters.discard.type", "none");
		properties.put("tracekit.resource.service-name", "tracekit-benchmarks");
		properties.put("tracekit.register-global", "false");
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("benchmark", properties));
		context.register(PipelineConfiguration.class);
		context.registerBean("discardingSpanExporter", SpanExporter.class, DiscardingSpanExporter::new);
		for (Class<?> bean : beans) {
			context.registerBean(bean);
		}
		context.refresh();
		return context;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ TracekitAutoConfiguration.class, TracedAutoConfiguration.class })
	static class PipelineConfiguration {

	}

}
