package dev.tracekit.resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tracekit.config.ConfigurationWarning;
import dev.tracekit.config.ValidatedProperties;
import dev.tracekit.config.ValueRules;
import org.jspecify.annotations.Nullable;

import org.springframework.validation.Errors;

/** Who is sending: the OpenTelemetry Resource attached to every span, under {@code tracekit.resource.*}. */
public class ResourceProperties implements ValidatedProperties {

	/**
	 * service.name. Falls back to spring.application.name, then to "unknown_service:java" with a
	 * warning.
	 */
	private @Nullable String serviceName;

	/** service.version. Falls back to the build-info version, then to the jar manifest. */
	private @Nullable String serviceVersion;

	/** service.namespace. */
	private @Nullable String serviceNamespace;

	/** service.instance.id. Defaults to a random UUID per process. */
	private @Nullable String serviceInstanceId;

	/** deployment.environment.name, such as "production" or "staging". */
	private @Nullable String deploymentEnvironment;

	/**
	 * Further resource attributes. They win over detected ones and lose to the named settings. An
	 * attribute with an empty value is left out, as the SDK does.
	 */
	private Map<String, String> attributes = new LinkedHashMap<>();

	private final Detectors detectors = new Detectors();

	public @Nullable String getServiceName() {
		return this.serviceName;
	}

	public void setServiceName(@Nullable String serviceName) {
		this.serviceName = serviceName;
	}

	public @Nullable String getServiceVersion() {
		return this.serviceVersion;
	}

	public void setServiceVersion(@Nullable String serviceVersion) {
		this.serviceVersion = serviceVersion;
	}

	public @Nullable String getServiceNamespace() {
		return this.serviceNamespace;
	}

	public void setServiceNamespace(@Nullable String serviceNamespace) {
		this.serviceNamespace = serviceNamespace;
	}

	public @Nullable String getServiceInstanceId() {
		return this.serviceInstanceId;
	}

	public void setServiceInstanceId(@Nullable String serviceInstanceId) {
		this.serviceInstanceId = serviceInstanceId;
	}

	public @Nullable String getDeploymentEnvironment() {
		return this.deploymentEnvironment;
	}

	public void setDeploymentEnvironment(@Nullable String deploymentEnvironment) {
		this.deploymentEnvironment = deploymentEnvironment;
	}

	public Map<String, String> getAttributes() {
		return this.attributes;
	}

	public void setAttributes(Map<String, String> attributes) {
		this.attributes = attributes;
	}

	public Detectors getDetectors() {
		return this.detectors;
	}

	@Override
	public void validate(Errors errors) {
		this.attributes.keySet().forEach((key) -> {
			if (key.isBlank()) {
				ValueRules.reject(errors, "attributes", "has an attribute with a blank key");
			}
		});
	}

	@Override
	public List<ConfigurationWarning> warnings(String prefix) {
		List<ConfigurationWarning> warnings = new ArrayList<>();
		this.attributes.forEach((key, value) -> {
			if (value.isBlank()) {
				warnings.add(new ConfigurationWarning("empty-resource-attribute", prefix + ".attributes." + key
						+ " is empty, so the resource leaves it out (as the SDK does). Give it a value or remove it."));
			}
		});
		return warnings;
	}

	/** Resource detectors; each adds the attributes of its semantic-convention group. */
	public static class Detectors {

		/** host.name and host.arch. */
		private boolean host = true;

		/** os.type and os.description. */
		private boolean os = true;

		/**
		 * process.pid and process.executable.path. The command line is left out: it often holds
		 * secrets passed as arguments.
		 */
		private boolean process = true;

		/** process.runtime.name, .version and .description. */
		private boolean processRuntime = true;

		/** telemetry.sdk.name, .language and .version. */
		private boolean telemetrySdk = true;

		public boolean isHost() {
			return this.host;
		}

		public void setHost(boolean host) {
			this.host = host;
		}

		public boolean isOs() {
			return this.os;
		}

		public void setOs(boolean os) {
			this.os = os;
		}

		public boolean isProcess() {
			return this.process;
		}

		public void setProcess(boolean process) {
			this.process = process;
		}

		public boolean isProcessRuntime() {
			return this.processRuntime;
		}

		public void setProcessRuntime(boolean processRuntime) {
			this.processRuntime = processRuntime;
		}

		public boolean isTelemetrySdk() {
			return this.telemetrySdk;
		}

		public void setTelemetrySdk(boolean telemetrySdk) {
			this.telemetrySdk = telemetrySdk;
		}

	}

}
