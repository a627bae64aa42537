package dev.tracekit.env;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import dev.tracekit.testing.OtlpTestReceiver;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Differential proof that the OTEL_* variables mean in tracekit what they mean in OpenTelemetry's
 * own SDK: for each variable set, the SDK's autoconfigure module and tracekit each build a tracer
 * provider from the same variables, and their effective configurations are compared. Where
 * tracekit deliberately differs, the case says so.
 */
class OtelVariableParityTests {

	// The detectors of opentelemetry-resources (on the test classpath) would add host and process
	// attributes to the SDK's resource; tracekit's detectors are switched off likewise below.
	private static final String DISABLED_PROVIDERS = String.join(",",
			"io.opentelemetry.instrumentation.resources.ContainerResourceProvider",
			"io.opentelemetry.instrumentation.resources.HostResourceProvider",
			"io.opentelemetry.instrumentation.resources.HostIdResourceProvider",
			"io.opentelemetry.instrumentation.resources.JarServiceNameDetector",
			"io.opentelemetry.instrumentation.resources.ManifestResourceProvider",
			"io.opentelemetry.instrumentation.resources.OsResourceProvider",
			"io.opentelemetry.instrumentation.resources.ProcessResourceProvider",
			"io.opentelemetry.instrumentation.resources.ProcessRuntimeResourceProvider");

	private static final String[] NO_DETECTORS = { "--tracekit.resource.detectors.host=false",
			"--tracekit.resource.detectors.os=false", "--tracekit.resource.detectors.process=false",
			"--tracekit.resource.detectors.process-runtime=false", "--tracekit.register-global=false" };

	private final List<AutoCloseable> opened = new ArrayList<>();

	@BeforeAll
	static void noOtelVariablesInTheProcess() {
		// The SDK reads the real environment too; these cases must be the only OTEL settings.
		assertThat(System.getenv().keySet()).noneMatch((name) -> name.startsWith("OTEL_"));
		assertThat(System.getProperties().stringPropertyNames()).noneMatch((name) -> name.startsWith("otel."));
	}

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.opened) {
			closeable.close();
		}
		GlobalOpenTelemetry.resetForTest();
	}

	static Stream<Arguments> sameAsTheSdk() {
		return Stream.of(
				// Single variables
				same("nothing set"),
				same("service name", "OTEL_SERVICE_NAME", "orders"),
				same("resource attributes", "OTEL_RESOURCE_ATTRIBUTES", "team=payments,region=eu-west-1"),
				same("percent-decoded resource attribute", "OTEL_RESOURCE_ATTRIBUTES", "owner=J%C3%BCrgen%20M,path=a%2Cb"),
				same("resource attribute with spaces around", "OTEL_RESOURCE_ATTRIBUTES", " team = payments , tier=1 "),
				same("service.name in resource attributes", "OTEL_RESOURCE_ATTRIBUTES", "service.name=from-attributes"),
				same("service.version in resource attributes", "OTEL_RESOURCE_ATTRIBUTES", "service.version=2.1.0,service.namespace=shop"),
				same("deployment environment in resource attributes", "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=prod"),
				same("sampler always_on", "OTEL_TRACES_SAMPLER", "always_on"),
				same("sampler always_off", "OTEL_TRACES_SAMPLER", "always_off"),
				same("sampler traceidratio without arg", "OTEL_TRACES_SAMPLER", "traceidratio"),
				same("sampler parentbased_always_off", "OTEL_TRACES_SAMPLER", "parentbased_always_off"),
				same("sampler parentbased_traceidratio without arg", "OTEL_TRACES_SAMPLER", "parentbased_traceidratio"),
				same("batch schedule delay", "OTEL_BSP_SCHEDULE_DELAY", "1500"),
				same("batch queue size", "OTEL_BSP_MAX_QUEUE_SIZE", "4096"),
				same("batch export batch size", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "256"),
				same("batch export timeout", "OTEL_BSP_EXPORT_TIMEOUT", "12000"),
				same("batch delay with a unit", "OTEL_BSP_SCHEDULE_DELAY", "2s"),
				same("general attribute count", "OTEL_ATTRIBUTE_COUNT_LIMIT", "16"),
				same("general attribute value length", "OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", "64"),
				same("span attribute count", "OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", "20"),
				same("span attribute value length", "OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT", "100"),
				same("span event count", "OTEL_SPAN_EVENT_COUNT_LIMIT", "7"),
				same("span link count", "OTEL_SPAN_LINK_COUNT_LIMIT", "9"),
				same("propagators b3", "OTEL_PROPAGATORS", "b3"),
				same("propagators b3multi, jaeger, ottrace", "OTEL_PROPAGATORS", "b3multi,jaeger,ottrace"),
				same("propagators none", "OTEL_PROPAGATORS", "none"),
				same("propagators with spaces", "OTEL_PROPAGATORS", "tracecontext, baggage"),
				same("exporter none", "OTEL_TRACES_EXPORTER", "none"),
				same("exporter otlp", "OTEL_TRACES_EXPORTER", "otlp"),
				same("generic endpoint, grpc", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"),
				same("traces endpoint, grpc", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://collector:14317"),
				same("protocol http/protobuf", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
				same("traces protocol http/protobuf", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf"),
				same("compression gzip", "OTEL_EXPORTER_OTLP_COMPRESSION", "gzip"),
				same("traces compression gzip", "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "gzip"),
				same("timeout", "OTEL_EXPORTER_OTLP_TIMEOUT", "2500"),
				same("traces timeout", "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "3s"),
				same("headers", "OTEL_EXPORTER_OTLP_HEADERS", "api-key=secret,x-tenant=acme"),
				same("retry disabled", "OTEL_JAVA_EXPORTER_OTLP_RETRY_DISABLED", "true"),
				// Combinations
				same("service name beats service.name in resource attributes", "OTEL_SERVICE_NAME", "orders",
						"OTEL_RESOURCE_ATTRIBUTES", "service.name=ignored,team=payments"),
				same("ratio sampler with arg", "OTEL_TRACES_SAMPLER", "traceidratio", "OTEL_TRACES_SAMPLER_ARG", "0.25"),
				same("parent-based ratio sampler with arg", "OTEL_TRACES_SAMPLER", "parentbased_traceidratio",
						"OTEL_TRACES_SAMPLER_ARG", "0.1"),
				same("generic endpoint, http gets /v1/traces", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
						"OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"),
				same("generic endpoint with trailing slash, http", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
						"OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/"),
				same("generic endpoint with a base path, http", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
						"OTEL_EXPORTER_OTLP_ENDPOINT", "https://gateway/otlp"),
				same("traces endpoint used as given, http", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
						"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318/custom/path"),
				same("traces endpoint beats the generic one", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://generic:4317",
						"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://specific:4317"),
				same("traces protocol beats the generic one", "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc",
						"OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf", "OTEL_EXPORTER_OTLP_ENDPOINT",
						"http://collector:4318"),
				same("traces headers replace the generic ones", "OTEL_EXPORTER_OTLP_HEADERS", "a=1,b=2",
						"OTEL_EXPORTER_OTLP_TRACES_HEADERS", "c=3"),
				same("traces compression beats the generic one", "OTEL_EXPORTER_OTLP_COMPRESSION", "gzip",
						"OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "none"),
				same("traces timeout beats the generic one", "OTEL_EXPORTER_OTLP_TIMEOUT", "1000",
						"OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "4000"),
				same("all batch settings", "OTEL_BSP_SCHEDULE_DELAY", "100", "OTEL_BSP_MAX_QUEUE_SIZE", "100",
						"OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "50", "OTEL_BSP_EXPORT_TIMEOUT", "5000"),
				same("general and span limits together", "OTEL_ATTRIBUTE_COUNT_LIMIT", "10",
						"OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", "30", "OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", "40",
						"OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT", "50"),
				same("a whole production setup", "OTEL_SERVICE_NAME", "checkout", "OTEL_RESOURCE_ATTRIBUTES",
						"deployment.environment.name=prod,team=payments", "OTEL_TRACES_SAMPLER",
						"parentbased_traceidratio", "OTEL_TRACES_SAMPLER_ARG", "0.05", "OTEL_EXPORTER_OTLP_PROTOCOL",
						"http/protobuf", "OTEL_EXPORTER_OTLP_ENDPOINT", "https://otlp.example:4318",
						"OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer%20abc", "OTEL_EXPORTER_OTLP_COMPRESSION",
						"gzip", "OTEL_PROPAGATORS", "tracecontext,baggage,b3multi"),
				same("sdk disabled false changes nothing", "OTEL_SDK_DISABLED", "false"));
	}

	private static Arguments same(String description, String... variables) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < variables.length; i += 2) {
			map.put(variables[i], variables[i + 1]);
		}
		return Arguments.of(description, map);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void sameAsTheSdk(String description, Map<String, String> variables) {
		Effective sdk = sdk(variables);
		Effective tracekit = tracekit(variables);
		assertThat(tracekit.sampler()).as("sampler").isEqualTo(sdk.sampler());
		assertThat(tracekit.limits()).as("span limits").isEqualTo(sdk.limits());
		assertThat(tracekit.resource()).as("resource").isEqualTo(sdk.resource());
		assertThat(tracekit.exporters()).as("exporters").isEqualTo(sdk.exporters());
		assertThat(tracekit.batch()).as("batch processors").isEqualTo(sdk.batch());
		assertThat(tracekit.propagatorFields()).as("propagator fields").isEqualTo(sdk.propagatorFields());
	}

	static Stream<Arguments> bothRefuse() {
		return Stream.of(same("ratio above one", "OTEL_TRACES_SAMPLER", "traceidratio", "OTEL_TRACES_SAMPLER_ARG", "1.5"),
				same("ratio not a number", "OTEL_TRACES_SAMPLER", "traceidratio", "OTEL_TRACES_SAMPLER_ARG", "half"),
				same("unknown sampler", "OTEL_TRACES_SAMPLER", "sometimes"),
				same("unknown propagator", "OTEL_PROPAGATORS", "tracecontext,carrier-pigeon"),
				same("none with other propagators", "OTEL_PROPAGATORS", "none,b3"),
				same("unknown exporter", "OTEL_TRACES_EXPORTER", "zipkin-v9"),
				same("none with other exporters", "OTEL_TRACES_EXPORTER", "none,otlp"),
				same("unknown protocol", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/json-please"),
				same("endpoint without a scheme", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "collector:4317"),
				same("endpoint with a query", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
						"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318/v1/traces?x=1"),
				same("grpc endpoint with a path", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4317/v1/traces"),
				same("malformed resource attributes", "OTEL_RESOURCE_ATTRIBUTES", "team"),
				same("malformed headers", "OTEL_EXPORTER_OTLP_HEADERS", "=secret"),
				same("client key without certificate", "OTEL_EXPORTER_OTLP_CLIENT_KEY", "/etc/hostname"),
				same("unreadable certificate", "OTEL_EXPORTER_OTLP_CERTIFICATE", "/no/such/ca.pem"),
				same("non-numeric limit", "OTEL_SPAN_EVENT_COUNT_LIMIT", "many"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void bothRefuse(String description, Map<String, String> variables) {
		assertThatException().as("the SDK").isThrownBy(() -> sdk(variables));
		assertThatException().as("tracekit").isThrownBy(() -> tracekit(variables));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("headerCases")
	void headersArriveAsTheSdkSendsThem(String description, Map<String, String> headerVariables) {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.start()) {
			Map<String, String> variables = new LinkedHashMap<>(headerVariables);
			variables.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.grpcEndpoint());
			SdkTracerProvider sdkProvider = sdk(variables).provider();
			sdkProvider.get("test").spanBuilder("from-sdk").startSpan().end();
			sdkProvider.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
			ConfigurableApplicationContext context = OtelVariablesTestSupport.start(variables, Map.of(), NO_DETECTORS);
			context.getBean(SdkTracerProvider.class).get("test").spanBuilder("from-tracekit").startSpan().end();
			context.close();
			assertThat(receiver.requests()).hasSize(2);
			Map<String, String> fromSdk = withoutTransportHeaders(receiver.requests().get(0).headers());
			Map<String, String> fromTracekit = withoutTransportHeaders(receiver.requests().get(1).headers());
			assertThat(fromTracekit).isEqualTo(fromSdk).isNotEmpty();
		}
	}

	static Stream<Arguments> headerCases() {
		return Stream.of(same("plain", "OTEL_EXPORTER_OTLP_HEADERS", "api-key=secret,x-tenant=acme"),
				same("percent-encoded", "OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer%20abc%3D%3D,x=a+b"),
				same("signal-specific replaces generic", "OTEL_EXPORTER_OTLP_HEADERS", "a=1,b=2",
						"OTEL_EXPORTER_OTLP_TRACES_HEADERS", "c=3"));
	}

	private static Map<String, String> withoutTransportHeaders(Map<String, String> headers) {
		Map<String, String> application = new TreeMap<>(headers);
		application.keySet()
			.removeIf((name) -> name.startsWith(":") || name.startsWith("grpc-") || name.equals("user-agent")
					|| name.equals("content-type") || name.equals("content-length") || name.equals("te")
					|| name.equals("accept-encoding"));
		return application;
	}

	/**
	 * Where tracekit deliberately differs: the SDK quietly ignores these values, tracekit refuses
	 * them, because a value nobody reads is a mistake someone will look for later.
	 */
	static Stream<Arguments> tracekitRefusesWhatTheSdkIgnores() {
		return Stream.of(same("a non-boolean OTEL_SDK_DISABLED (the SDK reads it as false)", "OTEL_SDK_DISABLED", "yes"),
				same("a ratio out of range for a sampler that takes none (the SDK ignores the argument)",
						"OTEL_TRACES_SAMPLER", "always_on", "OTEL_TRACES_SAMPLER_ARG", "5"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void tracekitRefusesWhatTheSdkIgnores(String description, Map<String, String> variables) {
		assertThat(sdk(variables).provider()).isNotNull();
		assertThatException().as("tracekit").isThrownBy(() -> tracekit(variables));
	}

	/** Where tracekit deliberately adds to the SDK's resource: a per-process instance id. */
	@org.junit.jupiter.api.Test
	void tracekitAddsAServiceInstanceIdTheSdkLeavesOut() {
		Map<String, String> variables = Map.of("OTEL_SERVICE_NAME", "orders");
		assertThat(sdk(variables).provider()).isNotNull();
		ConfigurableApplicationContext context = OtelVariablesTestSupport.start(variables, Map.of(), NO_DETECTORS);
		this.opened.add(context);
		assertThat(context.getBean(Resource.class).getAttribute(io.opentelemetry.api.common.AttributeKey
			.stringKey("service.instance.id"))).matches("[0-9a-f-]{36}");
	}

	private Effective sdk(Map<String, String> variables) {
		Map<String, String> properties = new LinkedHashMap<>();
		variables.forEach((name, value) -> properties.put(OtelVariable.normalize(name), value));
		properties.put("otel.metrics.exporter", "none");
		properties.put("otel.logs.exporter", "none");
		properties.put("otel.java.disabled.resource.providers", DISABLED_PROVIDERS);
		AtomicReference<Resource> resource = new AtomicReference<>();
		AutoConfiguredOpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
			.addPropertiesSupplier(() -> properties)
			.addResourceCustomizer((built, config) -> {
				resource.set(built);
				return built;
			})
			.disableShutdownHook()
			.build();
		this.opened.add(sdk.getOpenTelemetrySdk());
		SdkTracerProvider provider = sdk.getOpenTelemetrySdk().getSdkTracerProvider();
		return Effective.of(provider, resource.get(), sdk.getOpenTelemetrySdk().getPropagators(), false);
	}

	private Effective tracekit(Map<String, String> variables) {
		ConfigurableApplicationContext context = OtelVariablesTestSupport.start(variables, Map.of(), NO_DETECTORS);
		this.opened.add(context);
		return Effective.of(context.getBean(SdkTracerProvider.class), context.getBean(Resource.class),
				context.getBean(ContextPropagators.class), true);
	}

	/** What both sides are compared on, read from the built SDK objects. */
	record Effective(SdkTracerProvider provider, String sampler, Object limits, Map<String, Object> resource,
			List<String> exporters, List<String> batch, List<String> propagatorFields) {

		static Effective of(SdkTracerProvider provider, Resource resource, ContextPropagators propagators,
				boolean tracekit) {
			String description = provider.toString();
			Map<String, Object> attributes = new TreeMap<>();
			resource.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), value));
			if (tracekit) {
				// tracekit always sets an instance id (a random UUID per process); the SDK sets none.
				attributes.remove("service.instance.id");
			}
			List<String> exporters = new ArrayList<>();
			// The SDK passes a signal-specific gRPC endpoint through java.net.URL, which adds a
			// trailing '/' to a bare authority; both name the same endpoint.
			objects(description, "OtlpGrpcSpanExporter{")
				.forEach((exporter) -> exporters.add(exporter.replaceFirst("(endpoint=[^,]*?:\\d+)/,", "$1,")));
			exporters.addAll(objects(description, "OtlpHttpSpanExporter{"));
			exporters.sort(Comparator.naturalOrder());
			List<String> batch = objects(description, "BatchSpanProcessor{").stream()
				.map((processor) -> processor.replaceAll("spanExporter=.*?(, exportUnsampledSpans)", "$1"))
				.toList();
			return new Effective(provider, provider.getSampler().getDescription(), provider.getSpanLimits(), attributes,
					exporters, batch, List.copyOf(propagators.getTextMapPropagator().fields()));
		}

		/** Each {@code Name{...}} in a toString, braces balanced. */
		static List<String> objects(String text, String opening) {
			List<String> found = new ArrayList<>();
			int start = text.indexOf(opening);
			while (start >= 0) {
				int depth = 0;
				int end = start;
				for (; end < text.length(); end++) {
					char c = text.charAt(end);
					if (c == '{') {
						depth++;
					}
					else if (c == '}' && --depth == 0) {
						break;
					}
				}
				found.add(text.substring(start, Math.min(end + 1, text.length())));
				start = text.indexOf(opening, end);
			}
			return found;
		}

	}

}
