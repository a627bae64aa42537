package dev.tracekit.reliability;

import java.nio.file.Path;
import java.time.Duration;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import dev.tracekit.export.ExportStatistics;
import dev.tracekit.testing.OtlpTestReceiver;
import dev.tracekit.testing.SenderMatrix;
import dev.tracekit.testing.TestCertificateAuthority;
import dev.tracekit.testing.TestCertificateAuthority.IssuedCertificate;
import dev.tracekit.testing.TestCertificateAuthority.TlsMaterial;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Export over TLS to a receiver whose certificate a self-signed CA issued, made at test time, over
 * each protocol with each sender.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsExportTests {

	@TempDir
	static Path pem;

	private static IssuedCertificate serverCertificate;

	private static TestCertificateAuthority ca;

	private static Path caFile;

	private static Path otherCaFile;

	private static Path clientCertificateFile;

	private static Path clientKeyFile;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class))
		.withPropertyValues("tracekit.resource.service-name=tls-test", "tracekit.exporters.collector.retry=false",
				"tracekit.exporters.collector.processor.schedule-delay=50ms");

	@BeforeAll
	static void issueCertificates() {
		TlsMaterial tls = TestCertificateAuthority.issueTlsMaterial(pem);
		ca = tls.ca();
		caFile = tls.caFile();
		serverCertificate = tls.serverCertificate();
		clientCertificateFile = tls.clientCertificateFile();
		clientKeyFile = tls.clientKeyFile();
		otherCaFile = TestCertificateAuthority.create("some other CA").writeCertificate(pem.resolve("other-ca.pem"));
	}

	@ParameterizedTest(name = "{0} with {1}")
	@MethodSource("dev.tracekit.testing.SenderMatrix#protocolsAndSenders")
	void exportsOverTlsTrustingTheSelfSignedCaGivenAsTrustedCertificate(String protocol, String sender) {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.startTls(serverCertificate)) {
			runner(protocol, sender, receiver)
				.withPropertyValues("tracekit.exporters.collector.trusted-certificate=" + caFile)
				.run((context) -> {
					endSpan(context.getBean(OpenTelemetry.class), "over-tls");
					context.close();
					assertThat(receiver.spans()).extracting(OtlpTestReceiver.ReceivedSpan::name)
						.containsExactly("over-tls");
				});
		}
	}

	@ParameterizedTest(name = "{0} with {1}")
	@MethodSource("dev.tracekit.testing.SenderMatrix#protocolsAndSenders")
	void exportsOverMutualTlsWithAClientCertificateAndKey(String protocol, String sender) {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.startTls(serverCertificate, ca.certificate())) {
			runner(protocol, sender, receiver)
				.withPropertyValues("tracekit.exporters.collector.trusted-certificate=" + caFile,
						"tracekit.exporters.collector.client-certificate=" + clientCertificateFile,
						"tracekit.exporters.collector.client-key=" + clientKeyFile)
				.run((context) -> {
					endSpan(context.getBean(OpenTelemetry.class), "over-mtls");
					context.close();
					assertThat(receiver.spans()).extracting(OtlpTestReceiver.ReceivedSpan::name)
						.containsExactly("over-mtls");
				});
		}
	}

	@ParameterizedTest(name = "{0} with {1}")
	@MethodSource("dev.tracekit.testing.SenderMatrix#protocolsAndSenders")
	void aReceiverThatRequiresAClientCertificateRefusesAnExporterWithoutOne(String protocol, String sender,
			CapturedOutput output) {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.startTls(serverCertificate, ca.certificate())) {
			runner(protocol, sender, receiver)
				.withPropertyValues("tracekit.exporters.collector.trusted-certificate=" + caFile)
				.run((context) -> {
					ExportStatistics statistics = FaultWindow.statistics(context);
					endSpan(context.getBean(OpenTelemetry.class), "without-client-certificate");
					await().atMost(Duration.ofSeconds(10)).until(() -> statistics.failed() == 1);
					assertThat(receiver.spanCount()).isZero();
					System.out.println("[reliability] no client certificate, " + protocol + " with " + sender + ": "
							+ statistics.lastFailure().cause());
					// The failure is counted just before it is logged.
					await().atMost(Duration.ofSeconds(10))
						.untilAsserted(() -> assertThat(output).contains("exporter 'collector' (otlp " + protocol + " "
								+ endpoint(protocol, receiver) + SenderMatrix.described(protocol, sender)
								+ ", custom CA, batch, 4 exports at once) failed to export 1 span: "));
				});
		}
	}

	@ParameterizedTest(name = "{0} with {1}")
	@MethodSource("dev.tracekit.testing.SenderMatrix#protocolsAndSenders")
	void aServerCertificateFromAnotherCaFailsWithAMessageNamingTheTlsProblem(String protocol, String sender,
			CapturedOutput output) {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.startTls(serverCertificate)) {
			runner(protocol, sender, receiver)
				.withPropertyValues("tracekit.exporters.collector.trusted-certificate=" + otherCaFile)
				.run((context) -> {
					ExportStatistics statistics = FaultWindow.statistics(context);
					endSpan(context.getBean(OpenTelemetry.class), "untrusted");
					await().atMost(Duration.ofSeconds(10)).until(() -> statistics.failed() == 1);
					assertThat(receiver.spanCount()).isZero();
					System.out.println("[reliability] wrong CA, " + protocol + " with " + sender + ": " + statistics.lastFailure().cause());
					await().atMost(Duration.ofSeconds(10))
						.untilAsserted(() -> assertThat(output).contains("exporter 'collector' (otlp " + protocol + " "
								+ endpoint(protocol, receiver) + SenderMatrix.described(protocol, sender)
								+ ", custom CA, batch, 4 exports at once) failed to export 1 span: ")
							.contains("SSLHandshakeException")
							.contains("unable to find valid certification path to requested target"));
				});
		}
	}

	private ApplicationContextRunner runner(String protocol, String sender, OtlpTestReceiver receiver) {
		return this.runner.withPropertyValues("tracekit.exporters.collector.protocol=" + protocol,
				"tracekit.exporters.collector.sender=" + sender,
				"tracekit.exporters.collector.endpoint=" + endpoint(protocol, receiver));
	}

	private static String endpoint(String protocol, OtlpTestReceiver receiver) {
		return protocol.equals("grpc") ? receiver.grpcEndpoint() : receiver.httpEndpoint();
	}

	private static void endSpan(OpenTelemetry openTelemetry, String name) {
		openTelemetry.getTracer("test").spanBuilder(name).startSpan().end();
	}

}
