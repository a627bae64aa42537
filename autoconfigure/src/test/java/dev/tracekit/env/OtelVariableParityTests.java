package dev.tracekit.env;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.tracekit.testing.OtlpTestReceiver;
import dev.tracekit.testing.TestCertificateAuthority;
import dev.tracekit.testing.TestCertificateAuthority.IssuedCertificate;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Differential proof that the OTEL_* variables mean in tracekit what they mean in OpenTelemetry's
 * own SDK: for each variable set, the SDK's autoconfigure module and tracekit each build a tracer
 * provider from the same variables, and what their built objects really use is compared. Where
 * tracekit deliberately differs, the case says how and why, and the README lists it.
 */
@ExtendWith(OutputCaptureExtension.class)
class OtelVariableParityTests {

	// tracekit's default processor.max-concurrent-exports.
	private static final int CONCURRENT_EXPORTS = 4;

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

	private static final String LONG_TEXT = IntStream.range(0, 1000)
		.mapToObj((i) -> "segment" + i)
		.collect(Collectors.joining("-"));

	private static final TlsFiles PEM = new TlsFiles();

	private final List<AutoCloseable> opened = new ArrayList<>();

	@BeforeAll
	static void noOtelVariablesInTheProcess() {
		// The SDK reads the real environment and system properties too; these cases must be the only OTEL settings.
		assertThat(System.getenv().keySet()).noneMatch((name) -> name.toLowerCase().startsWith("otel"));
		assertThat(System.getProperties().stringPropertyNames())
			.noneMatch((name) -> name.toLowerCase().startsWith("otel"));
	}

	@AfterAll
	static void deleteFiles() {
		PEM.delete();
	}

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.opened) {
			closeable.close();
		}
		GlobalOpenTelemetry.resetForTest();
	}

	/** Variable sets both read alike, and build alike from. */
	static Stream<Variables> sameAsTheSdk() {
		return Stream.of(
				// Single variables
				env("nothing set"),
				env("service name", "OTEL_SERVICE_NAME", "orders"),
				env("service name with spaces around, kept as written", "OTEL_SERVICE_NAME", " orders "),
				env("a very long service name", "OTEL_SERVICE_NAME", LONG_TEXT),
				env("resource attributes", "OTEL_RESOURCE_ATTRIBUTES", "team=payments,region=eu-west-1"),
				env("percent-decoded resource attribute", "OTEL_RESOURCE_ATTRIBUTES", "owner=J%C3%BCrgen%20M,path=a%2Cb"),
				env("resource attribute with spaces around", "OTEL_RESOURCE_ATTRIBUTES", " team = payments , tier=1 "),
				env("resource attribute with an empty value is left out", "OTEL_RESOURCE_ATTRIBUTES", "team=,tier=1"),
				env("resource attributes, empty", "OTEL_RESOURCE_ATTRIBUTES", ""),
				env("resource attributes, trailing and doubled commas", "OTEL_RESOURCE_ATTRIBUTES", "a=1,,b=2,"),
				env("resource attribute repeated, the later wins", "OTEL_RESOURCE_ATTRIBUTES", "team=a,team=b"),
				env("resource attribute value holding '='", "OTEL_RESOURCE_ATTRIBUTES", "expr=a==b"),
				env("resource attribute value: '+', a lone '%' and an invalid escape stay as written",
						"OTEL_RESOURCE_ATTRIBUTES", "a=x+y,b=100%,c=%zz,d=%4"),
				env("resource attribute value, non-ASCII unencoded", "OTEL_RESOURCE_ATTRIBUTES", "owner=Jürgen,city=東京"),
				env("resource attribute, a very long value", "OTEL_RESOURCE_ATTRIBUTES", "note=" + LONG_TEXT),
				env("resource attributes, a hundred of them", "OTEL_RESOURCE_ATTRIBUTES",
						IntStream.range(0, 100).mapToObj((i) -> "key" + i + "=value" + i).collect(Collectors.joining(","))),
				env("resource keys: dots, dashes, underscores, upper case, spaces", "OTEL_RESOURCE_ATTRIBUTES",
						"k8s.pod.name=a,team-name=b,team_id=c,Team.Lead=d,cost center=e"),
				env("resource keys with brackets in pairs", "OTEL_RESOURCE_ATTRIBUTES", "a[b]=1,[c]=2,x.[y]=3"),
				env("resource key a]b stays a]b", "OTEL_RESOURCE_ATTRIBUTES", "a]b=1,team=payments"),
				env("resource keys with unpaired brackets", "OTEL_RESOURCE_ATTRIBUTES", "a[b=1,]c=2,d]=3,[e=4"),
				env("resource key of 255 characters", "OTEL_RESOURCE_ATTRIBUTES", "k".repeat(255) + "=v"),
				env("resource key percent-encoded is not decoded", "OTEL_RESOURCE_ATTRIBUTES", "a%20b=1"),
				env("resource key with symbols", "OTEL_RESOURCE_ATTRIBUTES", "a:b=1,a/b=2,a*b=3,#x=4,$y=5"),
				env("resource value that looks like a Spring placeholder", "OTEL_RESOURCE_ATTRIBUTES",
						"set=${tracekit.register-global},missing=${no.such.property},escaped=\\${x}"),
				env("service name that looks like a Spring placeholder", "OTEL_SERVICE_NAME",
						"${tracekit.register-global}"),
				env("service.name in resource attributes", "OTEL_RESOURCE_ATTRIBUTES", "service.name=from-attributes"),
				env("empty service.name in resource attributes is left out", "OTEL_RESOURCE_ATTRIBUTES", "service.name="),
				env("service.version in resource attributes", "OTEL_RESOURCE_ATTRIBUTES",
						"service.version=2.1.0,service.namespace=shop"),
				env("service.instance.id in resource attributes", "OTEL_RESOURCE_ATTRIBUTES", "service.instance.id=pod-7"),
				env("deployment environment in resource attributes", "OTEL_RESOURCE_ATTRIBUTES",
						"deployment.environment.name=prod"),
				env("upper-case Service.Name is a free-form attribute", "OTEL_RESOURCE_ATTRIBUTES", "Service.Name=x"),
				env("sampler always_on", "OTEL_TRACES_SAMPLER", "always_on"),
				env("sampler always_off", "OTEL_TRACES_SAMPLER", "always_off"),
				env("sampler parentbased_always_on", "OTEL_TRACES_SAMPLER", "parentbased_always_on"),
				env("sampler traceidratio without arg", "OTEL_TRACES_SAMPLER", "traceidratio"),
				env("sampler parentbased_always_off", "OTEL_TRACES_SAMPLER", "parentbased_always_off"),
				env("sampler parentbased_traceidratio without arg", "OTEL_TRACES_SAMPLER", "parentbased_traceidratio"),
				env("sampler arg alone, read by no sampler", "OTEL_TRACES_SAMPLER_ARG", "0.5"),
				env("batch schedule delay", "OTEL_BSP_SCHEDULE_DELAY", "1500"),
				env("batch schedule delay zero", "OTEL_BSP_SCHEDULE_DELAY", "0"),
				env("batch delay with a unit", "OTEL_BSP_SCHEDULE_DELAY", "2s"),
				env("batch delay with a space before the unit", "OTEL_BSP_SCHEDULE_DELAY", "5 s"),
				env("batch delay with spaces around", "OTEL_BSP_SCHEDULE_DELAY", " 250 "),
				env("batch delay in microseconds", "OTEL_BSP_SCHEDULE_DELAY", "100us"),
				env("batch delay in nanoseconds", "OTEL_BSP_SCHEDULE_DELAY", "5000000ns"),
				env("batch delay in days", "OTEL_BSP_SCHEDULE_DELAY", "1d"),
				env("batch delay with a plus sign", "OTEL_BSP_SCHEDULE_DELAY", "+300"),
				env("batch delay too long for nanoseconds saturates", "OTEL_BSP_SCHEDULE_DELAY", "9223372036854775807"),
				env("batch queue size", "OTEL_BSP_MAX_QUEUE_SIZE", "4096"),
				env("batch queue size below 512 alone lowers the batch size", "OTEL_BSP_MAX_QUEUE_SIZE", "100"),
				env("batch queue size of one", "OTEL_BSP_MAX_QUEUE_SIZE", "1"),
				env("batch export batch size", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "256"),
				env("batch export batch size above the queue", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "4096"),
				env("batch export timeout", "OTEL_BSP_EXPORT_TIMEOUT", "12000"),
				env("batch export timeout zero means no limit", "OTEL_BSP_EXPORT_TIMEOUT", "0"),
				env("batch settings, empty", "OTEL_BSP_SCHEDULE_DELAY", "", "OTEL_BSP_MAX_QUEUE_SIZE", "",
						"OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "", "OTEL_BSP_EXPORT_TIMEOUT", ""),
				env("general attribute count", "OTEL_ATTRIBUTE_COUNT_LIMIT", "16"),
				env("general attribute count, empty", "OTEL_ATTRIBUTE_COUNT_LIMIT", ""),
				env("general attribute count zero", "OTEL_ATTRIBUTE_COUNT_LIMIT", "0"),
				env("general attribute count, largest int", "OTEL_ATTRIBUTE_COUNT_LIMIT", "2147483647"),
				env("general attribute value length", "OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", "64"),
				env("general attribute value length zero", "OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", "0"),
				env("span attribute count", "OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", "20"),
				env("span attribute value length", "OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT", "100"),
				env("span event count", "OTEL_SPAN_EVENT_COUNT_LIMIT", "7"),
				env("span event count with a plus sign", "OTEL_SPAN_EVENT_COUNT_LIMIT", "+5"),
				env("span event count zero", "OTEL_SPAN_EVENT_COUNT_LIMIT", "0"),
				env("span link count", "OTEL_SPAN_LINK_COUNT_LIMIT", "9"),
				env("span limits, empty", "OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", "", "OTEL_SPAN_EVENT_COUNT_LIMIT", "",
						"OTEL_SPAN_LINK_COUNT_LIMIT", "", "OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", ""),
				env("event and link attribute limits are not read by the SDK", "OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT", "3",
						"OTEL_LINK_ATTRIBUTE_COUNT_LIMIT", "4"),
				env("propagators b3", "OTEL_PROPAGATORS", "b3"),
				env("propagators b3multi, jaeger, ottrace", "OTEL_PROPAGATORS", "b3multi,jaeger,ottrace"),
				env("propagators none", "OTEL_PROPAGATORS", "none"),
				env("propagators with spaces", "OTEL_PROPAGATORS", "tracecontext, baggage"),
				env("propagators with spaces around each entry", "OTEL_PROPAGATORS", " b3 , jaeger "),
				env("propagators in another order", "OTEL_PROPAGATORS", "baggage,tracecontext"),
				env("propagators, empty, keep the default", "OTEL_PROPAGATORS", ""),
				env("propagators, only commas, keep the default", "OTEL_PROPAGATORS", ",,,"),
				env("propagators with a trailing comma", "OTEL_PROPAGATORS", "tracecontext,baggage,"),
				env("propagators with a doubled comma", "OTEL_PROPAGATORS", "b3,,jaeger"),
				env("propagators repeated, each once", "OTEL_PROPAGATORS", "tracecontext,tracecontext"),
				env("propagators repeated among others", "OTEL_PROPAGATORS", "b3,baggage,b3,tracecontext,baggage"),
				env("exporter none", "OTEL_TRACES_EXPORTER", "none"),
				env("exporter otlp", "OTEL_TRACES_EXPORTER", "otlp"),
				env("exporter, empty, keeps the default", "OTEL_TRACES_EXPORTER", ""),
				env("exporter with a trailing comma", "OTEL_TRACES_EXPORTER", "otlp,"),
				env("exporter zipkin", "OTEL_TRACES_EXPORTER", "zipkin"),
				env("exporter zipkin with its endpoint and timeout", "OTEL_TRACES_EXPORTER", "zipkin",
						"OTEL_EXPORTER_ZIPKIN_ENDPOINT", "http://zipkin:9411/api/v2/spans", "OTEL_EXPORTER_ZIPKIN_TIMEOUT",
						"2500"),
				env("zipkin timeout with a unit, https endpoint", "OTEL_TRACES_EXPORTER", "zipkin",
						"OTEL_EXPORTER_ZIPKIN_ENDPOINT", "https://zipkin.example/api/v2/spans",
						"OTEL_EXPORTER_ZIPKIN_TIMEOUT", "3s"),
				env("zipkin timeout zero means no limit", "OTEL_TRACES_EXPORTER", "zipkin", "OTEL_EXPORTER_ZIPKIN_TIMEOUT",
						"0"),
				env("exporters console and zipkin", "OTEL_TRACES_EXPORTER", "console,zipkin",
						"OTEL_EXPORTER_ZIPKIN_ENDPOINT", "http://zipkin:9411/api/v2/spans"),
				env("exporter otlp ignores the Zipkin variables", "OTEL_TRACES_EXPORTER", "otlp",
						"OTEL_EXPORTER_ZIPKIN_ENDPOINT", "http://zipkin:9411/api/v2/spans"),
				env("exporters console and otlp, doubled comma and spaces", "OTEL_TRACES_EXPORTER", "console,, otlp "),
				env("exporters console and logging", "OTEL_TRACES_EXPORTER", "console,logging"),
				env("exporter console ignores the OTLP variables", "OTEL_TRACES_EXPORTER", "console",
						"OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317", "OTEL_EXPORTER_OTLP_HEADERS", "a=1"),
				env("exporter none ignores the OTLP variables", "OTEL_TRACES_EXPORTER", "none",
						"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4317"),
				env("generic endpoint, grpc", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"),
				env("generic endpoint with an upper-case scheme", "OTEL_EXPORTER_OTLP_ENDPOINT", "HTTP://collector:4317"),
				env("generic endpoint, IPv6 literal", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://[::1]:4317"),
				env("generic endpoint with spaces around", "OTEL_EXPORTER_OTLP_ENDPOINT", " http://collector:4317 "),
				env("traces endpoint, grpc", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://collector:14317"),
				env("traces endpoint with an upper-case scheme and host", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
						"HTTPS://Collector.Example:4317"),
				env("traces endpoint without a port", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector"),
				env("traces endpoint, host name with '_' as in Docker Compose", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
						"http://otel_collector:4317"),
				env("traces endpoint with a trailing slash", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4317/"),
				env("protocol grpc", "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
				env("protocol http/protobuf", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
				env("traces protocol http/protobuf", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf"),
				env("compression gzip", "OTEL_EXPORTER_OTLP_COMPRESSION", "gzip"),
				env("compression none", "OTEL_EXPORTER_OTLP_COMPRESSION", "none"),
				env("traces compression gzip", "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "gzip"),
				env("timeout", "OTEL_EXPORTER_OTLP_TIMEOUT", "2500"),
				env("timeout zero means no limit", "OTEL_EXPORTER_OTLP_TIMEOUT", "0"),
				env("timeout, empty", "OTEL_EXPORTER_OTLP_TIMEOUT", ""),
				env("timeout too long for nanoseconds saturates", "OTEL_EXPORTER_OTLP_TIMEOUT", "9223372036854775807"),
				env("traces timeout", "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "3s"),
				env("headers", "OTEL_EXPORTER_OTLP_HEADERS", "api-key=secret,x-tenant=acme"),
				env("headers with spaces around entries", "OTEL_EXPORTER_OTLP_HEADERS", " api-key = secret , x-tenant=acme "),
				env("header with an empty value is not sent", "OTEL_EXPORTER_OTLP_HEADERS", "api-key="),
				env("headers, empty", "OTEL_EXPORTER_OTLP_HEADERS", ""),
				env("retry disabled", "OTEL_JAVA_EXPORTER_OTLP_RETRY_DISABLED", "true"),
				env("retry disabled, upper case", "OTEL_JAVA_EXPORTER_OTLP_RETRY_DISABLED", "TRUE"),
				env("retry not disabled", "OTEL_JAVA_EXPORTER_OTLP_RETRY_DISABLED", "false"),
				env("retry disabled, empty", "OTEL_JAVA_EXPORTER_OTLP_RETRY_DISABLED", ""),
				env("sdk disabled false changes nothing", "OTEL_SDK_DISABLED", "false"),
				env("a resource attribute whose value decodes to a blank is kept", "OTEL_RESOURCE_ATTRIBUTES",
						"team=%20,tier=1"),
				env("sdk disabled, empty, changes nothing", "OTEL_SDK_DISABLED", ""),
				// Combinations
				env("service name beats service.name in resource attributes", "OTEL_SERVICE_NAME", "orders",
						"OTEL_RESOURCE_ATTRIBUTES", "service.name=ignored,team=payments"),
				env("ratio sampler with arg", "OTEL_TRACES_SAMPLER", "traceidratio", "OTEL_TRACES_SAMPLER_ARG", "0.25"),
				env("ratio sampler with arg zero", "OTEL_TRACES_SAMPLER", "traceidratio", "OTEL_TRACES_SAMPLER_ARG", "0"),
				env("ratio sampler with arg in exponent form", "OTEL_TRACES_SAMPLER", "traceidratio",
						"OTEL_TRACES_SAMPLER_ARG", "1e-1"),
				env("ratio sampler with arg and spaces around", "OTEL_TRACES_SAMPLER", "traceidratio",
						"OTEL_TRACES_SAMPLER_ARG", " 0.5 "),
				env("ratio sampler with an empty arg", "OTEL_TRACES_SAMPLER", "traceidratio", "OTEL_TRACES_SAMPLER_ARG", ""),
				env("parent-based ratio sampler with arg", "OTEL_TRACES_SAMPLER", "parentbased_traceidratio",
						"OTEL_TRACES_SAMPLER_ARG", "0.1"),
				env("generic endpoint, http gets /v1/traces", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
						"OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"),
				env("generic endpoint with an upper-case scheme, http", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
						"OTEL_EXPORTER_OTLP_ENDPOINT", "HTTP://collector:4318"),
				env("generic endpoint with trailing slash, http", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
						"OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/"),
				env("generic endpoint with a base path, http", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
						"OTEL_EXPORTER_OTLP_ENDPOINT", "https://gateway/otlp"),
				env("traces endpoint used as given, http", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
						"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318/custom/path"),
				env("traces endpoint without a path, http", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
						"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318"),
				env("traces endpoint beats the generic one", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://generic:4317",
						"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://specific:4317"),
				env("traces protocol beats the generic one", "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc",
						"OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf", "OTEL_EXPORTER_OTLP_ENDPOINT",
						"http://collector:4318"),
				env("traces headers replace the generic ones", "OTEL_EXPORTER_OTLP_HEADERS", "a=1,b=2",
						"OTEL_EXPORTER_OTLP_TRACES_HEADERS", "c=3"),
				env("empty traces headers leave the generic ones", "OTEL_EXPORTER_OTLP_HEADERS", "a=1",
						"OTEL_EXPORTER_OTLP_TRACES_HEADERS", ""),
				env("traces headers holding only empty values leave the generic ones", "OTEL_EXPORTER_OTLP_HEADERS",
						"a=1", "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "b="),
				env("traces compression beats the generic one", "OTEL_EXPORTER_OTLP_COMPRESSION", "gzip",
						"OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "none"),
				env("traces timeout beats the generic one", "OTEL_EXPORTER_OTLP_TIMEOUT", "1000",
						"OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "4000"),
				env("empty traces timeout leaves the generic one", "OTEL_EXPORTER_OTLP_TIMEOUT", "1500",
						"OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", ""),
				env("all batch settings", "OTEL_BSP_SCHEDULE_DELAY", "100", "OTEL_BSP_MAX_QUEUE_SIZE", "100",
						"OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "50", "OTEL_BSP_EXPORT_TIMEOUT", "5000"),
				env("batch size above a small queue", "OTEL_BSP_MAX_QUEUE_SIZE", "256", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE",
						"1024"),
				env("general and span limits together", "OTEL_ATTRIBUTE_COUNT_LIMIT", "10",
						"OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", "30", "OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", "40",
						"OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT", "50"),
				env("a whole production setup", "OTEL_SERVICE_NAME", "checkout", "OTEL_RESOURCE_ATTRIBUTES",
						"deployment.environment.name=prod,team=payments", "OTEL_TRACES_SAMPLER",
						"parentbased_traceidratio", "OTEL_TRACES_SAMPLER_ARG", "0.05", "OTEL_EXPORTER_OTLP_PROTOCOL",
						"http/protobuf", "OTEL_EXPORTER_OTLP_ENDPOINT", "https://otlp.example:4318",
						"OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer%20abc", "OTEL_EXPORTER_OTLP_COMPRESSION",
						"gzip", "OTEL_PROPAGATORS", "tracecontext,baggage,b3multi"),
				// Names and sources: otel.* system properties beat OTEL_* environment variables
				env("environment variable written in lower case", "otel_service_name", "lower"),
				system("system property", "otel.service.name", "from-system-property"),
				system("system property with dashes", "otel.service-name", "dashed"),
				system("system property in upper case", "OTEL.SERVICE.NAME", "upper"),
				system("system property with '_' is not a setting", "otel.service_name", "ignored"),
				env("system property beats the environment variable", "OTEL_SERVICE_NAME", "from-env")
					.withSystem("otel.service.name", "from-system-property"),
				env("empty system property hides the environment variable", "OTEL_ATTRIBUTE_COUNT_LIMIT", "7")
					.withSystem("otel.attribute.count.limit", ""),
				env("system property traces endpoint beats the environment's generic one", "OTEL_EXPORTER_OTLP_ENDPOINT",
						"http://from-env:4317")
					.withSystem("otel.exporter.otlp.traces.endpoint", "http://from-system-property:4317"),
				env("system property batch settings with environment OTLP settings", "OTEL_EXPORTER_OTLP_ENDPOINT",
						"http://collector:4317")
					.withSystem("otel.bsp.max.queue.size", "300", "otel.bsp.schedule.delay", "750"),
				env("system property propagators beat the environment's", "OTEL_PROPAGATORS", "b3")
					.withSystem("otel.propagators", "jaeger"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void sameAsTheSdk(Variables variables) {
		assumeSdkDecodesAsTracekit(variables);
		assertBuildsAlike(tracekit(variables), sdk(variables));
	}

	/** Variable sets the SDK refuses: tracekit refuses them too, and says which variable is wrong. */
	static Stream<Variables> bothRefuse() {
		return Stream.of(env("ratio above one", "OTEL_TRACES_SAMPLER", "traceidratio", "OTEL_TRACES_SAMPLER_ARG", "1.5"),
				env("ratio below zero", "OTEL_TRACES_SAMPLER", "parentbased_traceidratio", "OTEL_TRACES_SAMPLER_ARG",
						"-0.1"),
				env("ratio not a number", "OTEL_TRACES_SAMPLER", "traceidratio", "OTEL_TRACES_SAMPLER_ARG", "half"),
				env("unknown sampler", "OTEL_TRACES_SAMPLER", "sometimes"),
				env("jaeger remote sampler, not on the classpath", "OTEL_TRACES_SAMPLER", "parentbased_jaeger_remote"),
				env("unknown propagator", "OTEL_PROPAGATORS", "tracecontext,carrier-pigeon"),
				env("none with other propagators", "OTEL_PROPAGATORS", "none,b3"),
				env("unknown exporter", "OTEL_TRACES_EXPORTER", "zipkin-v9"),
				env("exporter whose artifact is missing", "OTEL_TRACES_EXPORTER", "logging-otlp"),
				env("none with other exporters", "OTEL_TRACES_EXPORTER", "none,otlp"),
				env("unknown protocol", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/json-please"),
				env("unknown compression", "OTEL_EXPORTER_OTLP_COMPRESSION", "deflate"),
				env("zipkin endpoint without a scheme", "OTEL_TRACES_EXPORTER", "zipkin", "OTEL_EXPORTER_ZIPKIN_ENDPOINT",
						"zipkin:9411/api/v2/spans"),
				env("zipkin timeout that is not a duration", "OTEL_TRACES_EXPORTER", "zipkin",
						"OTEL_EXPORTER_ZIPKIN_TIMEOUT", "soon"),
				env("endpoint without a scheme", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "collector:4317"),
				env("endpoint with another scheme", "OTEL_EXPORTER_OTLP_ENDPOINT", "ftp://collector:4317"),
				env("endpoint without a host", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://:4317"),
				env("endpoint with port zero", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:0"),
				env("endpoint with a port above 65535", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:99999"),
				env("endpoint with a query", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
						"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318/v1/traces?x=1"),
				env("endpoint with a fragment", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
						"OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318#top"),
				env("grpc endpoint with a path", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4317/v1/traces"),
				env("generic grpc endpoint with a path", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317/otlp"),
				env("malformed resource attributes", "OTEL_RESOURCE_ATTRIBUTES", "team"),
				env("resource key outside ASCII", "OTEL_RESOURCE_ATTRIBUTES", "größe=1"),
				env("resource key in another script", "OTEL_RESOURCE_ATTRIBUTES", "名前=g"),
				env("resource key longer than 255 characters", "OTEL_RESOURCE_ATTRIBUTES", "k".repeat(256) + "=v"),
				env("resource attribute without a key", "OTEL_RESOURCE_ATTRIBUTES", "team=payments, =orphan"),
				env("malformed headers", "OTEL_EXPORTER_OTLP_HEADERS", "=s3cr3t-value"),
				env("header entry without '='", "OTEL_EXPORTER_OTLP_HEADERS", "api-key=s3cr3t-value,orphan"),
				env("header value with an invalid escape", "OTEL_EXPORTER_OTLP_HEADERS", "api-key=s3cret%zz"),
				env("client key without certificate", "OTEL_EXPORTER_OTLP_CLIENT_KEY", PEM.key().toString()),
				env("client certificate without key", "OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE",
						PEM.certificate().toString()),
				env("unreadable certificate", "OTEL_EXPORTER_OTLP_CERTIFICATE", "/no/such/ca.pem"),
				env("trusted certificate file that is not PEM", "OTEL_EXPORTER_OTLP_CERTIFICATE", PEM.notPem().toString()),
				env("trusted certificate file holding a private key", "OTEL_EXPORTER_OTLP_CERTIFICATE",
						PEM.key().toString()),
				env("client key and certificate swapped", "OTEL_EXPORTER_OTLP_CLIENT_KEY", PEM.certificate().toString(),
						"OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE", PEM.key().toString()),
				env("non-numeric limit", "OTEL_SPAN_EVENT_COUNT_LIMIT", "many"),
				env("negative limit", "OTEL_ATTRIBUTE_COUNT_LIMIT", "-1"),
				env("decimal limit", "OTEL_SPAN_LINK_COUNT_LIMIT", "5.0"),
				env("hexadecimal limit", "OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", "0x10"),
				env("limit above the largest int", "OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", "2147483648"),
				env("batch queue size zero", "OTEL_BSP_MAX_QUEUE_SIZE", "0"),
				env("batch size zero", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "0"),
				env("negative batch delay", "OTEL_BSP_SCHEDULE_DELAY", "-5"),
				env("negative export timeout", "OTEL_BSP_EXPORT_TIMEOUT", "-5"),
				env("negative OTLP timeout", "OTEL_EXPORTER_OTLP_TIMEOUT", "-1s"),
				env("duration unit in upper case", "OTEL_BSP_SCHEDULE_DELAY", "5S"),
				env("ISO-8601 duration", "OTEL_BSP_EXPORT_TIMEOUT", "PT5S"),
				env("decimal duration", "OTEL_EXPORTER_OTLP_TIMEOUT", "1.5s"),
				env("duration with a word for its unit", "OTEL_BSP_SCHEDULE_DELAY", "5 seconds"),
				env("duration without a number", "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "ms"),
				env("duration beyond a long", "OTEL_BSP_SCHEDULE_DELAY", "99999999999999999999"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void bothRefuse(Variables variables, CapturedOutput output) {
		assertThatException().as("the SDK").isThrownBy(() -> sdk(variables));
		assertThatException().as("tracekit").isThrownBy(() -> tracekit(variables));
		assertFailureReportNamesTheVariable(output, variables);
	}

	/**
	 * Deliberate: tracekit refuses these values, which the SDK accepts but which cannot work or are
	 * misread by it, because a value nobody reads as meant is a mistake someone will look for later.
	 */
	static Stream<Variables> tracekitRefusesWhatTheSdkAccepts() {
		return Stream.of(
				env("a non-boolean OTEL_SDK_DISABLED (the SDK reads it as false)", "OTEL_SDK_DISABLED", "yes"),
				env("OTEL_SDK_DISABLED with spaces around true (the SDK reads it as false)", "OTEL_SDK_DISABLED",
						" true "),
				env("a non-boolean retry switch (the SDK reads it as false)", "OTEL_JAVA_EXPORTER_OTLP_RETRY_DISABLED",
						"yes"),
				env("a ratio out of range for a sampler that takes none (the SDK ignores it)", "OTEL_TRACES_SAMPLER",
						"always_on", "OTEL_TRACES_SAMPLER_ARG", "5"),
				env("a ratio out of range with the default sampler (the SDK ignores it)", "OTEL_TRACES_SAMPLER_ARG", "2"),
				env("an invalid batch setting while no exporter batches (the SDK ignores it)", "OTEL_TRACES_EXPORTER",
						"console", "OTEL_BSP_MAX_QUEUE_SIZE", "0"),
				env("a ratio that is not a number (the SDK builds a sampler that records nothing)",
						"OTEL_TRACES_SAMPLER", "traceidratio", "OTEL_TRACES_SAMPLER_ARG", "NaN"),
				env("a header name HTTP forbids (every export would fail)", "OTEL_EXPORTER_OTLP_HEADERS",
						"api key=s3cr3t-value"),
				env("a header value with a control character (every export would fail)", "OTEL_EXPORTER_OTLP_HEADERS",
						"api-key=s3cr3t-value%0A"),
				env("a header value outside ASCII (every export would fail)", "OTEL_EXPORTER_OTLP_HEADERS",
						"api-key=s3cr3t-v%C3%A4lue"),
				env("a client key of another certificate (TLS would fail)", "OTEL_EXPORTER_OTLP_CLIENT_KEY",
						PEM.otherKey().toString(), "OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE", PEM.certificate().toString()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void tracekitRefusesWhatTheSdkAccepts(Variables variables, CapturedOutput output) {
		assertThat(sdk(variables).provider()).as("the SDK").isNotNull();
		assertThatException().as("tracekit").isThrownBy(() -> tracekit(variables));
		assertFailureReportNamesTheVariable(output, variables);
	}

	/**
	 * Deliberate: values the SDK refuses that tracekit reads as the first variable set of each
	 * pair, which the SDK accepts: an empty variable is unset, as the specification says; names
	 * are matched in any case; spaces around a value and repeated list entries are ignored.
	 */
	static Stream<Difference> tracekitAcceptsWhatTheSdkRefuses() {
		return Stream.of(
				readAs(env("empty sampler is unset", "OTEL_TRACES_SAMPLER", ""), env("no sampler")),
				readAs(env("empty generic endpoint is unset", "OTEL_EXPORTER_OTLP_ENDPOINT", ""), env("no endpoint")),
				readAs(env("empty traces endpoint leaves the generic one", "OTEL_EXPORTER_OTLP_ENDPOINT",
						"http://collector:4317", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", ""),
						env("generic endpoint", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")),
				readAs(env("empty protocol is unset", "OTEL_EXPORTER_OTLP_PROTOCOL", ""), env("no protocol")),
				readAs(env("empty traces protocol leaves the generic one", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
						"OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", ""),
						env("generic protocol", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")),
				readAs(env("empty compression is unset", "OTEL_EXPORTER_OTLP_COMPRESSION", ""), env("no compression")),
				readAs(env("empty traces compression leaves the generic one", "OTEL_EXPORTER_OTLP_COMPRESSION", "gzip",
						"OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", ""),
						env("generic compression", "OTEL_EXPORTER_OTLP_COMPRESSION", "gzip")),
				readAs(env("empty certificate is unset", "OTEL_EXPORTER_OTLP_CERTIFICATE", ""), env("no certificate")),
				readAs(env("empty client key and certificate are unset", "OTEL_EXPORTER_OTLP_CLIENT_KEY", "",
						"OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE", ""), env("no client TLS")),
				readAs(env("blank limit is unset", "OTEL_ATTRIBUTE_COUNT_LIMIT", "  "), env("no limit")),
				readAs(env("blank batch delay is unset", "OTEL_BSP_SCHEDULE_DELAY", " "), env("no delay")),
				readAs(env("sampler in upper case", "OTEL_TRACES_SAMPLER", "ALWAYS_OFF"),
						env("sampler in lower case", "OTEL_TRACES_SAMPLER", "always_off")),
				readAs(env("sampler with spaces around", "OTEL_TRACES_SAMPLER", " parentbased_always_off "),
						env("sampler", "OTEL_TRACES_SAMPLER", "parentbased_always_off")),
				readAs(env("exporter in upper case", "OTEL_TRACES_EXPORTER", "OTLP"),
						env("exporter in lower case", "OTEL_TRACES_EXPORTER", "otlp")),
				readAs(env("exporter repeated", "OTEL_TRACES_EXPORTER", "otlp,otlp"),
						env("exporter once", "OTEL_TRACES_EXPORTER", "otlp")),
				readAs(env("exporter none repeated", "OTEL_TRACES_EXPORTER", "none,none"),
						env("exporter none once", "OTEL_TRACES_EXPORTER", "none")),
				readAs(env("propagator in mixed case", "OTEL_PROPAGATORS", "TraceContext,Baggage"),
						env("propagators in lower case", "OTEL_PROPAGATORS", "tracecontext,baggage")),
				readAs(env("propagator none repeated", "OTEL_PROPAGATORS", "none,none"),
						env("propagator none once", "OTEL_PROPAGATORS", "none")),
				readAs(env("protocol in upper case", "OTEL_EXPORTER_OTLP_PROTOCOL", "HTTP/PROTOBUF"),
						env("protocol in lower case", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")),
				readAs(env("protocol with spaces around", "OTEL_EXPORTER_OTLP_PROTOCOL", " http/protobuf "),
						env("protocol", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")),
				readAs(env("compression in upper case", "OTEL_EXPORTER_OTLP_COMPRESSION", "GZIP"),
						env("compression in lower case", "OTEL_EXPORTER_OTLP_COMPRESSION", "gzip")),
				readAs(env("limit with spaces around", "OTEL_SPAN_EVENT_COUNT_LIMIT", " 5 "),
						env("limit", "OTEL_SPAN_EVENT_COUNT_LIMIT", "5")),
				readAs(env("batch queue size with spaces around", "OTEL_BSP_MAX_QUEUE_SIZE", " 300"),
						env("batch queue size", "OTEL_BSP_MAX_QUEUE_SIZE", "300")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void tracekitAcceptsWhatTheSdkRefuses(Difference difference) {
		assertThatException().as("the SDK, reading " + difference.given()).isThrownBy(() -> sdk(difference.given()));
		assertBuildsAlike(tracekit(difference.given()), sdk(difference.readAs()));
	}

	/**
	 * Deliberate: values the SDK accepts and reads otherwise. An empty or blank service name is
	 * unset, as the specification says of an empty variable (the SDK sends it as it is); a non-ASCII character written unencoded beside a
	 * percent-escape is kept (the SDK turns it into U+FFFD).
	 */
	static Stream<Difference> tracekitReadsOtherwiseThanTheSdk() {
		return Stream.of(readAs(env("empty service name is unset", "OTEL_SERVICE_NAME", ""), env("no service name")),
				readAs(env("blank service name is unset", "OTEL_SERVICE_NAME", "   "), env("no service name")),
				readAs(env("empty service name leaves service.name of the resource attributes", "OTEL_SERVICE_NAME", "",
						"OTEL_RESOURCE_ATTRIBUTES", "service.name=from-attributes"),
						env("service.name of the resource attributes", "OTEL_RESOURCE_ATTRIBUTES",
								"service.name=from-attributes")),
				readAs(env("unencoded non-ASCII beside a percent-escape is kept", "OTEL_RESOURCE_ATTRIBUTES",
						"owner=Jürgen%20M"), env("the same value, all encoded", "OTEL_RESOURCE_ATTRIBUTES",
								"owner=J%C3%BCrgen%20M")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void tracekitReadsOtherwiseThanTheSdk(Difference difference) {
		assumeSdkDecodesAsTracekit(difference.given());
		Effective sdkReading = sdk(difference.given());
		Effective meant = sdk(difference.readAs());
		assertThat(sdkReading.resource()).as("the SDK reads it otherwise").isNotEqualTo(meant.resource());
		assertBuildsAlike(tracekit(difference.given()), meant);
	}

	/** OTEL_SDK_DISABLED=true in any case: neither builds a pipeline that records or exports. */
	static Stream<Variables> disabledAsInTheSdk() {
		return Stream.of(env("true", "OTEL_SDK_DISABLED", "true"), env("upper case", "OTEL_SDK_DISABLED", "TRUE"),
				env("with an exporter configured", "OTEL_SDK_DISABLED", "True", "OTEL_EXPORTER_OTLP_ENDPOINT",
						"http://collector:4317"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void disabledAsInTheSdk(Variables variables) {
		assertThat(sdk(variables).provider().toString()).as("the SDK").contains("spanProcessor=NoopSpanProcessor");
		ConfigurableApplicationContext context = OtelVariablesTestSupport.start(variables.environment(),
				variables.systemProperties(), NO_DETECTORS);
		this.opened.add(context);
		assertThat(context.getBeansOfType(SdkTracerProvider.class)).as("tracekit").isEmpty();
		assertThat(context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("s").startSpan().isRecording())
			.isFalse();
	}

	/** OTEL_SDK_DISABLED=true: nothing is recorded, but context still propagates, as in the SDK. */
	@Test
	void disabledStillPropagatesAsTheSdkDoes() {
		Variables variables = env("disabled", "OTEL_SDK_DISABLED", "true");
		ConfigurableApplicationContext context = OtelVariablesTestSupport.start(variables.environment(), Map.of(),
				NO_DETECTORS);
		this.opened.add(context);
		assertThat(context.getBean(OpenTelemetry.class).getPropagators().getTextMapPropagator().fields())
			.containsExactlyElementsOf(sdk(variables).propagatorFields());
	}

	/** Header values, compared as a real receiver gets them from each. */
	static Stream<Variables> headersArriveAsTheSdkSendsThem() {
		return Stream.of(env("plain", "OTEL_EXPORTER_OTLP_HEADERS", "api-key=secret,x-tenant=acme"),
				env("percent-encoded", "OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer%20abc%3D%3D,x=a+b"),
				env("signal-specific replaces generic", "OTEL_EXPORTER_OTLP_HEADERS", "a=1,b=2",
						"OTEL_EXPORTER_OTLP_TRACES_HEADERS", "c=3"),
				env("an empty value is not sent", "OTEL_EXPORTER_OTLP_HEADERS", "api-key=,x-tenant=acme"),
				env("repeated, the later wins", "OTEL_EXPORTER_OTLP_HEADERS", "x-tenant=first,x-tenant=second"),
				env("spaces around names and values", "OTEL_EXPORTER_OTLP_HEADERS", " x-tenant = acme , x-zone=eu "),
				env("upper-case names", "OTEL_EXPORTER_OTLP_HEADERS", "X-Tenant=acme,API-Key=secret"),
				env("a very long value", "OTEL_EXPORTER_OTLP_HEADERS", "authorization=" + LONG_TEXT.substring(0, 4000)),
				env("signal-specific with only empty values leaves generic", "OTEL_EXPORTER_OTLP_HEADERS", "a=1",
						"OTEL_EXPORTER_OTLP_TRACES_HEADERS", "b="),
				env("over http/protobuf", "OTEL_EXPORTER_OTLP_HEADERS", "api-key=secret,x=a%2Cb",
						"OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
				system("from a system property", "otel.exporter.otlp.headers", "x-source=system-property"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void headersArriveAsTheSdkSendsThem(Variables headers) {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.start()) {
			boolean http = headers.environment().containsKey("OTEL_EXPORTER_OTLP_PROTOCOL");
			Variables variables = headers.withEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT",
					http ? receiver.httpEndpoint().replace("/v1/traces", "") : receiver.grpcEndpoint());
			SdkTracerProvider sdkProvider = sdk(variables).provider();
			sdkProvider.get("test").spanBuilder("from-sdk").startSpan().end();
			sdkProvider.forceFlush().join(10, TimeUnit.SECONDS);
			ConfigurableApplicationContext context = OtelVariablesTestSupport.start(variables.environment(),
					variables.systemProperties(), NO_DETECTORS);
			context.getBean(SdkTracerProvider.class).get("test").spanBuilder("from-tracekit").startSpan().end();
			context.close();
			assertThat(receiver.requests()).hasSize(2);
			Map<String, String> fromSdk = withoutTransportHeaders(receiver.requests().get(0).headers());
			Map<String, String> fromTracekit = withoutTransportHeaders(receiver.requests().get(1).headers());
			assertThat(fromTracekit).isEqualTo(fromSdk).isNotEmpty();
		}
	}

	private static Map<String, String> withoutTransportHeaders(Map<String, String> headers) {
		// upgrade and http2-settings: the JDK HttpClient sender (tracekit's http/protobuf default) offers
		// HTTP/2 on a cleartext connection; a collector that does not take it answers in HTTP/1.1.
		Set<String> transport = Set.of("user-agent", "content-type", "content-length", "content-encoding", "te",
				"accept-encoding", "host", "connection", "upgrade", "http2-settings");
		Map<String, String> application = new TreeMap<>(headers);
		application.keySet()
			.removeIf((name) -> name.startsWith(":") || name.startsWith("grpc-") || transport.contains(name));
		return application;
	}

	/** Deliberate: tracekit adds to the SDK's resource a per-process instance id. */
	@Test
	void tracekitAddsAServiceInstanceIdTheSdkLeavesOut() {
		Variables variables = env("service name", "OTEL_SERVICE_NAME", "orders");
		assertThat(sdk(variables).resource()).doesNotContainKey("service.instance.id");
		ConfigurableApplicationContext context = OtelVariablesTestSupport.start(variables.environment(), Map.of(),
				NO_DETECTORS);
		this.opened.add(context);
		assertThat(context.getBean(Resource.class).getAttribute(AttributeKey.stringKey("service.instance.id")))
			.matches("[0-9a-f-]{36}");
	}

	private static void assertBuildsAlike(Effective tracekit, Effective sdk) {
		assertThat(tracekit.sampler()).as("sampler").isEqualTo(sdk.sampler());
		assertThat(tracekit.limits()).as("span limits").isEqualTo(sdk.limits());
		Map<String, Object> tracekitResource = new TreeMap<>(tracekit.resource());
		if (!sdk.resource().containsKey("service.instance.id")) {
			// tracekit always sets an instance id (a random UUID per process); the SDK sets none.
			tracekitResource.remove("service.instance.id");
		}
		assertThat(tracekitResource).as("resource").isEqualTo(sdk.resource());
		// tracekit runs each batch processor, with its own exporter, processor.max-concurrent-exports
		// times (4 by default; no OTEL_* variable sets it): the SDK's one, four times over.
		assertThat(tracekit.exporters()).as("exporters").isEqualTo(eachTimes(sdk.exporters(), CONCURRENT_EXPORTS));
		assertThat(tracekit.batch()).as("batch processors").isEqualTo(eachTimes(sdk.batch(), CONCURRENT_EXPORTS));
		assertThat(tracekit.simpleProcessors()).as("simple processors").isEqualTo(sdk.simpleProcessors());
		assertThat(tracekit.propagatorFields()).as("propagator fields").isEqualTo(sdk.propagatorFields());
	}

	private static List<String> eachTimes(List<String> items, int times) {
		List<String> repeated = new ArrayList<>();
		for (String item : items) {
			for (int i = 0; i < times; i++) {
				repeated.add(item);
			}
		}
		return repeated;
	}

	// The report Spring Boot prints names the variable, its value and the problem, and never a header's value.
	private static void assertFailureReportNamesTheVariable(CapturedOutput output, Variables variables) {
		String report = output.getAll();
		assertThat(report).contains("Invalid tracing configuration (tracekit)").contains("Value:").contains("Problem:");
		List<String> names = new ArrayList<>(variables.environment().keySet());
		names.addAll(variables.systemProperties().keySet());
		assertThat(names).as("a variable named in the report").anyMatch(report::contains);
		variables.environment().forEach((name, value) -> {
			if (name.contains("HEADERS")) {
				for (String entry : value.split(",")) {
					String secret = entry.substring(entry.indexOf('=') + 1);
					if (secret.length() >= 6) {
						assertThat(report).doesNotContain(secret);
					}
				}
			}
		});
	}

	private Effective sdk(Variables variables) {
		Map<String, String> properties = new LinkedHashMap<>();
		// The environment variables come in as the lowest layer, the system properties as themselves.
		variables.environment()
			.forEach((name, value) -> properties.put(OtelVariable.normalizeEnvironmentVariable(name), value));
		properties.put("otel.metrics.exporter", "none");
		properties.put("otel.logs.exporter", "none");
		properties.put("otel.java.disabled.resource.providers", DISABLED_PROVIDERS);
		AtomicReference<Resource> resource = new AtomicReference<>();
		variables.systemProperties().forEach(System::setProperty);
		try {
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
			return Effective.of(provider, resource.get(), sdk.getOpenTelemetrySdk().getPropagators());
		}
		finally {
			variables.systemProperties().keySet().forEach(System::clearProperty);
		}
	}

	/**
	 * The cases whose value only the newer SDK decodes as tracekit does: OpenTelemetry 1.55 (Spring
	 * Boot 4.0's) decodes resource attributes with {@code java.net.URLDecoder}, which turns '+' into a
	 * space, refuses a lone '%' and reads unencoded non-ASCII alike.
	 */
	private static final Set<String> DECODED_AS_THE_NEWER_SDK_DOES = Set.of(
			"resource attribute value: '+', a lone '%' and an invalid escape stay as written",
			"unencoded non-ASCII beside a percent-escape is kept");

	private static void assumeSdkDecodesAsTracekit(Variables variables) {
		if (DECODED_AS_THE_NEWER_SDK_DOES.contains(variables.description())) {
			assumeFalse(sdkDecodesWithUrlDecoder(),
					"the SDK on this classpath decodes resource attributes with java.net.URLDecoder");
		}
	}

	private static boolean sdkDecodesWithUrlDecoder() {
		try {
			AutoConfiguredOpenTelemetrySdk.builder()
				.addPropertiesSupplier(() -> Map.of("otel.resource.attributes", "probe=a+b", "otel.traces.exporter",
						"none", "otel.metrics.exporter", "none", "otel.logs.exporter", "none",
						"otel.java.disabled.resource.providers", DISABLED_PROVIDERS))
				.addResourceCustomizer((built, config) -> {
					if ("a b".equals(built.getAttribute(AttributeKey.stringKey("probe")))) {
						throw new IllegalArgumentException("decoded '+' as a space");
					}
					return built;
				})
				.disableShutdownHook()
				.build()
				.getOpenTelemetrySdk()
				.close();
			return false;
		}
		catch (IllegalArgumentException ex) {
			return true;
		}
	}

	private Effective tracekit(Variables variables) {
		ConfigurableApplicationContext context = OtelVariablesTestSupport.start(variables.environment(),
				variables.systemProperties(), NO_DETECTORS);
		this.opened.add(context);
		return Effective.of(context.getBean(SdkTracerProvider.class), context.getBean(Resource.class),
				context.getBean(ContextPropagators.class));
	}

	static Variables env(String description, String... variables) {
		return new Variables(description, pairs(variables), Map.of());
	}

	static Variables system(String description, String... properties) {
		return new Variables(description, Map.of(), pairs(properties));
	}

	static Difference readAs(Variables given, Variables readAs) {
		return new Difference(given, readAs);
	}

	private static Map<String, String> pairs(String... pairs) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return Collections.unmodifiableMap(map);
	}

	/**
	 * One case: the environment variables and system properties the process starts with.
	 * @param description what the case is about
	 * @param environment the environment variables
	 * @param systemProperties the system properties
	 */
	record Variables(String description, Map<String, String> environment, Map<String, String> systemProperties) {

		Variables withSystem(String... properties) {
			return new Variables(this.description, this.environment, pairs(properties));
		}

		Variables withEnvironment(String name, String value) {
			Map<String, String> environment = new LinkedHashMap<>(this.environment);
			environment.put(name, value);
			return new Variables(this.description, environment, this.systemProperties);
		}

		@Override
		public String toString() {
			return this.description;
		}

	}

	/**
	 * A deliberate difference: tracekit reads {@code given} as the SDK reads {@code readAs}.
	 * @param given the variables as set
	 * @param readAs variables the SDK reads the way tracekit reads {@code given}
	 */
	record Difference(Variables given, Variables readAs) {

		@Override
		public String toString() {
			return this.given.description();
		}

	}

	/** What both sides are compared on, read from the built SDK objects. */
	record Effective(SdkTracerProvider provider, String sampler, Object limits, Map<String, Object> resource,
			List<String> exporters, List<String> batch, int simpleProcessors, List<String> propagatorFields) {

		static Effective of(SdkTracerProvider provider, Resource resource, ContextPropagators propagators) {
			String description = provider.toString();
			Map<String, Object> attributes = new TreeMap<>();
			resource.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), value));
			List<String> exporters = new ArrayList<>(objects(description, "OtlpGrpcSpanExporter{"));
			exporters.addAll(objects(description, "OtlpHttpSpanExporter{"));
			exporters.addAll(objects(description, "ZipkinSpanExporter{"));
			// Which sender carries the requests is tracekit's own choice (README, Senders), no variable's.
			exporters.replaceAll((exporter) -> exporter.replaceAll("componentLoader=[^,]*\\}?, ", ""));
			exporters.sort(null);
			// BatchSpanProcessor.toString leaves out the queue size; it is read where the processor holds it.
			List<String> batch = BatchProcessors.in(provider)
				.stream()
				.map((processor) -> processor.toString().replaceAll("spanExporter=.*?(, exportUnsampledSpans)", "$1")
						+ " maxQueueSize=" + BatchProcessors.maxQueueSize(processor))
				.sorted()
				.toList();
			return new Effective(provider, provider.getSampler().getDescription(), provider.getSpanLimits(), attributes,
					exporters, batch, objects(description, "SimpleSpanProcessor{").size(),
					List.copyOf(propagators.getTextMapPropagator().fields()));
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

	/**
	 * Finds the batch processors a tracer provider holds, however they are wrapped, by following the
	 * SDK's and tracekit's own fields; reads the queue size each was built with.
	 */
	static final class BatchProcessors {

		private BatchProcessors() {
		}

		static List<BatchSpanProcessor> in(Object root) {
			List<BatchSpanProcessor> found = new ArrayList<>();
			walk(root, Collections.newSetFromMap(new IdentityHashMap<>()), found, 12);
			return found;
		}

		static long maxQueueSize(BatchSpanProcessor processor) {
			Object worker = Objects.requireNonNull(field(processor, "worker"));
			if (hasField(worker, "maxQueueSize")) {
				return ((Number) Objects.requireNonNull(field(worker, "maxQueueSize"))).longValue();
			}
			// Before OpenTelemetry 1.59 (Spring Boot 4.0) the worker kept only the queue, built at that size.
			Object queue = Objects.requireNonNull(field(worker, "queue"));
			if (queue instanceof BlockingQueue<?> blocking) {
				return (long) blocking.remainingCapacity() + blocking.size();
			}
			try {
				return ((Number) queue.getClass().getMethod("capacity").invoke(queue)).longValue();
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Cannot read the capacity of " + queue.getClass().getName(), ex);
			}
		}

		private static boolean hasField(Object target, String name) {
			for (Class<?> declaring = target.getClass(); declaring != Object.class; declaring = declaring
				.getSuperclass()) {
				for (Field field : declaring.getDeclaredFields()) {
					if (field.getName().equals(name)) {
						return true;
					}
				}
			}
			return false;
		}

		private static void walk(Object value, Set<Object> seen, List<BatchSpanProcessor> found, int depth) {
			if (depth == 0 || !seen.add(value)) {
				return;
			}
			if (value instanceof BatchSpanProcessor processor) {
				found.add(processor);
				return;
			}
			if (value instanceof Collection<?> collection) {
				collection.stream().filter(Objects::nonNull).forEach((item) -> walk(item, seen, found, depth - 1));
				return;
			}
			if (value.getClass().isArray() && !value.getClass().getComponentType().isPrimitive()) {
				for (int i = 0; i < Array.getLength(value); i++) {
					Object item = Array.get(value, i);
					if (item != null) {
						walk(item, seen, found, depth - 1);
					}
				}
				return;
			}
			String type = value.getClass().getName();
			if (!type.startsWith("io.opentelemetry.sdk.") && !type.startsWith("dev.tracekit.")) {
				return;
			}
			for (Class<?> declaring = value.getClass(); declaring != Object.class; declaring = declaring.getSuperclass()) {
				for (Field field : declaring.getDeclaredFields()) {
					if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()) {
						Object child = field(value, field);
						if (child != null) {
							walk(child, seen, found, depth - 1);
						}
					}
				}
			}
		}

		private static Object field(Object target, String name) {
			for (Class<?> declaring = target.getClass(); declaring != Object.class; declaring = declaring
				.getSuperclass()) {
				for (Field field : declaring.getDeclaredFields()) {
					if (field.getName().equals(name)) {
						return field(target, field);
					}
				}
			}
			throw new IllegalStateException(target.getClass().getName() + " has no field " + name);
		}

		private static Object field(Object target, Field field) {
			try {
				field.setAccessible(true);
				return field.get(target);
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return null;
			}
		}

	}

	/**
	 * PEM files for the TLS variables: a certificate and its key, a key of another pair, and a file
	 * that is not PEM.
	 */
	static final class TlsFiles {

		private Path directory;

		private Path certificate;

		private Path key;

		private Path otherKey;

		private Path notPem;

		private synchronized void write() {
			if (this.directory != null) {
				return;
			}
			try {
				this.directory = Files.createTempDirectory("tracekit-parity");
				TestCertificateAuthority authority = TestCertificateAuthority.create("tracekit parity");
				IssuedCertificate client = authority.issueClientCertificate("client");
				this.certificate = client.writeCertificate(this.directory.resolve("client.pem"));
				this.key = client.writeKey(this.directory.resolve("client-key.pem"));
				this.otherKey = authority.issueClientCertificate("other").writeKey(this.directory.resolve("other-key.pem"));
				this.notPem = Files.writeString(this.directory.resolve("ca.txt"), "not a certificate\n");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		Path certificate() {
			write();
			return this.certificate;
		}

		Path key() {
			write();
			return this.key;
		}

		Path otherKey() {
			write();
			return this.otherKey;
		}

		Path notPem() {
			write();
			return this.notPem;
		}

		void delete() {
			if (this.directory != null) {
				try (Stream<Path> files = Files.list(this.directory)) {
					files.forEach((file) -> file.toFile().delete());
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
				this.directory.toFile().delete();
			}
		}

	}

}
