package dev.tracekit.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tracekit.export.Compression;
import dev.tracekit.export.ExporterType;
import dev.tracekit.export.OtlpProtocol;
import dev.tracekit.export.ProcessorType;
import dev.tracekit.propagation.PropagatorType;
import dev.tracekit.sampling.SamplerType;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The whole tracing pipeline, configured under {@code tracekit.*}. Defaults equal the
 * OpenTelemetry SDK's unless the README says otherwise.
 *
 * <p>
 * The class validates itself: Spring Boot applies it as a {@link Validator} to it and to each
 * nested group as they are bound, so an invalid value fails startup with a report naming the
 * property, its value and its origin.
 */
@ConfigurationProperties("tracekit")
public class TracekitProperties implements Validator {

	/** The exporter built when {@code tracekit.exporters} is empty. */
	public static final String DEFAULT_EXPORTER_NAME = "otlp";

	/**
	 * Whether tracekit builds the OpenTelemetry SDK. When false the context gets a no-op
	 * OpenTelemetry: no SDK, no threads, no exporter.
	 */
	private boolean enabled = true;

	/**
	 * Whether to register the OpenTelemetry instance as GlobalOpenTelemetry while the context
	 * runs. It is reset when the context closes, so a later context can register again.
	 */
	private boolean registerGlobal = true;

	private final Resource resource = new Resource();

	private final Sampler sampler = new Sampler();

	private final Limits limits = new Limits();

	/**
	 * Exporters by name; each gets its own span processor. When empty, one OTLP exporter named
	 * "otlp" with default settings is built.
	 */
	private Map<String, Exporter> exporters = new LinkedHashMap<>();

	/** Context propagators, in the order they inject and extract. */
	private List<PropagatorType> propagators = new ArrayList<>(
			List.of(PropagatorType.TRACECONTEXT, PropagatorType.BAGGAGE));

	private final Lifecycle lifecycle = new Lifecycle();

	private final Diagnostics diagnostics = new Diagnostics();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isRegisterGlobal() {
		return this.registerGlobal;
	}

	public void setRegisterGlobal(boolean registerGlobal) {
		this.registerGlobal = registerGlobal;
	}

	public Resource getResource() {
		return this.resource;
	}

	public Sampler getSampler() {
		return this.sampler;
	}

	public Limits getLimits() {
		return this.limits;
	}

	public Map<String, Exporter> getExporters() {
		return this.exporters;
	}

	public void setExporters(Map<String, Exporter> exporters) {
		this.exporters = exporters;
	}

	/** The enabled exporters, or the single default OTLP exporter when none is configured. */
	public Map<String, Exporter> effectiveExporters() {
		if (this.exporters.isEmpty()) {
			return Map.of(DEFAULT_EXPORTER_NAME, new Exporter());
		}
		Map<String, Exporter> enabled = new LinkedHashMap<>();
		this.exporters.forEach((name, exporter) -> {
			if (exporter.isEnabled()) {
				enabled.put(name, exporter);
			}
		});
		return enabled;
	}

	public List<PropagatorType> getPropagators() {
		return this.propagators;
	}

	public void setPropagators(List<PropagatorType> propagators) {
		this.propagators = propagators;
	}

	public Lifecycle getLifecycle() {
		return this.lifecycle;
	}

	public Diagnostics getDiagnostics() {
		return this.diagnostics;
	}

	@Override
	public boolean supports(Class<?> clazz) {
		return TracekitPropertiesValidator.supports(clazz);
	}

	@Override
	public void validate(Object target, Errors errors) {
		TracekitPropertiesValidator.validate(target, errors);
	}

	/** Who is sending: the OpenTelemetry Resource attached to every span. */
	public static class Resource {

		/**
		 * service.name. Falls back to spring.application.name, then to
		 * "unknown_service:java" with a warning.
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

		/** Further resource attributes. They win over detected ones and lose to the named settings. */
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

	/** Which spans are recorded. */
	public static class Sampler {

		/** The sampler. A Sampler bean replaces it. */
		private SamplerType type = SamplerType.PARENTBASED_ALWAYS_ON;

		/** Fraction of traces recorded by the traceidratio samplers, from 0 to 1. */
		private double ratio = 1.0;

		public SamplerType getType() {
			return this.type;
		}

		public void setType(SamplerType type) {
			this.type = type;
		}

		public double getRatio() {
			return this.ratio;
		}

		public void setRatio(double ratio) {
			this.ratio = ratio;
		}

	}

	/**
	 * Caps on what one span holds. The general attribute limits apply wherever a span-specific
	 * one is unset. An unset value length means unlimited.
	 */
	public static class Limits {

		/** Maximum attributes per span, event or link unless a specific limit is set. */
		private int attributeCount = 128;

		/** Maximum length of a string attribute value; longer values are truncated. Unlimited when unset. */
		private @Nullable Integer attributeValueLength;

		/** Maximum attributes per span. Defaults to attribute-count. */
		private @Nullable Integer spanAttributeCount;

		/** Maximum length of a span's string attribute value. Defaults to attribute-value-length. */
		private @Nullable Integer spanAttributeValueLength;

		/** Maximum events per span. */
		private int eventCount = 128;

		/** Maximum links per span. */
		private int linkCount = 128;

		/** Maximum attributes per span event. Defaults to attribute-count. */
		private @Nullable Integer attributesPerEvent;

		/** Maximum attributes per span link. Defaults to attribute-count. */
		private @Nullable Integer attributesPerLink;

		public int getAttributeCount() {
			return this.attributeCount;
		}

		public void setAttributeCount(int attributeCount) {
			this.attributeCount = attributeCount;
		}

		public @Nullable Integer getAttributeValueLength() {
			return this.attributeValueLength;
		}

		public void setAttributeValueLength(@Nullable Integer attributeValueLength) {
			this.attributeValueLength = attributeValueLength;
		}

		public @Nullable Integer getSpanAttributeCount() {
			return this.spanAttributeCount;
		}

		public void setSpanAttributeCount(@Nullable Integer spanAttributeCount) {
			this.spanAttributeCount = spanAttributeCount;
		}

		public @Nullable Integer getSpanAttributeValueLength() {
			return this.spanAttributeValueLength;
		}

		public void setSpanAttributeValueLength(@Nullable Integer spanAttributeValueLength) {
			this.spanAttributeValueLength = spanAttributeValueLength;
		}

		public int getEventCount() {
			return this.eventCount;
		}

		public void setEventCount(int eventCount) {
			this.eventCount = eventCount;
		}

		public int getLinkCount() {
			return this.linkCount;
		}

		public void setLinkCount(int linkCount) {
			this.linkCount = linkCount;
		}

		public @Nullable Integer getAttributesPerEvent() {
			return this.attributesPerEvent;
		}

		public void setAttributesPerEvent(@Nullable Integer attributesPerEvent) {
			this.attributesPerEvent = attributesPerEvent;
		}

		public @Nullable Integer getAttributesPerLink() {
			return this.attributesPerLink;
		}

		public void setAttributesPerLink(@Nullable Integer attributesPerLink) {
			this.attributesPerLink = attributesPerLink;
		}

	}

	/** One destination for finished spans, with its own processor. */
	public static class Exporter {

		/** Whether this exporter is built. OTEL_TRACES_EXPORTER turns off the exporters it does not name. */
		private boolean enabled = true;

		/** Where spans go. */
		private ExporterType type = ExporterType.OTLP;

		/** OTLP transport. */
		private OtlpProtocol protocol = OtlpProtocol.GRPC;

		/**
		 * OTLP endpoint URL. Defaults to http://localhost:4317 for grpc and
		 * http://localhost:4318/v1/traces for http/protobuf. An http/protobuf endpoint is used
		 * as given, path included.
		 */
		private @Nullable String endpoint;

		/** Headers sent with every OTLP request, such as an API key. Masked in all output. */
		private Map<String, String> headers = new LinkedHashMap<>();

		/** Compression of OTLP request bodies. */
		private Compression compression = Compression.NONE;

		/** Maximum time one OTLP export may take. */
		private Duration timeout = Duration.ofSeconds(10);

		/** PEM file of the certificates to trust for the endpoint's TLS; defaults to the JVM's trust store. */
		private @Nullable String trustedCertificate;

		/** PEM file of the client certificate for mutual TLS; needs client-key. */
		private @Nullable String clientCertificate;

		/** PEM file of the PKCS#8 private key for mutual TLS; needs client-certificate. */
		private @Nullable String clientKey;

		/** Whether a failed OTLP export is retried with exponential backoff, as the SDK does. */
		private boolean retry = true;

		private final Processor processor = new Processor();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public ExporterType getType() {
			return this.type;
		}

		public void setType(ExporterType type) {
			this.type = type;
		}

		public OtlpProtocol getProtocol() {
			return this.protocol;
		}

		public void setProtocol(OtlpProtocol protocol) {
			this.protocol = protocol;
		}

		public @Nullable String getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(@Nullable String endpoint) {
			this.endpoint = endpoint;
		}

		/** The configured endpoint or the protocol's default. */
		public String effectiveEndpoint() {
			return (this.endpoint != null && !this.endpoint.isBlank()) ? this.endpoint
					: this.protocol.defaultEndpoint();
		}

		public Map<String, String> getHeaders() {
			return this.headers;
		}

		public void setHeaders(Map<String, String> headers) {
			this.headers = headers;
		}

		public Compression getCompression() {
			return this.compression;
		}

		public void setCompression(Compression compression) {
			this.compression = compression;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable String getTrustedCertificate() {
			return this.trustedCertificate;
		}

		public void setTrustedCertificate(@Nullable String trustedCertificate) {
			this.trustedCertificate = trustedCertificate;
		}

		public @Nullable String getClientCertificate() {
			return this.clientCertificate;
		}

		public void setClientCertificate(@Nullable String clientCertificate) {
			this.clientCertificate = clientCertificate;
		}

		public @Nullable String getClientKey() {
			return this.clientKey;
		}

		public void setClientKey(@Nullable String clientKey) {
			this.clientKey = clientKey;
		}

		public boolean isRetry() {
			return this.retry;
		}

		public void setRetry(boolean retry) {
			this.retry = retry;
		}

		public Processor getProcessor() {
			return this.processor;
		}

		/** The processor type in force: as configured, else simple for console and batch otherwise. */
		public ProcessorType effectiveProcessorType() {
			ProcessorType configured = this.processor.getType();
			if (configured != null) {
				return configured;
			}
			return (this.type == ExporterType.CONSOLE) ? ProcessorType.SIMPLE : ProcessorType.BATCH;
		}

	}

	/** How finished spans reach an exporter. */
	public static class Processor {

		/** batch or simple. Defaults to simple for console exporters and batch for the others. */
		private @Nullable ProcessorType type;

		/** Batch: longest time a finished span waits before its batch is exported. */
		private Duration scheduleDelay = Duration.ofSeconds(5);

		/** Batch: spans held while waiting for export; spans beyond it are dropped and counted. */
		private int maxQueueSize = 2048;

		/** Batch: most spans in one export request; at most max-queue-size. */
		private int maxExportBatchSize = 512;

		/** Batch: maximum time one export of a batch may take. */
		private Duration exportTimeout = Duration.ofSeconds(30);

		/** Batch: whether spans that are recorded but not sampled are exported too. */
		private boolean exportUnsampledSpans = false;

		public @Nullable ProcessorType getType() {
			return this.type;
		}

		public void setType(@Nullable ProcessorType type) {
			this.type = type;
		}

		public Duration getScheduleDelay() {
			return this.scheduleDelay;
		}

		public void setScheduleDelay(Duration scheduleDelay) {
			this.scheduleDelay = scheduleDelay;
		}

		public int getMaxQueueSize() {
			return this.maxQueueSize;
		}

		public void setMaxQueueSize(int maxQueueSize) {
			this.maxQueueSize = maxQueueSize;
		}

		public int getMaxExportBatchSize() {
			return this.maxExportBatchSize;
		}

		public void setMaxExportBatchSize(int maxExportBatchSize) {
			this.maxExportBatchSize = maxExportBatchSize;
		}

		public Duration getExportTimeout() {
			return this.exportTimeout;
		}

		public void setExportTimeout(Duration exportTimeout) {
			this.exportTimeout = exportTimeout;
		}

		public boolean isExportUnsampledSpans() {
			return this.exportUnsampledSpans;
		}

		public void setExportUnsampledSpans(boolean exportUnsampledSpans) {
			this.exportUnsampledSpans = exportUnsampledSpans;
		}

	}

	/** What happens when the application context closes. */
	public static class Lifecycle {

		/** Longest wait for queued spans to be exported when the context closes. */
		private Duration flushTimeout = Duration.ofSeconds(10);

		/** Longest wait for processors and exporters to shut down after the flush. */
		private Duration shutdownTimeout = Duration.ofSeconds(10);

		/**
		 * Longest wait for queued spans to be exported when the context is paused or stopped
		 * without closing (Spring's test framework pauses cached contexts). The pipeline keeps
		 * running while paused, so spans not exported by then are exported later.
		 */
		private Duration pauseFlushTimeout = Duration.ofSeconds(1);

		public Duration getFlushTimeout() {
			return this.flushTimeout;
		}

		public void setFlushTimeout(Duration flushTimeout) {
			this.flushTimeout = flushTimeout;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

		public Duration getPauseFlushTimeout() {
			return this.pauseFlushTimeout;
		}

		public void setPauseFlushTimeout(Duration pauseFlushTimeout) {
			this.pauseFlushTimeout = pauseFlushTimeout;
		}

	}

	/** What tracekit tells about the pipeline it built and how it is doing. */
	public static class Diagnostics {

		/** Whether to log the pipeline tracekit built, once, at startup. */
		private boolean startupReport = true;

		/**
		 * While an exporter keeps failing, how often its failures are summarised in the log. The
		 * first failure and the recovery are always logged.
		 */
		private Duration failureSummaryInterval = Duration.ofMinutes(1);

		public boolean isStartupReport() {
			return this.startupReport;
		}

		public void setStartupReport(boolean startupReport) {
			this.startupReport = startupReport;
		}

		public Duration getFailureSummaryInterval() {
			return this.failureSummaryInterval;
		}

		public void setFailureSummaryInterval(Duration failureSummaryInterval) {
			this.failureSummaryInterval = failureSummaryInterval;
		}

	}

}
