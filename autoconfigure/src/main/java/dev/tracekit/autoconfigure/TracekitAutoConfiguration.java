package dev.tracekit.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.tracekit.boot.SpringBootExtensionPoints;
import dev.tracekit.compatibility.OpenTelemetrySdkFeatures;
import dev.tracekit.config.ConditionalOnTracekitDisabled;
import dev.tracekit.config.ConditionalOnTracekitEnabled;
import dev.tracekit.diagnostics.ApplicationOpenTelemetryReport;
import dev.tracekit.diagnostics.PipelineDescriber;
import dev.tracekit.diagnostics.StartupReport;
import dev.tracekit.diagnostics.UnknownPropertiesCheck;
import dev.tracekit.env.OtelEnvironmentPostProcessor;
import dev.tracekit.export.ExportPipeline;
import dev.tracekit.export.ExportPipelines;
import dev.tracekit.export.ExportPipelinesFactory;
import dev.tracekit.export.ExporterCustomizations;
import dev.tracekit.export.TracingExportSwitch;
import dev.tracekit.lifecycle.GlobalOpenTelemetryRegistration;
import dev.tracekit.lifecycle.TracerProviderLifecycle;
import dev.tracekit.limits.SpanLimitsFactory;
import dev.tracekit.propagation.PropagatorsFactory;
import dev.tracekit.resource.ResourceFactory;
import dev.tracekit.sampling.SamplerFactory;
import dev.tracekit.viewer.TraceViewerProperties;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.OpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Builds the OpenTelemetry tracing pipeline from {@link TracekitProperties}: resource, sampler,
 * span limits, id generator, one processor per exporter, propagators, the
 * {@link OpenTelemetry} bean, its global registration and its bounded shutdown. Every bean backs
 * off when the application defines its own.
 */
// Before Spring Boot's own OpenTelemetry configurations, whose beans back off from ours.
@AutoConfiguration(beforeName = {
		"org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration" })
@ConditionalOnClass(OpenTelemetry.class)
@EnableConfigurationProperties(TracekitProperties.class)
@Import({ TracekitAutoConfiguration.SdkConfiguration.class, TracekitAutoConfiguration.NoopConfiguration.class,
		TracekitAutoConfiguration.ApplicationOpenTelemetryConfiguration.class })
public final class TracekitAutoConfiguration {

	/** The name of tracekit's {@link Resource} bean; define a bean of this name to replace it. */
	public static final String RESOURCE_BEAN_NAME = "tracekitResource";

	// The trace viewer's settings, for its auto-configuration, which does not import this package.
	@Bean
	@ConditionalOnBooleanProperty("tracekit.viewer.enabled")
	TraceViewerProperties tracekitTraceViewerProperties(TracekitProperties properties) {
		return properties.getViewer();
	}

	// Static and a BeanFactoryPostProcessor: a typo fails startup before any bean is built.
	@Bean
	static UnknownPropertiesCheck tracekitUnknownPropertiesCheck() {
		return new UnknownPropertiesCheck("tracekit", TracekitProperties.class, TracekitProperties::new);
	}

	// An application that defines its own OpenTelemetry owns the pipeline: tracekit builds none,
	// so no exporter, thread or processor of ours sits idle beside it.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SdkTracerProvider.class)
	@ConditionalOnTracekitEnabled
	@ConditionalOnMissingBean(OpenTelemetry.class)
	static class SdkConfiguration {

		@Bean(RESOURCE_BEAN_NAME)
		@Primary
		@ConditionalOnMissingBean(name = RESOURCE_BEAN_NAME)
		Resource tracekitResource(TracekitProperties properties, Environment environment,
				ObjectProvider<BuildProperties> buildProperties, ListableBeanFactory beanFactory) {
			// User Resource beans are merged over ours rather than replacing it. OTEL_RESOURCE_ATTRIBUTES keys
			// that no property name can hold come first; no setting can name them, so none competes.
			Attributes unnamable = OtelEnvironmentPostProcessor.unnamableResourceAttributes(environment);
			List<Resource> userResources = Stream.concat(Stream.of(Resource.create(unnamable)),
					Arrays.stream(beanFactory.getBeanNamesForType(Resource.class))
						.filter((name) -> !name.equals(RESOURCE_BEAN_NAME))
						.map((name) -> beanFactory.getBean(name, Resource.class)))
				.toList();
			return ResourceFactory.create(properties.getResource(), environment.getProperty("spring.application.name"),
					() -> serviceVersionFallback(buildProperties, beanFactory), userResources);
		}

		private static @Nullable String serviceVersionFallback(ObjectProvider<BuildProperties> buildProperties,
				ListableBeanFactory beanFactory) {
			BuildProperties build = buildProperties.getIfAvailable();
			if (build != null && build.getVersion() != null) {
				return build.getVersion();
			}
			for (String name : beanFactory.getBeanNamesForAnnotation(SpringBootConfiguration.class)) {
				Class<?> type = beanFactory.getType(name);
				if (type != null) {
					Package pkg = ClassUtils.getUserClass(type).getPackage();
					if (pkg != null && pkg.getImplementationVersion() != null) {
						return pkg.getImplementationVersion();
					}
				}
			}
			return null;
		}

		@Bean
		@ConditionalOnMissingBean
		Sampler tracekitSampler(TracekitProperties properties) {
			return SamplerFactory.create(properties.getSampler());
		}

		@Bean
		@ConditionalOnMissingBean
		SpanLimits tracekitSpanLimits(TracekitProperties properties) {
			return SpanLimitsFactory.create(properties.getLimits());
		}

		@Bean
		@ConditionalOnMissingBean
		IdGenerator tracekitIdGenerator() {
			return IdGenerator.random();
		}

		@Bean
		@ConditionalOnMissingBean({ ExportPipelines.class, SdkTracerProvider.class })
		ExportPipelines tracekitExportPipelines(TracekitProperties properties, ListableBeanFactory beanFactory,
				Environment environment, ObjectProvider<ExporterCustomizations> customizations,
				ObjectProvider<SslBundles> sslBundles) {
			Map<String, SpanExporter> userExporters = new LinkedHashMap<>(
					beanFactory.getBeansOfType(SpanExporter.class));
			return ExportPipelinesFactory.create(properties.effectiveExporters(), TracingExportSwitch.from(environment),
					userExporters,
					properties.getDiagnostics().getFailureSummaryInterval(),
					properties.getLifecycle().getShutdownTimeout(),
					customizations.getIfAvailable(() -> ExporterCustomizations.of(sslBundles.getIfAvailable())));
		}

		// Spring Boot's own extension points, where its OpenTelemetry tracing module is present: its
		// tracer provider customizers join tracekit's (before those of tracekit's own API), its OTLP
		// builder customizers and connection details reach tracekit's OTLP exporters.
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = SpringBootExtensionPoints.TRACER_PROVIDER_CUSTOMIZER)
		static class SpringBootExtensionPointsConfiguration {

			@Bean
			@ConditionalOnMissingBean
			SpringBootExtensionPoints tracekitSpringBootExtensionPoints(ListableBeanFactory beanFactory,
					TracekitProperties properties) {
				return new SpringBootExtensionPoints(beanFactory, properties.effectiveExporters());
			}

			@Bean
			@ConditionalOnMissingBean
			ExporterCustomizations tracekitExporterCustomizations(SpringBootExtensionPoints extensionPoints,
					ObjectProvider<SslBundles> sslBundles) {
				return extensionPoints.exporterCustomizations(sslBundles.getIfAvailable());
			}

			@Bean
			@Order(0)
			TracerProviderCustomizer tracekitSpringBootTracerProviderCustomizers(
					SpringBootExtensionPoints extensionPoints) {
				return extensionPoints::customize;
			}

		}

		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean
		SdkTracerProvider tracekitTracerProvider(Resource tracekitResource, Sampler sampler, SpanLimits spanLimits,
				IdGenerator idGenerator, ObjectProvider<ExportPipelines> pipelines,
				ObjectProvider<SpanProcessor> userProcessors, ObjectProvider<TracerProviderCustomizer> customizers) {
			SdkTracerProviderBuilder builder = SdkTracerProvider.builder()
				.setResource(tracekitResource)
				.setSampler(sampler)
				.setSpanLimits(spanLimits)
				.setIdGenerator(idGenerator);
			OpenTelemetrySdkFeatures.withoutTracerProviderMetrics(builder);
			pipelines.ifAvailable((available) -> available.all()
				.forEach((pipeline) -> builder.addSpanProcessor(pipeline.processor())));
			userProcessors.orderedStream().forEach(builder::addSpanProcessor);
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}

		@Bean
		@ConditionalOnMissingBean
		ContextPropagators tracekitPropagators(TracekitProperties properties,
				ObjectProvider<TextMapPropagator> userPropagators) {
			return PropagatorsFactory.create(properties.getPropagators(), userPropagators.orderedStream().toList());
		}

		// The lifecycle bean owns the shutdown; Spring must not close the SDK on its own first.
		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean
		OpenTelemetry tracekitOpenTelemetry(SdkTracerProvider tracerProvider, ContextPropagators propagators,
				ObjectProvider<SdkLoggerProvider> loggerProvider) {
			OpenTelemetrySdkBuilder builder = OpenTelemetrySdk.builder()
				.setTracerProvider(tracerProvider)
				.setPropagators(propagators);
			// Spring Boot's OpenTelemetry log export, where configured, goes through the same instance.
			loggerProvider.ifUnique(builder::setLoggerProvider);
			return builder.build();
		}

		@Bean
		@ConditionalOnMissingBean
		TracerProviderLifecycle tracekitTracerProviderLifecycle(SdkTracerProvider tracerProvider,
				ObjectProvider<ExportPipelines> pipelines, TracekitProperties properties) {
			List<ExportPipeline> all = pipelines.getIfAvailable(() -> new ExportPipelines(List.of())).all();
			return new TracerProviderLifecycle(tracerProvider, all, properties.getLifecycle().getFlushTimeout(),
					properties.getLifecycle().getShutdownTimeout(), properties.getLifecycle().getPauseFlushTimeout());
		}

		@Bean
		@ConditionalOnMissingBean
		PipelineDescriber tracekitPipelineDescriber(Resource tracekitResource, SdkTracerProvider tracerProvider,
				ObjectProvider<ExportPipelines> pipelines, ContextPropagators propagators,
				ObjectProvider<GlobalOpenTelemetryRegistration> globalRegistration) {
			ExportPipelines available = pipelines.getIfAvailable(() -> new ExportPipelines(List.of()));
			return new PipelineDescriber(tracekitResource, tracerProvider, available.all(), available.switchedOff(),
					propagators, globalRegistration.getIfAvailable());
		}

		@Bean
		@ConditionalOnMissingBean
		StartupReport tracekitStartupReport(TracekitProperties properties, PipelineDescriber describer) {
			return new StartupReport(properties.getDiagnostics().isStartupReport(), properties::warnings, describer);
		}

		// Static and a BeanFactoryPostProcessor: the global is set before any application bean exists.
		// A child context finds its parent's registration and shares the parent's pipeline and global.
		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = "tracekit.register-global", matchIfMissing = true)
		static GlobalOpenTelemetryRegistration tracekitGlobalOpenTelemetryRegistration() {
			return new GlobalOpenTelemetryRegistration();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnTracekitDisabled
	static class NoopConfiguration {

		// Records nothing, but still carries incoming context to outgoing calls, as the SDK does when
		// disabled, so a disabled service does not cut the traces passing through it.
		@Bean
		@ConditionalOnMissingBean
		OpenTelemetry tracekitOpenTelemetry(TracekitProperties properties,
				ObjectProvider<TextMapPropagator> userPropagators) {
			return OpenTelemetry.propagating(
					PropagatorsFactory.create(properties.getPropagators(), userPropagators.orderedStream().toList()));
		}

	}

	// Only the context that holds the application's bean says so; a child context sharing it stays quiet.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnTracekitEnabled
	@ConditionalOnBean(value = OpenTelemetry.class, search = SearchStrategy.CURRENT)
	@ConditionalOnMissingBean(name = "tracekitOpenTelemetry", search = SearchStrategy.CURRENT)
	static class ApplicationOpenTelemetryConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ApplicationOpenTelemetryReport tracekitApplicationOpenTelemetryReport(ListableBeanFactory beanFactory,
				TracekitProperties properties) {
			List<String> ignored = new ArrayList<>();
			if (!properties.getExporters().isEmpty()) {
				ignored.add("tracekit.exporters");
			}
			return new ApplicationOpenTelemetryReport(beanFactory, ignored);
		}

	}

}
