package dev.tracekit.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.tracekit.config.ConfigurationWarning;
import dev.tracekit.testing.TestCertificateAuthority;
import dev.tracekit.testing.TestCertificateAuthority.IssuedCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.FieldError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an exporter's settings accept and refuse: every value the exporter would refuse at its first
 * export is refused here, naming the field, and nothing it would accept is refused.
 */
class ExporterPropertiesTests {

	@TempDir
	Path directory;

	@Test
	void theDefaultsAreValidAndSendToTheProtocolsDefaultEndpoint() {
		ExporterProperties exporter = new ExporterProperties();
		assertThat(problems(exporter)).isEmpty();
		assertThat(exporter.effectiveEndpoint()).isEqualTo("http://localhost:4317");
		exporter.setProtocol(OtlpProtocol.HTTP_PROTOBUF);
		assertThat(exporter.effectiveEndpoint()).isEqualTo("http://localhost:4318/v1/traces");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://collector:70000", "http://collector:65536", "http://collector:99999999999" })
	void aPortAboveTheRangeIsRefused(String endpoint) {
		assertThat(problems(otlp(endpoint))).singleElement()
			.satisfies((error) -> assertThat(error.getField()).isEqualTo("endpoint"))
			.satisfies((error) -> assertThat(error.getDefaultMessage()).contains("1 to 65535"));
	}

	@Test
	void anUpperCaseSchemeIsAcceptedAndSentInLowerCase() {
		ExporterProperties exporter = otlp("HTTPS://Collector.example:4317");
		assertThat(problems(exporter)).isEmpty();
		assertThat(exporter.effectiveEndpoint()).isEqualTo("https://Collector.example:4317");
	}

	@ParameterizedTest
	@ValueSource(strings = { "collector:4317", "ftp://collector:4317", "http://", "http://collector:4317?x=1",
			"http://collector:4317/v1/traces", "http://col lector:4317" })
	void anEndpointTheExporterCannotUseIsRefused(String endpoint) {
		assertThat(problems(otlp(endpoint))).extracting(FieldError::getField).containsExactly("endpoint");
	}

	@Test
	void aZeroTimeoutMeansNoLimitAsInTheSdk() {
		ExporterProperties exporter = new ExporterProperties();
		exporter.setTimeout(Duration.ZERO);
		assertThat(problems(exporter)).isEmpty();
		exporter.setTimeout(Duration.ofSeconds(-1));
		assertThat(problems(exporter)).extracting(FieldError::getField).containsExactly("timeout");
	}

	@ParameterizedTest
	@ValueSource(strings = { "api key", "api:key", "", "api\nkey", "ключ" })
	void aHeaderNameHttpDoesNotAllowIsRefused(String name) {
		ExporterProperties exporter = new ExporterProperties();
		exporter.setHeaders(Map.of(name, "value"));
		assertThat(problems(exporter)).singleElement()
			.satisfies((error) -> assertThat(error.getDefaultMessage()).contains("which HTTP does not allow"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "qz9Xw\n", "qz9Xw\r", "qz\u00009Xw", "qzé9Xw", "qz9Xw\u007f" })
	void aHeaderValueHttpDoesNotAllowIsRefusedWithoutRepeatingIt(String value) {
		ExporterProperties exporter = new ExporterProperties();
		exporter.setHeaders(Map.of("api-key", value));
		assertThat(problems(exporter)).singleElement().satisfies((error) -> {
			assertThat(error.getDefaultMessage()).contains("header 'api-key'").contains("HTTP does not allow");
			assertThat(error.getDefaultMessage()).doesNotContain("qz").doesNotContain("9Xw");
		});
	}

	@Test
	void headerValuesWithSpacesTabsAndSymbolsAreAccepted() {
		ExporterProperties exporter = new ExporterProperties();
		exporter.setHeaders(Map.of("authorization", "Bearer abc.DEF-123_~+/=", "x-tab", "a\tb"));
		assertThat(problems(exporter)).isEmpty();
	}

	@Test
	void anEmptyHeaderValueIsNotSentAndIsWarnedAbout() {
		ExporterProperties exporter = new ExporterProperties();
		exporter.setHeaders(Map.of("api-key", "", "tenant", "acme"));
		assertThat(problems(exporter)).isEmpty();
		assertThat(exporter.effectiveHeaders()).containsOnlyKeys("tenant");
		assertThat(exporter.warnings("tracekit.exporters.main")).extracting(ConfigurationWarning::message)
			.anySatisfy((message) -> assertThat(message).contains("tracekit.exporters.main.headers.api-key is empty"));
	}

	@Test
	void aTrustedCertificateFileThatIsNotPemIsRefused() throws Exception {
		ExporterProperties exporter = new ExporterProperties();
		exporter.setTrustedCertificate(Files.writeString(this.directory.resolve("ca.pem"), "not a certificate").toString());
		assertThat(problems(exporter)).singleElement().satisfies((error) -> {
			assertThat(error.getField()).isEqualTo("trustedCertificate");
			assertThat(error.getDefaultMessage()).contains("holds no PEM certificate");
		});
	}

	@Test
	void aMatchingClientKeyAndCertificateAreAccepted() {
		IssuedCertificate client = TestCertificateAuthority.create("ca").issueClientCertificate("client");
		ExporterProperties exporter = mtls(client.writeKey(this.directory.resolve("client.key")),
				client.writeCertificate(this.directory.resolve("client.pem")));
		exporter.setTrustedCertificate(TestCertificateAuthority.create("other")
			.writeCertificate(this.directory.resolve("ca.pem"))
			.toString());
		assertThat(problems(exporter)).isEmpty();
	}

	@Test
	void aSwappedClientKeyAndCertificateAreRefusedAndSaidToBeSwapped() {
		IssuedCertificate client = TestCertificateAuthority.create("ca").issueClientCertificate("client");
		ExporterProperties exporter = mtls(client.writeCertificate(this.directory.resolve("client.pem")),
				client.writeKey(this.directory.resolve("client.key")));
		assertThat(problems(exporter)).extracting(FieldError::getDefaultMessage)
			.anySatisfy((message) -> assertThat(message).contains("not swapped"))
			.hasSize(2);
	}

	@Test
	void aClientKeyOfAnotherCertificateIsRefused() {
		TestCertificateAuthority authority = TestCertificateAuthority.create("ca");
		IssuedCertificate one = authority.issueClientCertificate("one");
		IssuedCertificate other = authority.issueClientCertificate("other");
		ExporterProperties exporter = mtls(other.writeKey(this.directory.resolve("other.key")),
				one.writeCertificate(this.directory.resolve("one.pem")));
		assertThat(problems(exporter)).singleElement().satisfies((error) -> {
			assertThat(error.getField()).isEqualTo("clientKey");
			assertThat(error.getDefaultMessage()).contains("does not belong to the certificate");
		});
	}

	@Test
	void aPkcs1OrEncryptedKeyIsRefusedWithTheWayToConvertIt() throws Exception {
		IssuedCertificate client = TestCertificateAuthority.create("ca").issueClientCertificate("client");
		Path certificate = client.writeCertificate(this.directory.resolve("client.pem"));
		Path pkcs1 = Files.writeString(this.directory.resolve("rsa.key"),
				"-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----\n");
		assertThat(problems(mtls(pkcs1, certificate))).extracting(FieldError::getDefaultMessage)
			.anySatisfy((message) -> assertThat(message).contains("openssl pkcs8 -topk8 -nocrypt"));
		Path encrypted = Files.writeString(this.directory.resolve("encrypted.key"),
				"-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END ENCRYPTED PRIVATE KEY-----\n");
		assertThat(problems(mtls(encrypted, certificate))).extracting(FieldError::getDefaultMessage)
			.anySatisfy((message) -> assertThat(message).contains("encrypted private key"));
	}

	@Test
	void aConsoleExporterIgnoresOtlpSettings() {
		ExporterProperties exporter = otlp("not a url");
		exporter.setType(ExporterType.CONSOLE);
		assertThat(problems(exporter)).isEmpty();
	}

	@Test
	void warnsAboutAPortOfTheOtherProtocolAndHeadersOverPlainHttp() {
		ExporterProperties exporter = otlp("http://collector.example:4317/v1/traces");
		exporter.setProtocol(OtlpProtocol.HTTP_PROTOBUF);
		exporter.setHeaders(Map.of("api-key", "secret"));
		assertThat(exporter.warnings("tracekit.exporters.main")).extracting(ConfigurationWarning::id)
			.containsExactlyInAnyOrder("otlp-port", "headers-over-http");
		assertThat(exporter.warnings("tracekit.exporters.main")).extracting(ConfigurationWarning::message)
			.allSatisfy((message) -> assertThat(message).doesNotContain("secret"));
	}

	private ExporterProperties mtls(Path key, Path certificate) {
		ExporterProperties exporter = new ExporterProperties();
		exporter.setClientKey(key.toString());
		exporter.setClientCertificate(certificate.toString());
		return exporter;
	}

	private static ExporterProperties otlp(String endpoint) {
		ExporterProperties exporter = new ExporterProperties();
		exporter.setEndpoint(endpoint);
		return exporter;
	}

	static List<FieldError> problems(ExporterProperties exporter) {
		BeanPropertyBindingResult errors = new BeanPropertyBindingResult(exporter, "tracekit.exporters.main");
		exporter.validate(errors);
		return errors.getFieldErrors();
	}

}
