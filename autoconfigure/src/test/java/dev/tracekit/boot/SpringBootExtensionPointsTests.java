package dev.tracekit.boot;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import dev.tracekit.autoconfigure.TracerProviderCustomizer;
import dev.tracekit.diagnostics.DistinctWarnings;
import dev.tracekit.export.ExportPipelines;
import dev.tracekit.micrometer.TracekitMicrometerTracingAutoConfiguration;
import dev.tracekit.testing.OtlpTestReceiver;
import dev.tracekit.testing.OtlpTestReceiver.Protocol;
import dev.tracekit.testing.OtlpTestReceiver.ReceivedRequest;
import dev.tracekit.testing.OtlpTestReceiver.ReceivedSpan;
import dev.tracekit.testing.TestCertificateAuthority;
import dev.tracekit.testing.TestCertificateAuthority.TlsMaterial;
import io.micrometer.tracing.exporter.SpanFilter;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SdkTracerProviderBuilderCustomizer;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpGrpcSpanExporterBuilderCustomizer;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpHttpSpanExporterBuilderCustomizer;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingConnectionDetails;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.Transport;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.core.annotation.Order;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Spring Boot's own tracing extension points on real contexts, with Spring Boot's OpenTelemetry
 * auto-configurations present as in an application, exporting to a real OTLP receiver.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpringBootExtensionPointsTests {

	@TempDir
	static Path pem;

	private static TlsMaterial tls;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class,
				TracekitMicrometerTracingAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
				OtlpTracingAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
				MicrometerTracingAutoConfiguration.class, ObservationAutoConfiguration.class,
				SslAutoConfiguration.class))
		.withPropertyValues("tracekit.resource.service-name=boot-extension-points", "tracekit.lifecycle.flush-timeout=5s");

	@BeforeAll
	static void issueCertificates() {
		tls = TestCertificateAuthority.issueTlsMaterial(pem);
	}

	@BeforeEach
	void forgetWarnings() {
		DistinctWarnings.forget();
	}

	@Test
	void springBootsTracerProviderCustomizersApplyToTracekitsProviderBeforeTracekitsOwn() {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.start()) {
			this.runner.withUserConfiguration(TracerProviderCustomizers.class)
				.withPropertyValues("tracekit.exporters.otlp.endpoint=" + receiver.grpcEndpoint())
				.run((context) -> {
					List<String> applied = context.getBean(TracerProviderCustomizers.class).applied;
					context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("customized").startSpan().end();
					context.close();
					assertThat(receiver.spans()).singleElement()
						.satisfies((span) -> assertThat(span.attributes()).containsEntry("added.by", "spring-boot"));
					assertThat(applied).containsExactly("spring-boot", "tracekit");
				});
		}
	}

	@Test
	void springBootsOtlpBuilderCustomizersApplyToEveryOtlpExporterOfTheirTransport() {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.start()) {
			this.runner.withUserConfiguration(OtlpBuilderCustomizers.class)
				.withPropertyValues("tracekit.exporters.one.endpoint=" + receiver.grpcEndpoint(),
						"tracekit.exporters.two.endpoint=" + receiver.grpcEndpoint(),
						"tracekit.exporters.three.protocol=http/protobuf",
						"tracekit.exporters.three.endpoint=" + receiver.httpEndpoint())
				.run((context) -> {
					context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("everywhere").startSpan().end();
					context.close();
					List<ReceivedRequest> requests = receiver.requests();
					assertThat(requests).filteredOn((request) -> request.protocol() == Protocol.GRPC)
						.hasSize(2)
						.allSatisfy((request) -> assertThat(request.headers()).containsEntry("x-customized", "grpc"));
					assertThat(requests).filteredOn((request) -> request.protocol() == Protocol.HTTP)
						.singleElement()
						.satisfies((request) -> assertThat(request.headers()).containsEntry("x-customized", "http"));
				});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "grpc", "http/protobuf" })
	void connectionDetailsAsServiceConnectionProvidesThemGiveTheOtlpExporterItsEndpoint(String protocol,
			CapturedOutput output) {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.start()) {
			this.runner.withBean("collectorConnection", OtlpTracingConnectionDetails.class, () -> new ReceiverConnection(receiver))
				.withPropertyValues("tracekit.exporters.otlp.protocol=" + protocol,
						"tracekit.exporters.otlp.endpoint=http://configured.invalid:4317")
				.run((context) -> {
					context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("connected").startSpan().end();
					String endpoint = protocol.equals("grpc") ? receiver.grpcEndpoint() : receiver.httpEndpoint();
					assertThat(context.getBean(ExportPipelines.class).get("otlp").orElseThrow().description())
						.startsWith("otlp " + protocol + " " + endpoint
								+ " (from OtlpTracingConnectionDetails bean 'collectorConnection')");
					context.close();
					assertThat(receiver.spans()).extracting(ReceivedSpan::name).containsExactly("connected");
				});
		}
		assertThat(output).contains("tracekit.exporters.otlp.endpoint (http://configured.invalid:4317) is replaced by"
				+ " the endpoint of the OtlpTracingConnectionDetails bean 'collectorConnection'");
	}

	@Test
	void connectionDetailsWithNoExporterNamedOtlpAreReportedAsUnused(CapturedOutput output) {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.start()) {
			this.runner.withBean("collectorConnection", OtlpTracingConnectionDetails.class, () -> new ReceiverConnection(receiver))
				.withPropertyValues("tracekit.exporters.main.type=console")
				.run((context) -> assertThat(context).hasNotFailed());
		}
		assertThat(output).contains("tracekit: the OtlpTracingConnectionDetails bean 'collectorConnection' is not used:"
				+ " tracekit gives its endpoint to the OTLP exporter named 'otlp', and the exporters in force are [main]");
	}

	@Test
	void theConnectionDetailsSpringBootDerivesFromManagementPropertiesAreNotUsed(CapturedOutput output) {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.start()) {
			this.runner
				.withPropertyValues("management.opentelemetry.tracing.export.otlp.endpoint=http://boot.invalid:4318/v1/traces",
						"tracekit.exporters.otlp.endpoint=" + receiver.grpcEndpoint())
				.run((context) -> {
					assertThat(context).hasSingleBean(OtlpTracingConnectionDetails.class);
					assertThat(context.getBean(ExportPipelines.class).get("otlp").orElseThrow().description())
						.isEqualTo("otlp grpc " + receiver.grpcEndpoint() + ", batch, 4 exports at once");
					context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("configured").startSpan().end();
					context.close();
					assertThat(receiver.spans()).extracting(ReceivedSpan::name).containsExactly("configured");
				});
		}
		assertThat(output).doesNotContain("OtlpTracingConnectionDetails bean");
	}

	@ParameterizedTest
	@ValueSource(strings = { "grpc", "http/protobuf" })
	void theSslBundleOfConnectionDetailsReachesTheOtlpExporterOnSpringBoot41(String protocol) {
		assumeTrue(ClassUtils.hasMethod(OtlpTracingConnectionDetails.class, "getSslBundle"),
				"OtlpTracingConnectionDetails has an SSL bundle from Spring Boot 4.1 on");
		try (OtlpTestReceiver receiver = OtlpTestReceiver.startTls(tls.serverCertificate())) {
			this.runner.withBean("collectorConnection", OtlpTracingConnectionDetails.class, () -> new TlsReceiverConnection(receiver))
				.withPropertyValues("tracekit.exporters.otlp.protocol=" + protocol, "tracekit.exporters.otlp.retry=false")
				.run((context) -> {
					context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("connected-tls").startSpan().end();
					context.close();
					assertThat(receiver.spans()).extracting(ReceivedSpan::name).containsExactly("connected-tls");
				});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "grpc", "http/protobuf" })
	void anSslBundleGivesAnExporterItsTrustAndClientCertificate(String protocol) {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.startTls(tls.serverCertificate(), tls.ca().certificate())) {
			String endpoint = protocol.equals("grpc") ? receiver.grpcEndpoint() : receiver.httpEndpoint();
			this.runner
				.withPropertyValues("spring.ssl.bundle.pem.collector.truststore.certificate=" + tls.caFile(),
						"spring.ssl.bundle.pem.collector.keystore.certificate=" + tls.clientCertificateFile(),
						"spring.ssl.bundle.pem.collector.keystore.private-key=" + tls.clientKeyFile(),
						"tracekit.exporters.secure.protocol=" + protocol,
						"tracekit.exporters.secure.endpoint=" + endpoint.replace("http://", "https://"),
						"tracekit.exporters.secure.ssl.bundle=collector", "tracekit.exporters.secure.retry=false")
				.run((context) -> {
					assertThat(context.getBean(ExportPipelines.class).get("secure").orElseThrow().description())
						.contains(", SSL bundle 'collector'");
					context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("over-mtls").startSpan().end();
					context.close();
					assertThat(receiver.spans()).extracting(ReceivedSpan::name).containsExactly("over-mtls");
				});
		}
	}

	@Test
	void anSslBundleThatDoesNotExistFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("spring.ssl.bundle.pem.collector.truststore.certificate=" + tls.caFile(),
				"tracekit.exporters.secure.endpoint=https://localhost:4317", "tracekit.exporters.secure.ssl.bundle=colector")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("tracekit.exporters.secure.ssl.bundle")
				.hasMessageContaining("There is no SSL bundle named 'colector'; the bundles defined under"
						+ " spring.ssl.bundle.* are [collector]"));
	}

	@Test
	void anSslBundleThatDoesNotExistFailsStartupAlsoInATestThatBuildsNoNetworkExporter() {
		this.runner.withPropertyValues("management.tracing.export.enabled=false",
				"tracekit.exporters.secure.endpoint=https://localhost:4317", "tracekit.exporters.secure.ssl.bundle=colector")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("tracekit.exporters.secure.ssl.bundle")
				.hasMessageContaining("There is no SSL bundle named 'colector'"));
	}

	@Test
	void anSslBundleBesideThePemFilesFailsStartup() {
		this.runner.withPropertyValues("spring.ssl.bundle.pem.collector.truststore.certificate=" + tls.caFile(),
				"tracekit.exporters.secure.ssl.bundle=collector", "tracekit.exporters.secure.trusted-certificate=" + tls.caFile())
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("trustedCertificate")
				.hasMessageContaining("is set beside ssl.bundle"));
	}

	@Test
	void springBootTracingBeansThatTracekitDoesNotUseAreNamedInAWarning(CapturedOutput output) {
		this.runner.withUserConfiguration(UnusedBeans.class)
			.withPropertyValues("tracekit.exporters.out.type=console")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output)
			.contains("tracekit: the SpanExporters bean 'myExporters' has no effect: tracekit builds the tracing"
					+ " pipeline and does not read Spring Boot's SpanExporters. Define each as a SpanExporter bean instead")
			.contains("tracekit: the SpanFilter bean 'myFilter' has no effect: Spring Boot applies it in its own span"
					+ " processor, which tracekit's pipeline replaces.")
			.doesNotContain("bean 'spanExporters'")
			.doesNotContain("bean 'spanProcessors'");
	}

	@Test
	void withoutSpringBootsOpenTelemetryTracingModuleTracekitBuildsItsPipelineAlone() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.micrometer.tracing.opentelemetry"))
			.withPropertyValues("tracekit.exporters.out.type=console")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ExportPipelines.class)
				.doesNotHaveBean(SpringBootExtensionPoints.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class TracerProviderCustomizers {

		final List<String> applied = new CopyOnWriteArrayList<>();

		@Bean
		SdkTracerProviderBuilderCustomizer springBootCustomizer() {
			return (builder) -> {
				this.applied.add("spring-boot");
				builder.addSpanProcessor(new AttributeOnStart());
			};
		}

		@Bean
		TracerProviderCustomizer tracekitCustomizer() {
			return (builder) -> this.applied.add("tracekit");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OtlpBuilderCustomizers {

		@Bean
		@Order(1)
		OtlpGrpcSpanExporterBuilderCustomizer grpcHeader() {
			return (builder) -> builder.addHeader("x-customized", "grpc");
		}

		@Bean
		OtlpHttpSpanExporterBuilderCustomizer httpHeader() {
			return (builder) -> builder.addHeader("x-customized", "http");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnusedBeans {

		@Bean
		SpanExporters myExporters() {
			return SpanExporters.of(SpanExporter.composite());
		}

		@Bean
		SpanFilter myFilter() {
			return (span) -> span;
		}

	}

	static final class AttributeOnStart implements SpanProcessor {

		@Override
		public void onStart(Context parentContext, ReadWriteSpan span) {
			span.setAttribute("added.by", "spring-boot");
		}

		@Override
		public boolean isStartRequired() {
			return true;
		}

		@Override
		public void onEnd(ReadableSpan span) {
		}

		@Override
		public boolean isEndRequired() {
			return false;
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

	// As a service connection to a collector with TLS on Spring Boot 4.1, whose interface has getSslBundle().
	record TlsReceiverConnection(OtlpTestReceiver receiver) implements OtlpTracingConnectionDetails {

		@Override
		public String getUrl(Transport transport) {
			return ((transport == Transport.GRPC) ? this.receiver.grpcEndpoint() : this.receiver.httpEndpoint())
				.replace("http://", "https://");
		}

		public SslBundle getSslBundle() {
			PemSslStoreDetails trusted = PemSslStoreDetails.forCertificate(tls.caFile().toString());
			return SslBundle.of(new PemSslStoreBundle(null, trusted));
		}

	}

	// What @ServiceConnection registers for an OpenTelemetry collector container.
	record ReceiverConnection(OtlpTestReceiver receiver) implements OtlpTracingConnectionDetails {

		@Override
		public String getUrl(Transport transport) {
			return (transport == Transport.GRPC) ? this.receiver.grpcEndpoint() : this.receiver.httpEndpoint();
		}

	}

}
