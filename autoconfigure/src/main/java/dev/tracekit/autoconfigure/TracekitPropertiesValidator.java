package dev.tracekit.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import dev.tracekit.autoconfigure.TracekitProperties.Exporter;
import dev.tracekit.autoconfigure.TracekitProperties.Lifecycle;
import dev.tracekit.autoconfigure.TracekitProperties.Limits;
import dev.tracekit.autoconfigure.TracekitProperties.Processor;
import dev.tracekit.autoconfigure.TracekitProperties.Sampler;
import dev.tracekit.export.ExporterType;
import dev.tracekit.export.OtlpProtocol;
import dev.tracekit.propagation.PropagatorType;
import org.jspecify.annotations.Nullable;

import org.springframework.validation.Errors;

/**
 * Checks {@link TracekitProperties} group by group, as Spring Boot binds each: a rejection names
 * a field of the group being bound, which is how Spring Boot finds the property's origin for its
 * report. Each message says what is accepted. Nothing invalid is replaced by a default.
 */
final class TracekitPropertiesValidator {

	private static final Set<Class<?>> VALIDATED = Set.of(TracekitProperties.class, Sampler.class, Limits.class,
			Exporter.class, Processor.class, Lifecycle.class, TracekitProperties.Diagnostics.class);

	private final Errors errors;

	private TracekitPropertiesValidator(Errors errors) {
		this.errors = errors;
	}

	static boolean supports(Class<?> type) {
		return VALIDATED.contains(type);
	}

	static void validate(Object target, Errors errors) {
		TracekitPropertiesValidator validator = new TracekitPropertiesValidator(errors);
		if (target instanceof TracekitProperties properties) {
			validator.validateTopLevel(properties);
		}
		else if (target instanceof Sampler sampler) {
			validator.validateSampler(sampler);
		}
		else if (target instanceof Limits limits) {
			validator.validateLimits(limits);
		}
		else if (target instanceof Exporter exporter) {
			validator.validateExporter(exporter);
		}
		else if (target instanceof Processor processor) {
			validator.validateProcessor(processor);
		}
		else if (target instanceof Lifecycle lifecycle) {
			validator.positive("flushTimeout", lifecycle.getFlushTimeout());
			validator.positive("shutdownTimeout", lifecycle.getShutdownTimeout());
			validator.positive("pauseFlushTimeout", lifecycle.getPauseFlushTimeout());
		}
		else if (target instanceof TracekitProperties.Diagnostics diagnostics) {
			validator.positive("failureSummaryInterval", diagnostics.getFailureSummaryInterval());
		}
	}

	private void validateTopLevel(TracekitProperties properties) {
		var propagators = properties.getPropagators();
		if (propagators.contains(PropagatorType.NONE) && propagators.size() > 1) {
			reject("propagators", "'none' cannot be combined with other propagators; use 'none' alone or remove it");
		}
		var exporters = properties.effectiveExporters();
		if (exporters.size() > 1) {
			exporters.forEach((name, exporter) -> {
				if (exporter.getType() == ExporterType.NONE) {
					reject("exporters." + name + ".type",
							"'none' cannot be combined with other exporters; remove it or remove the others");
				}
			});
		}
	}

	private void validateSampler(Sampler sampler) {
		double ratio = sampler.getRatio();
		if (!(ratio >= 0.0 && ratio <= 1.0)) {
			reject("ratio", "must be between 0 and 1 inclusive (0 records no trace, 1 records all)");
		}
	}

	private void validateLimits(Limits limits) {
		notNegative("attributeCount", limits.getAttributeCount());
		notNegative("attributeValueLength", limits.getAttributeValueLength());
		notNegative("spanAttributeCount", limits.getSpanAttributeCount());
		notNegative("spanAttributeValueLength", limits.getSpanAttributeValueLength());
		notNegative("eventCount", limits.getEventCount());
		notNegative("linkCount", limits.getLinkCount());
		notNegative("attributesPerEvent", limits.getAttributesPerEvent());
		notNegative("attributesPerLink", limits.getAttributesPerLink());
	}

	private void validateExporter(Exporter exporter) {
		if (!exporter.isEnabled() || exporter.getType() != ExporterType.OTLP) {
			return;
		}
		validateEndpoint(exporter);
		positive("timeout", exporter.getTimeout());
		exporter.getHeaders().forEach((name, value) -> {
			if (name.isBlank() || name.chars().anyMatch((c) -> c <= ' ' || c >= 0x7f)) {
				reject("headers", "has a header name that is blank or holds spaces or control characters");
			}
			// Such a value would be refused, and quoted, by the HTTP client at the first export.
			else if (value.chars().anyMatch((c) -> (c < ' ' && c != '\t') || c == 0x7f)) {
				reject("headers", "has a value for header '" + name + "' that holds a control character (such as"
						+ " a trailing newline from a secret file); remove it");
			}
		});
		readable("trustedCertificate", exporter.getTrustedCertificate());
		readable("clientCertificate", exporter.getClientCertificate());
		readable("clientKey", exporter.getClientKey());
		if (exporter.getClientKey() != null && exporter.getClientCertificate() == null) {
			reject("clientKey", "is set without client-certificate; mutual TLS needs both the certificate and its key");
		}
		if (exporter.getClientCertificate() != null && exporter.getClientKey() == null) {
			reject("clientCertificate",
					"is set without client-key; mutual TLS needs both the certificate and its key");
		}
	}

	private void validateEndpoint(Exporter exporter) {
		String endpoint = exporter.getEndpoint();
		if (endpoint == null) {
			return;
		}
		OtlpProtocol protocol = exporter.getProtocol();
		String example = "http://collector:" + protocol.defaultPort() + protocol.tracesPath();
		URI uri;
		try {
			uri = new URI(endpoint);
		}
		catch (URISyntaxException ex) {
			reject("endpoint", "is not a valid URL (" + ex.getReason() + "); expected e.g. " + example);
			return;
		}
		String scheme = uri.getScheme();
		if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
			reject("endpoint", "must start with http:// or https://, e.g. " + example);
		}
		else if (uri.getHost() == null) {
			reject("endpoint", "has no host; expected e.g. " + example);
		}
		else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
			reject("endpoint", "must not have a query or fragment; expected e.g. " + example);
		}
		else if (protocol == OtlpProtocol.GRPC && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
			reject("endpoint", "has the path '" + uri.getRawPath()
					+ "' but gRPC endpoints take none (the service path is fixed); use e.g. " + example
					+ ", or set protocol to http/protobuf");
		}
	}

	private void validateProcessor(Processor processor) {
		positive("maxQueueSize", processor.getMaxQueueSize());
		positive("maxExportBatchSize", processor.getMaxExportBatchSize());
		positive("exportTimeout", processor.getExportTimeout());
		if (processor.getScheduleDelay().isNegative()) {
			reject("scheduleDelay", "must not be negative; e.g. 5s or 200ms");
		}
		if (processor.getMaxQueueSize() > 0 && processor.getMaxExportBatchSize() > processor.getMaxQueueSize()) {
			reject("maxExportBatchSize", "is larger than max-queue-size (" + processor.getMaxQueueSize()
					+ "); a batch is taken from the queue, so the SDK would cut it to the queue size."
					+ " Set it to at most max-queue-size");
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

	private void reject(String field, String message) {
		this.errors.rejectValue(field, "tracekit.invalid", message);
	}

}
