package dev.tracekit.export;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failure record never carries a configured secret, whatever the exporter's error says.
 */
class ExportHealthLogTests {

	private final ExportHealthLog log = new ExportHealthLog("vendor", "otlp grpc https://vendor", Duration.ofMinutes(1),
			Clock.systemUTC(), List.of("s3cr3t-key", " padded-secret "));

	@Test
	void aSecretQuotedInAnErrorMessageIsMasked() {
		ExportStatistics.Failure failure = this.log.failure(Instant.now(), new IllegalArgumentException(
				"Unexpected char 0x0a at 10 in x-api-key value: s3cr3t-key", new RuntimeException("padded-secret")));
		assertThat(failure.cause()).contains("IllegalArgumentException: Unexpected char 0x0a at 10 in x-api-key value: ****")
			.doesNotContain("s3cr3t-key")
			.doesNotContain("padded-secret");
	}

	@Test
	void aMessageWithoutSecretsIsKeptAsItIs() {
		ExportStatistics.Failure failure = this.log.failure(Instant.now(), new java.net.ConnectException("Connection refused"));
		assertThat(failure.cause()).isEqualTo("ConnectException: Connection refused");
		assertThat(failure.rejectedCredentials()).isFalse();
	}

}
