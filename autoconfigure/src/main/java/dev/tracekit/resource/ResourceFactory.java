package dev.tracekit.resource;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import dev.tracekit.diagnostics.DistinctWarnings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.instrumentation.resources.HostResource;
import io.opentelemetry.instrumentation.resources.OsResource;
import io.opentelemetry.instrumentation.resources.ProcessResource;
import io.opentelemetry.instrumentation.resources.ProcessRuntimeResource;
import io.opentelemetry.sdk.resources.Resource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Builds the {@link Resource} from {@code tracekit.resource.*}. Later layers win: detectors,
 * then free-form attributes, then the named settings, then user {@code Resource} beans.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class ResourceFactory {

	public static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

	public static final AttributeKey<String> SERVICE_VERSION = AttributeKey.stringKey("service.version");

	public static final AttributeKey<String> SERVICE_NAMESPACE = AttributeKey.stringKey("service.namespace");

	public static final AttributeKey<String> SERVICE_INSTANCE_ID = AttributeKey.stringKey("service.instance.id");

	public static final AttributeKey<String> DEPLOYMENT_ENVIRONMENT = AttributeKey
		.stringKey("deployment.environment.name");

	/** The service name the OpenTelemetry specification gives a Java process that names none. */
	public static final String UNKNOWN_SERVICE_NAME = "unknown_service:java";

	// Process arguments often carry secrets (--spring.datasource.password=...); they never leave the process.
	private static final List<AttributeKey<?>> PROCESS_KEYS_LEFT_OUT = List.of(
			AttributeKey.stringKey("process.command_line"), AttributeKey.stringArrayKey("process.command_args"),
			AttributeKey.stringKey("process.command"));

	private static final String INSTANCE_ID = UUID.randomUUID().toString();

	private static final boolean DETECTORS_PRESENT = ClassUtils
		.isPresent("io.opentelemetry.instrumentation.resources.HostResource", ResourceFactory.class.getClassLoader());

	private static final Log logger = LogFactory.getLog(ResourceFactory.class);

	private ResourceFactory() {
	}

	/**
	 * Builds the resource.
	 * @param properties the resource settings
	 * @param applicationName {@code spring.application.name}, the service name's fallback
	 * @param versionFallback the service version's fallback (build-info, then the manifest)
	 * @param userResources user {@code Resource} beans, merged last
	 * @return the resource every span carries
	 */
	public static Resource create(ResourceProperties properties, @Nullable String applicationName,
			Supplier<@Nullable String> versionFallback, List<Resource> userResources) {
		Resource resource = detected(properties.getDetectors());
		AttributesBuilder attributes = Attributes.builder();
		// As the SDK reads OTEL_RESOURCE_ATTRIBUTES: an empty value is left out, a blank one kept.
		properties.getAttributes().forEach((key, value) -> {
			if (!value.isEmpty()) {
				attributes.put(AttributeKey.stringKey(key), value);
			}
		});
		attributes.put(SERVICE_NAME, serviceName(properties, applicationName));
		putIfText(attributes, SERVICE_VERSION,
				StringUtils.hasText(properties.getServiceVersion()) ? properties.getServiceVersion()
						: versionFallback.get());
		putIfText(attributes, SERVICE_NAMESPACE, properties.getServiceNamespace());
		attributes.put(SERVICE_INSTANCE_ID,
				StringUtils.hasText(properties.getServiceInstanceId()) ? properties.getServiceInstanceId()
						: INSTANCE_ID);
		putIfText(attributes, DEPLOYMENT_ENVIRONMENT, properties.getDeploymentEnvironment());
		resource = resource.merge(Resource.create(attributes.build()));
		for (Resource user : userResources) {
			resource = resource.merge(user);
		}
		return resource;
	}

	private static String serviceName(ResourceProperties properties, @Nullable String applicationName) {
		if (StringUtils.hasText(properties.getServiceName())) {
			return properties.getServiceName();
		}
		String fromAttributes = properties.getAttributes().get(SERVICE_NAME.getKey());
		if (StringUtils.hasText(fromAttributes)) {
			return fromAttributes;
		}
		if (StringUtils.hasText(applicationName)) {
			return applicationName;
		}
		DistinctWarnings.warn(logger, "tracekit: no service name is configured, so spans are reported as '"
				+ UNKNOWN_SERVICE_NAME
				+ "'. Set tracekit.resource.service-name (or spring.application.name, or OTEL_SERVICE_NAME).");
		return UNKNOWN_SERVICE_NAME;
	}

	private static Resource detected(ResourceProperties.Detectors detectors) {
		Resource resource = detectors.isTelemetrySdk() ? Resource.getDefault() : Resource.empty();
		if (!DETECTORS_PRESENT) {
			return resource;
		}
		if (detectors.isHost()) {
			resource = resource.merge(HostResource.get());
		}
		if (detectors.isOs()) {
			resource = resource.merge(OsResource.get());
		}
		if (detectors.isProcess()) {
			Resource process = ProcessResource.get();
			var builder = process.toBuilder();
			PROCESS_KEYS_LEFT_OUT.forEach((key) -> builder.removeIf(key::equals));
			resource = resource.merge(builder.build());
		}
		if (detectors.isProcessRuntime()) {
			resource = resource.merge(ProcessRuntimeResource.get());
		}
		return resource;
	}

	private static void putIfText(AttributesBuilder attributes, AttributeKey<String> key, @Nullable String value) {
		if (StringUtils.hasText(value)) {
			attributes.put(key, value);
		}
	}

}
