package dev.tracekit.export;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tracekit.config.ConfigurationWarning;
import dev.tracekit.config.ValidatedProperties;
import dev.tracekit.config.ValueRules;
import dev.tracekit.spool.SpoolProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.ClassUtils;
import org.springframework.validation.Errors;

/**
 * One destination for finished spans, with its own processor: {@code tracekit.exporters.<name>.*}.
 * Every value the exporter would refuse at its first export is refused here, at startup.
 */
public class ExporterProperties implements ValidatedProperties {

	/** The endpoint of a zipkin exporter when none is configured, as in the SDK. */
	public static final String ZIPKIN_DEFAULT_ENDPOINT = "http://localhost:9411/api/v2/spans";

	static final String ZIPKIN_EXPORTER_CLASS = "io.opentelemetry.exporter.zipkin.ZipkinSpanExporter";

	/** Whether this exporter is built. OTEL_TRACES_EXPORTER turns off the exporters it does not name. */
	private boolean enabled = true;

	/** Where spans go. */
	private ExporterType type = ExporterType.OTLP;

	/** OTLP transport. */
	private OtlpProtocol protocol = OtlpProtocol.GRPC;

	/**
	 * Endpoint URL. Defaults to http://localhost:4317 for OTLP grpc, http://localhost:4318/v1/traces
	 * for OTLP http/protobuf and http://localhost:9411/api/v2/spans for zipkin. An http/protobuf or
	 * zipkin endpoint is used as given, path included.
	 */
	private @Nullable String endpoint;

	/**
	 * Headers sent with every OTLP request, such as an API key. Masked in all output. A header with an
	 * empty value is not sent.
	 */
	private Map<String, String> headers = new LinkedHashMap<>();

	/** Compression of request bodies. Defaults to none for otlp and gzip for zipkin, as in the SDK. */
	private @Nullable Compression compression;

	/** Maximum time one export request may take; 0 means no limit, as in the SDK. */
	private Duration timeout = Duration.ofSeconds(10);

	/** PEM file of the certificates to trust for the endpoint's TLS; defaults to the JVM's trust store. */
	private @Nullable String trustedCertificate;

	/** PEM file of the client certificate for mutual TLS; needs client-key. */
	private @Nullable String clientCertificate;

	/** PEM file of the unencrypted PKCS#8 private key for mutual TLS; needs client-certificate. */
	private @Nullable String clientKey;

	/** Whether a failed OTLP export is retried with exponential backoff, as the SDK does. */
	private boolean retry = true;

	/**
	 * The HTTP client OTLP requests are sent with: jdk (the JDK's HttpClient, http/protobuf only),
	 * grpc-java (grpc-java over Netty, grpc only) or okhttp. Defaults to jdk for http/protobuf and
	 * okhttp for grpc.
	 */
	private @Nullable OtlpSender sender;

	@NestedConfigurationProperty
	private final ProcessorProperties processor = new ProcessorProperties();

	@NestedConfigurationProperty
	private final ExporterSslProperties ssl = new ExporterSslProperties();

	@NestedConfigurationProperty
	private final SpoolProperties spool = new SpoolProperties();

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

	/** The configured endpoint, its scheme in lower case, or the type's (and protocol's) default. */
	public String effectiveEndpoint() {
		String configured = (this.endpoint != null) ? this.endpoint.strip() : "";
		if (configured.isEmpty()) {
			return (this.type == ExporterType.ZIPKIN) ? ZIPKIN_DEFAULT_ENDPOINT : this.protocol.defaultEndpoint();
		}
		int colon = configured.indexOf("://");
		return (colon > 0) ? configured.substring(0, colon).toLowerCase(Locale.ROOT) + configured.substring(colon)
				: configured;
	}

	public Map<String, String> getHeaders() {
		return this.headers;
	}

	public void setHeaders(Map<String, String> headers) {
		this.headers = headers;
	}

	/** The headers sent: those with a value, as the SDK does. */
	public Map<String, String> effectiveHeaders() {
		Map<String, String> sent = new LinkedHashMap<>();
		this.headers.forEach((name, value) -> {
			if (!value.isEmpty()) {
				sent.put(name, value);
			}
		});
		return sent;
	}

	public @Nullable Compression getCompression() {
		return this.compression;
	}

	public void setCompression(@Nullable Compression compression) {
		this.compression = compression;
	}

	/** The compression in force: as configured, else the SDK's default for the type. */
	public Compression effectiveCompression() {
		if (this.compression != null) {
			return this.compression;
		}
		return (this.type == ExporterType.ZIPKIN) ? Compression.GZIP : Compression.NONE;
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

	public @Nullable OtlpSender getSender() {
		return this.sender;
	}

	public void setSender(@Nullable OtlpSender sender) {
		this.sender = sender;
	}

	/** The sender in force: as configured, else the protocol's default. */
	public OtlpSender effectiveSender() {
		return (this.sender != null) ? this.sender : OtlpSender.defaultFor(this.protocol);
	}

	public ProcessorProperties getProcessor() {
		return this.processor;
	}

	public ExporterSslProperties getSsl() {
		return this.ssl;
	}

	public SpoolProperties getSpool() {
		return this.spool;
	}

	/** The processor type in force: as configured, else simple for console and batch otherwise. */
	public ProcessorType effectiveProcessorType() {
		ProcessorType configured = this.processor.getType();
		if (configured != null) {
			return configured;
		}
		return (this.type == ExporterType.CONSOLE) ? ProcessorType.SIMPLE : ProcessorType.BATCH;
	}

	@Override
	public void validate(Errors errors) {
		if (!this.enabled) {
			return;
		}
		if (this.type == ExporterType.ZIPKIN) {
			validateZipkin(errors);
			return;
		}
		if (this.type != ExporterType.OTLP) {
			return;
		}
		String endpointProblem = OtlpEndpoint.check(this.endpoint, this.protocol);
		if (endpointProblem != null) {
			ValueRules.reject(errors, "endpoint", endpointProblem);
		}
		ValueRules.notNegative(errors, "timeout", this.timeout);
		if (this.sender != null && !this.sender.supports(this.protocol)) {
			ValueRules.reject(errors, "sender", "does not speak " + this.protocol.id() + "; for " + this.protocol.id()
					+ " use " + OtlpSender.defaultFor(this.protocol).id() + " (or leave sender unset)");
		}
		this.headers.forEach((name, value) -> {
			String problem = HttpHeaderRules.check(name, value);
			if (problem != null) {
				// Rejected by entry, so the report finds where it was set (file and line, or variable).
				ValueRules.reject(errors, (name.indexOf('[') < 0 && name.indexOf(']') < 0) ? "headers[" + name + "]"
						: "headers", problem);
			}
		});
		validateTls(errors);
	}

	private void validateZipkin(Errors errors) {
		if (!ClassUtils.isPresent(ZIPKIN_EXPORTER_CLASS, null)) {
			ValueRules.reject(errors, "type", "is zipkin, but the Zipkin exporter is not on the classpath; add the"
					+ " dependency io.opentelemetry:opentelemetry-exporter-zipkin (its version is managed by Spring"
					+ " Boot)");
		}
		rejectIfProblem(errors, "endpoint", ZipkinEndpoint.check(this.endpoint));
		ValueRules.notNegative(errors, "timeout", this.timeout);
		if (!this.headers.isEmpty()) {
			ValueRules.reject(errors, "headers", "is set, but a zipkin exporter sends no custom headers; remove them"
					+ " or use an otlp exporter");
		}
		String tls = "is set, but a zipkin exporter trusts the JVM's trust store and has no client certificate;"
				+ " these settings apply to otlp exporters";
		rejectIfProblem(errors, "trustedCertificate", (this.trustedCertificate != null) ? tls : null);
		rejectIfProblem(errors, "clientCertificate", (this.clientCertificate != null) ? tls : null);
		rejectIfProblem(errors, "clientKey", (this.clientKey != null) ? tls : null);
		rejectIfProblem(errors, "ssl.bundle", (this.ssl.getBundle() != null) ? tls : null);
	}

	private void validateTls(Errors errors) {
		if (this.ssl.getBundle() != null) {
			String both = "is set beside ssl.bundle; configure TLS with either the SSL bundle or the PEM files";
			rejectIfProblem(errors, "trustedCertificate", (this.trustedCertificate != null) ? both : null);
			rejectIfProblem(errors, "clientCertificate", (this.clientCertificate != null) ? both : null);
			rejectIfProblem(errors, "clientKey", (this.clientKey != null) ? both : null);
			if (this.ssl.getBundle().isBlank()) {
				ValueRules.reject(errors, "ssl.bundle", "is empty; name a bundle of spring.ssl.bundle.*");
			}
			if (this.sender == OtlpSender.GRPC_JAVA) {
				// The grpc-java channel is built from the PEM files; an SSL bundle does not reach it.
				ValueRules.reject(errors, "ssl.bundle", "is not supported with sender grpc-java; use the PEM files"
						+ " (trusted-certificate, client-certificate, client-key) or another sender");
			}
		}
		rejectIfProblem(errors, "trustedCertificate",
				(this.trustedCertificate != null) ? PemFiles.checkCertificates(this.trustedCertificate) : null);
		String certificateProblem = (this.clientCertificate != null)
				? PemFiles.checkCertificates(this.clientCertificate) : null;
		String keyProblem = (this.clientKey != null) ? PemFiles.checkPrivateKey(this.clientKey) : null;
		rejectIfProblem(errors, "clientCertificate", certificateProblem);
		rejectIfProblem(errors, "clientKey", keyProblem);
		if (this.clientKey != null && this.clientCertificate == null) {
			ValueRules.reject(errors, "clientKey",
					"is set without client-certificate; mutual TLS needs both the certificate and its key");
		}
		else if (this.clientCertificate != null && this.clientKey == null) {
			ValueRules.reject(errors, "clientCertificate",
					"is set without client-key; mutual TLS needs both the certificate and its key");
		}
		else if (this.clientKey != null && this.clientCertificate != null && keyProblem == null
				&& certificateProblem == null) {
			rejectIfProblem(errors, "clientKey", PemFiles.checkKeyMatchesCertificate(this.clientKey,
					this.clientCertificate));
		}
	}

	private static void rejectIfProblem(Errors errors, String field, @Nullable String problem) {
		if (problem != null) {
			ValueRules.reject(errors, field, problem);
		}
	}

	@Override
	public List<ConfigurationWarning> warnings(String prefix) {
		List<ConfigurationWarning> warnings = new ArrayList<>(this.processor.warnings(prefix + ".processor"));
		if (!this.enabled || !this.type.isNetwork()) {
			return warnings;
		}
		if (this.type == ExporterType.ZIPKIN) {
			if (effectiveProcessorType() == ProcessorType.SIMPLE) {
				warnings.add(simpleProcessorWarning(prefix));
			}
			return warnings;
		}
		URI endpoint = URI.create(effectiveEndpoint());
		OtlpEndpoint.Authority authority = OtlpEndpoint.Authority.of(endpoint);
		if (this.protocol == OtlpProtocol.HTTP_PROTOBUF && authority.port() == OtlpProtocol.GRPC.defaultPort()) {
			warnings.add(new ConfigurationWarning("otlp-port", prefix + " sends http/protobuf to port 4317, the OTLP"
					+ " gRPC port. Use port 4318 or set " + prefix + ".protocol=grpc."));
		}
		if (this.protocol == OtlpProtocol.GRPC && authority.port() == OtlpProtocol.HTTP_PROTOBUF.defaultPort()) {
			warnings.add(new ConfigurationWarning("otlp-port", prefix + " sends gRPC to port 4318, the OTLP HTTP"
					+ " port. Use port 4317 or set " + prefix + ".protocol=http/protobuf."));
		}
		if ("http".equals(endpoint.getScheme()) && !effectiveHeaders().isEmpty() && !isLoopback(authority.host())) {
			warnings.add(new ConfigurationWarning("headers-over-http", prefix + " sends the headers "
					+ effectiveHeaders().keySet() + " over plain http:// to " + authority.host()
					+ ": credentials travel unencrypted. Use https://."));
		}
		this.headers.forEach((name, value) -> {
			if (value.isEmpty()) {
				warnings.add(new ConfigurationWarning("empty-header", prefix + ".headers." + name
						+ " is empty, so the header is not sent (as the SDK does); is a secret missing?"));
			}
		});
		if (effectiveProcessorType() == ProcessorType.SIMPLE) {
			warnings.add(simpleProcessorWarning(prefix));
		}
		return warnings;
	}

	private static ConfigurationWarning simpleProcessorWarning(String prefix) {
		return new ConfigurationWarning("simple-processor", prefix + " uses the simple processor with a"
				+ " network exporter: every span is sent on the thread that ends it, one request per span. Use"
				+ " processor.type=batch outside of tests.");
	}

	private static boolean isLoopback(@Nullable String host) {
		if (host == null) {
			return false;
		}
		if (host.equalsIgnoreCase("localhost")) {
			return true;
		}
		try {
			// Only literal addresses are checked; a name is never resolved here.
			return (host.matches("[0-9.]+") || host.startsWith("[")) && InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (Exception ex) {
			return false;
		}
	}

	/** The rules of a Zipkin endpoint URL: the full URL of the server's span API. */
	static final class ZipkinEndpoint {

		private static final String EXAMPLE = "http://zipkin:9411/api/v2/spans";

		private ZipkinEndpoint() {
		}

		/** What is wrong with the endpoint, or null when it is usable (or unset: the default is). */
		static @Nullable String check(@Nullable String endpoint) {
			if (endpoint == null || endpoint.isBlank()) {
				return null;
			}
			String problem = OtlpEndpoint.checkHttpUrl(endpoint, EXAMPLE);
			if (problem == null && URI.create(endpoint.strip()).getRawFragment() != null) {
				return "must not have a fragment; expected e.g. " + EXAMPLE;
			}
			return problem;
		}

	}

	/** The rules of an OTLP endpoint URL. */
	static final class OtlpEndpoint {

		private OtlpEndpoint() {
		}

		/** What is wrong with the endpoint, or null when it is usable (or unset: the default is). */
		static @Nullable String check(@Nullable String endpoint, OtlpProtocol protocol) {
			if (endpoint == null || endpoint.isBlank()) {
				return null;
			}
			String example = "http://collector:" + protocol.defaultPort() + protocol.tracesPath();
			String problem = checkHttpUrl(endpoint, example);
			if (problem != null) {
				return problem;
			}
			URI uri = URI.create(endpoint.strip());
			if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
				return "must not have a query or fragment; expected e.g. " + example;
			}
			if (protocol == OtlpProtocol.GRPC && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
				return "has the path '" + uri.getRawPath() + "' but gRPC endpoints take none (the service path is"
						+ " fixed); use e.g. " + example + ", or set protocol to http/protobuf";
			}
			return null;
		}

		/** What is wrong with an http(s) URL with a host and a valid port, or null when nothing is. */
		static @Nullable String checkHttpUrl(String endpoint, String example) {
			URI uri;
			try {
				uri = new URI(endpoint.strip());
			}
			catch (URISyntaxException ex) {
				return "is not a valid URL (" + ex.getReason() + "); expected e.g. " + example;
			}
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
			if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
				return "must start with http:// or https://, e.g. " + example;
			}
			Authority authority = Authority.of(uri);
			if (authority.host() == null) {
				return "has no host, or a port that is not a number from 1 to 65535; expected e.g. " + example;
			}
			if (authority.port() == 0 || authority.port() > 65535) {
				return "has the port " + authority.port() + "; a port is a number from 1 to 65535, e.g. " + example;
			}
			return null;
		}

		/**
		 * The host and port of an endpoint URL. {@link URI} reads no host from an authority whose
		 * host name holds '_' (common in Docker Compose), which the exporters' HTTP client and the
		 * SDK accept; such an authority is split here.
		 * @param host the host, or null when there is none
		 * @param port the port, or -1 when none is given
		 */
		record Authority(@Nullable String host, int port) {

			private static final Pattern UNPARSED = Pattern.compile("(?:[^@]*@)?([A-Za-z0-9._~-]+)(?::(\\d*))?");

			static Authority of(URI uri) {
				String authority = uri.getRawAuthority();
				if (uri.getHost() != null || authority == null) {
					return new Authority(uri.getHost(), uri.getPort());
				}
				Matcher matcher = UNPARSED.matcher(authority);
				if (!matcher.matches()) {
					return new Authority(null, -1);
				}
				String port = matcher.group(2);
				return new Authority(matcher.group(1), (port == null || port.isEmpty()) ? -1
						: (port.length() > 6) ? Integer.MAX_VALUE : Integer.parseInt(port));
			}

		}

	}

}
