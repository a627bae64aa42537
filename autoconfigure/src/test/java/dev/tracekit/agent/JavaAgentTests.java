package dev.tracekit.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether the agent is turned on, read as the agent reads {@code otel.javaagent.enabled}. The agent
 * itself is attached in the integration tests' forked JVMs ({@code JavaAgentTests} there).
 */
class JavaAgentTests {

	@Test
	void withoutAnAgentTracekitBuildsItsPipeline() {
		assertThat(JavaAgent.current().active()).isFalse();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JavaAgentAutoConfiguration.class, TracekitAutoConfiguration.class))
			.withPropertyValues("tracekit.exporters.otlp.type=none")
			.run((context) -> assertThat(context).hasSingleBean(SdkTracerProvider.class)
				.doesNotHaveBean(JavaAgentReport.class));
	}

	@Test
	void theAgentIsOnUnlessTurnedOffWhereItReadsItsSettings(@TempDir Path directory) throws Exception {
		assertThat(enabled(Map.of(), Map.of())).isTrue();
		assertThat(enabled(Map.of("otel.javaagent.enabled", "false"), Map.of())).isFalse();
		assertThat(enabled(Map.of(), Map.of("OTEL_JAVAAGENT_ENABLED", "FALSE"))).isFalse();
		// The system property wins over the environment variable, as in the agent.
		assertThat(enabled(Map.of("otel.javaagent.enabled", "true"), Map.of("OTEL_JAVAAGENT_ENABLED", "false")))
			.isTrue();
		Path file = Files.writeString(directory.resolve("agent.properties"), "otel.javaagent.enabled=false\n");
		assertThat(enabled(Map.of("otel.javaagent.configuration-file", file.toString()), Map.of())).isFalse();
		assertThat(enabled(Map.of(), Map.of("OTEL_JAVAAGENT_CONFIGURATION_FILE", file.toString()))).isFalse();
		assertThat(enabled(Map.of("otel.javaagent.configuration-file", directory.resolve("absent").toString()),
				Map.of())).isTrue();
	}

	@Test
	void theStartupLineSaysWhatTracekitDoesAndHowToChangeIt() {
		assertThat(JavaAgentReport.message(new JavaAgent(true, "2.28.1")))
			.startsWith("tracekit: the OpenTelemetry Java agent 2.28.1 is active, so tracekit builds no tracing pipeline")
			.contains("tracekit.agent.mode=ignore")
			.contains("-Dotel.javaagent.enabled=false")
			.doesNotContain("\n");
	}

	private static boolean enabled(Map<String, String> systemProperties, Map<String, String> environment) {
		return JavaAgent.isEnabled(systemProperties::get, environment::get);
	}

}
