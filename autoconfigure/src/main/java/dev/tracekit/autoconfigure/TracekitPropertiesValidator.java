package dev.tracekit.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.tracekit.autoconfigure.TracekitProperties.Exporter;
import dev.tracekit.autoconfigure.TracekitProperties.Limits;
import dev.tracekit.autoconfigure.TracekitProperties.Processor;
import dev.tracekit.export.ExporterType;
import dev.tracekit.export.OtlpProtocol;
import dev.tracekit.export.ProcessorType;
import dev.tracekit.propagation.PropagatorType;
import org.jspecify.annotations.Nullable;

import org.springframework.validation.Errors;

/**
 * Checks the bound {@link TracekitProperties}. Each rejection names the field (Spring Boot turns
 * it into the property name, value and origin) and says what is accepted. Nothing invalid is
 * replaced by a default.
 */
final class TracekitPropertiesValidator {

	private final TracekitProperties properties;

	private final Errors errors;

	TracekitPropertiesValidator(TracekitProperties properties, Errors errors) {
		this.properties = properties;
		this.errors = errors;
	}

	void validate() {
		validateSampler();
		validateLimits(this.properties.getLimits());
		validateExporters();
		validatePropagators();
		positive("lifecycle.flush-timeout", this.properties.getLifecycle().getFlushTimeout());
		positive("lifecycle.shutdown-timeout", this.properties.getLifecycle().getShutdownTimeout());
	}

	private void validateSampler() {
		double ratio = this.properties.getSampler().getRatio();
		if (!(ratio >= 0.0 && ratio <= 1.0)) {
			reject("sampler.ratio", "must be between 0 and 1 inclusive (0 records no trace, 1 records all)");
		}
	}

	private void validateLimits(Limits limits) {
		notNegative("limits.attribute-count", limits.getAttributeCount());
		notNegative("limits.attribute-value-length", limits.getAttributeValueLength());
		notNegative("limits.span-attribute-count", limits.getSpanAttributeCount());
		notNegative("limits.span-attribute-value-length", limits.getSpanAttributeValueLength());
		notNegative("limits.event-count", limits.getEventCount());
		notNegative("limits.link-count", limits.getLinkCount());
		notNegative("limits.attributes-per-event", limits.getAttributesPerEvent());
		notNegative("limits.attributes-per-link", limits.getAttributesPerLink());
	}

	private void validateExporters() {
		Map<String, Exporter> exporters = this.properties.getExporters();
		boolean hasNone = exporters.values().stream().anyMatch((exporter) -> exporter.getType() == ExporterType.NONE);
		if (hasNone && exporters.size() > 1) {
			exporters.forEach((name, exporter) -> {
				if (exporter.getType() == ExporterType.NONE) {
					reject(exporterField(name, "type"),
							"'none' cannot be combined with other exporters; remove it or remove the others");
				}
			});
		}
		exporters.forEach(this::validateExporter);
	}

	private void validateExporter(String name, Exporter exporter) {
		if (exporter.getType() == ExporterType.OTLP) {
			validateEndpoint(name, exporter);
			positive(exporterField(name, "timeout"), exporter.getTimeout());
			exporter.getHeaders().forEach((key, value) -> {
				if (key.isBlank()) {
					reject(exporterField(name, "headers"), "header names must not be blank");
				}
			});
			readable(exporterField(name, "trusted-certificate"), exporter.getTrustedCertificate());
			readable(exporterField(name, "client-certificate"), exporter.getClientCertificate());
			readable(exporterField(name, "client-key"), exporter.getClientKey());
			if (exporter.getClientKey() != null && exporter.getClientCertificate() == null) {
				reject(exporterField(name, "client-key"),
						"is set without client-certificate; mutual TLS needs both the certificate and its key");
			}
			if (exporter.getClientCertificate() != null && exporter.getClientKey() == null) {
				reject(exporterField(name, "client-certificate"),
						"is set without client-key; mutual TLS needs both the certificate and its key");
			}
		}
		if (exporter.effectiveProcessorType() == ProcessorType.BATCH) {
			validateBatch(name, exporter.getProcessor());
		}
	}

	private void validateEndpoint(String name, Exporter exporter) {
		String endpoint = exporter.getEndpoint();
		if (endpoint == null) {
			return;
		}
		String field = exporterField(name, "endpoint");
		URI uri;
		try {
			uri = new URI(endpoint);
		}
		catch (URISyntaxException ex) {
			reject(field, "is not a valid URL (" + ex.getReason() + "); expected e.g. http://collector:4317");
			return;
		}
		String scheme = uri.getScheme();
		if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
			reject(field, "must start with http:// or https://, e.g. http://collector:"
					+ exporter.getProtocol().defaultPort() + exporter.getProtocol().tracesPath());
			return;
		}
		if (uri.getHost() == null) {
			reject(field, "has no host; expected e.g. http://collector:" + exporter.getProtocol().defaultPort());
			return;
		}
		if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
			reject(field, "must not have a query or fragment");
			return;
		}
		String path = uri.getRawPath();
		if (exporter.getProtocol() == OtlpProtocol.GRPC && path != null && !path.isEmpty() && !path.equals("/")) {
			reject(field, "has the path '" + path
					+ "' but gRPC endpoints take none (the service path is fixed); use scheme://host:port, or set protocol to http/protobuf");
		}
	}

	private void validateBatch(String name, Processor processor) {
		String prefix = "processor.";
		positive(exporterField(name, prefix + "max-queue-size"), processor.getMaxQueueSize());
		positive(exporterField(name, prefix + "max-export-batch-size"), processor.getMaxExportBatchSize());
		positive(exporterField(name, prefix + "export-timeout"), processor.getExportTimeout());
		if (processor.getScheduleDelay().isNegative()) {
			reject(exporterField(name, prefix + "schedule-delay"), "must not be negative");
		}
		if (processor.getMaxExportBatchSize() > processor.getMaxQueueSize() && processor.getMaxQueueSize() > 0) {
			reject(exporterField(name, prefix + "max-export-batch-size"),
					"is larger than max-queue-size (" + processor.getMaxQueueSize()
							+ "); a batch is taken from the queue, so the SDK would cut it to the queue size."
							+ " Set it to at most max-queue-size");
		}
	}

	private void validatePropagators() {
		var propagators = this.properties.getPropagators();
		if (propagators.contains(PropagatorType.NONE) && propagators.size() > 1) {
			reject("propagators", "'none' cannot be combined with other propagators; use 'none' alone or remove it");
		}
	}

	private void positive(String field, Duration duration) {
		if (duration.isNegative() || duration.isZero()) {
			reject(field, "must be a positive duration, e.g. 10s or 500ms");
		}
	}

	private void positive(String field, int value) {
		if (value <= 0) {
			reject(field, "must be a positive whole number");
		}
	}

	private void notNegative(String field, @Nullable Integer value) {
		if (value != null && value < 0) {
			reject(field, "must be zero or a positive whole number");
		}
	}

	private void readable(String field, @Nullable String file) {
		if (file == null) {
			return;
		}
		try {
			Path path = Path.of(file);
			if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
				reject(field, "names a file that does not exist or cannot be read; expected a readable PEM file");
			}
		}
		catch (InvalidPathException ex) {
			reject(field, "is not a valid file path; expected a readable PEM file");
		}
	}

	private static String exporterField(String exporterName, String field) {
		return "exporters[" + exporterName + "]." + field;
	}

	private void reject(String field, String message) {
		this.errors.rejectValue(field, "tracekit.invalid", message);
	}

}
