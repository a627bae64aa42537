package dev.tracekit.boot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.tracekit.diagnostics.DistinctWarnings;
import dev.tracekit.export.ExporterCustomizations;
import dev.tracekit.export.ExporterProperties;
import dev.tracekit.export.ExporterType;
import dev.tracekit.export.OtlpProtocol;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SdkTracerProviderBuilderCustomizer;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpGrpcSpanExporterBuilderCustomizer;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpHttpSpanExporterBuilderCustomizer;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingConnectionDetails;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.Transport;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.type.MethodMetadata;
import org.springframework.util.ClassUtils;

/**
 * Spring Boot's tracing extension points ({@code spring-boot-micrometer-tracing-opentelemetry}),
 * as tracekit's pipeline honours them:
 * <ul>
 * <li>{@code SdkTracerProviderBuilderCustomizer} beans customize tracekit's tracer provider
 * builder, in their order;</li>
 * <li>{@code OtlpGrpcSpanExporterBuilderCustomizer} and {@code OtlpHttpSpanExporterBuilderCustomizer}
 * beans customize every OTLP exporter of their transport, after its settings;</li>
 * <li>an {@code OtlpTracingConnectionDetails} bean (what {@code @ServiceConnection} and Docker
 * Compose provide) gives the exporter named {@code otlp} its endpoint, for its protocol, and on
 * Spring Boot 4.1 its SSL bundle. The one Spring Boot derives from
 * {@code management.opentelemetry.tracing.export.otlp.*} is not used: those settings are reported
 * as replaced by {@code tracekit.*} ones.</li>
 * </ul>
 * Spring Boot's tracing beans that tracekit does not use are each named in a startup WARN:
 * {@code SpanExporters} and {@code SpanProcessors} beans of the application's own, Micrometer's
 * {@code SpanFilter}, {@code SpanExportingPredicate} and {@code SpanReporter} beans (Spring Boot
 * applies them in its own span processor, which tracekit replaces), a connection details bean with
 * no exporter named {@code otlp} to apply to.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class SpringBootExtensionPoints implements SmartInitializingSingleton {

	/** The class whose presence means Spring Boot's OpenTelemetry tracing module is on the classpath. */
	public static final String TRACER_PROVIDER_CUSTOMIZER = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SdkTracerProviderBuilderCustomizer";

	private static final String BOOT_TRACING_PACKAGE = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure";

	// Spring Boot's own connection details, built from management.opentelemetry.tracing.export.otlp.*.
	private static final String PROPERTIES_CONNECTION_DETAILS = BOOT_TRACING_PACKAGE
			+ ".otlp.OtlpTracingConfigurations$ConnectionDetails$PropertiesOtlpTracingConnectionDetails";

	// OtlpTracingConnectionDetails.getSslBundle() is new in Spring Boot 4.1.
	private static final boolean CONNECTION_SSL_BUNDLE = ClassUtils.hasMethod(OtlpTracingConnectionDetails.class,
			"getSslBundle");

	private static final Map<String, String> UNUSED_MICROMETER_TYPES = Map.of("io.micrometer.tracing.exporter.SpanFilter",
			"a SpanProcessor bean (onEnding) or a TracerProviderCustomizer", "io.micrometer.tracing.exporter.SpanExportingPredicate",
			"a Sampler bean or a SpanProcessor bean", "io.micrometer.tracing.exporter.SpanReporter",
			"a SpanExporter bean");

	private static final Log logger = LogFactory.getLog(SpringBootExtensionPoints.class);

	private final ListableBeanFactory beanFactory;

	private final Map<String, ExporterProperties> exporters;

	private final List<String> warnings = new ArrayList<>();

	/**
	 * @param beanFactory where Spring Boot's extension beans are looked up
	 * @param exporters the exporters in force, by name
	 */
	public SpringBootExtensionPoints(ListableBeanFactory beanFactory, Map<String, ExporterProperties> exporters) {
		this.beanFactory = beanFactory;
		this.exporters = exporters;
	}

	/** Applies Spring Boot's {@code SdkTracerProviderBuilderCustomizer} beans, in their order. */
	public void customize(SdkTracerProviderBuilder builder) {
		this.beanFactory.getBeanProvider(SdkTracerProviderBuilderCustomizer.class)
			.orderedStream()
			.forEach((customizer) -> customizer.customize(builder));
	}

	/** What reaches tracekit's OTLP exporters from Spring Boot's beans, with the application's SSL bundles. */
	public ExporterCustomizations exporterCustomizations(@Nullable SslBundles sslBundles) {
		List<Consumer<OtlpGrpcSpanExporterBuilder>> grpc = this.beanFactory
			.getBeanProvider(OtlpGrpcSpanExporterBuilderCustomizer.class)
			.orderedStream()
			.<Consumer<OtlpGrpcSpanExporterBuilder>>map((customizer) -> customizer::customize)
			.toList();
		List<Consumer<OtlpHttpSpanExporterBuilder>> http = this.beanFactory
			.getBeanProvider(OtlpHttpSpanExporterBuilderCustomizer.class)
			.orderedStream()
			.<Consumer<OtlpHttpSpanExporterBuilder>>map((customizer) -> customizer::customize)
			.toList();
		return new ExporterCustomizations(sslBundles, grpc, http, connection());
	}

	private ExporterCustomizations.@Nullable Connection connection() {
		Map<String, OtlpTracingConnectionDetails> all = new LinkedHashMap<>(
				this.beanFactory.getBeansOfType(OtlpTracingConnectionDetails.class));
		all.values().removeIf((details) -> details.getClass().getName().equals(PROPERTIES_CONNECTION_DETAILS));
		if (all.isEmpty()) {
			return null;
		}
		if (all.size() > 1) {
			this.warnings.add("tracekit: the OtlpTracingConnectionDetails beans " + all.keySet() + " are not used:"
					+ " tracekit applies one to the exporter named 'otlp', and cannot choose among several.");
			return null;
		}
		Map.Entry<String, OtlpTracingConnectionDetails> entry = all.entrySet().iterator().next();
		String source = "OtlpTracingConnectionDetails bean '" + entry.getKey() + "'";
		ExporterProperties otlp = this.exporters.get(ExporterCustomizations.CONNECTION_EXPORTER);
		if (otlp == null || otlp.getType() != ExporterType.OTLP) {
			this.warnings.add("tracekit: the " + source + " is not used: tracekit gives its endpoint to the OTLP"
					+ " exporter named 'otlp', and the exporters in force are " + this.exporters.keySet()
					+ ". Name the OTLP exporter 'otlp' (tracekit.exporters.otlp.*) to use it.");
			return null;
		}
		if (otlp.getEndpoint() != null && !otlp.getEndpoint().isBlank()) {
			this.warnings.add("tracekit: tracekit.exporters.otlp.endpoint (" + otlp.getEndpoint() + ") is replaced by"
					+ " the endpoint of the " + source + ", as a service connection replaces configured endpoints.");
		}
		OtlpTracingConnectionDetails details = entry.getValue();
		Function<OtlpProtocol, String> endpoint = (protocol) -> details
			.getUrl((protocol == OtlpProtocol.GRPC) ? Transport.GRPC : Transport.HTTP);
		Supplier<@Nullable SslBundle> sslBundle = CONNECTION_SSL_BUNDLE ? details::getSslBundle : () -> null;
		return new ExporterCustomizations.Connection(ExporterCustomizations.CONNECTION_EXPORTER, source, endpoint,
				sslBundle);
	}

	/** The warnings found so far, as logged once the context's singletons exist. */
	public List<String> warnings() {
		List<String> all = new ArrayList<>(this.warnings);
		all.addAll(unusedBeans());
		return all;
	}

	@Override
	public void afterSingletonsInstantiated() {
		warnings().forEach((warning) -> DistinctWarnings.warn(logger, warning));
	}

	private List<String> unusedBeans() {
		List<String> unused = new ArrayList<>();
		for (String typeName : List.of(BOOT_TRACING_PACKAGE + ".SpanExporters", BOOT_TRACING_PACKAGE + ".SpanProcessors")) {
			String simpleName = ClassUtils.getShortName(typeName);
			String single = simpleName.substring(0, simpleName.length() - 1);
			for (String name : beanNames(typeName)) {
				if (!declaredBySpringBoot(name)) {
					unused.add("tracekit: the " + simpleName + " bean '" + name + "' has no effect: tracekit builds the"
							+ " tracing pipeline and does not read Spring Boot's " + simpleName + ". Define each as a "
							+ single + " bean instead; it joins tracekit's pipeline.");
				}
			}
		}
		UNUSED_MICROMETER_TYPES.forEach((typeName, instead) -> {
			for (String name : beanNames(typeName)) {
				unused.add("tracekit: the " + ClassUtils.getShortName(typeName) + " bean '" + name + "' has no effect:"
						+ " Spring Boot applies it in its own span processor, which tracekit's pipeline replaces. Use "
						+ instead + " instead.");
			}
		});
		return unused;
	}

	private String[] beanNames(String typeName) {
		ClassLoader classLoader = getClass().getClassLoader();
		if (!ClassUtils.isPresent(typeName, classLoader)) {
			return new String[0];
		}
		return this.beanFactory.getBeanNamesForType(ClassUtils.resolveClassName(typeName, classLoader), true, false);
	}

	private boolean declaredBySpringBoot(String beanName) {
		if (!(this.beanFactory instanceof ConfigurableListableBeanFactory configurable)
				|| !configurable.containsBeanDefinition(beanName)) {
			return false;
		}
		BeanDefinition definition = configurable.getBeanDefinition(beanName);
		MethodMetadata factoryMethod = (definition instanceof AnnotatedBeanDefinition annotated)
				? annotated.getFactoryMethodMetadata() : null;
		return factoryMethod != null && factoryMethod.getDeclaringClassName().startsWith("org.springframework.boot.");
	}

}
