package dev.tracekit.diagnostics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A property under {@code tracekit.} that nothing binds fails startup, naming the key as written,
 * where it came from and the nearest valid key; {@code unknown-properties=warn} turns that into a
 * warning. Every valid key, in every form Spring accepts, starts.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnknownPropertiesTests {

	@TempDir
	Path directory;

	@Test
	void aTypoInAKeyFailsAndSuggestsTheNearestKey(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--tracekit.sampler.typ=always_off"));
		assertThat(output).contains("Invalid tracing configuration (tracekit)")
			.contains("Property: tracekit.sampler.typ\n")
			.contains("Origin:   \"tracekit.sampler.typ\" from property source \"commandLineArgs\"")
			.contains("did you mean 'tracekit.sampler.type'?")
			.contains("tracekit.diagnostics.unknown-properties=warn");
	}

	@Test
	void theSingularExporterGroupSuggestsThePluralWithTheNameAsWritten(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--tracekit.exporter.main.endpoint=http://collector:4317"));
		assertThat(output).contains("Property: tracekit.exporter.main.endpoint")
			.contains("did you mean 'tracekit.exporters.main.endpoint'?");
	}

	@Test
	void aTypoInsideAnExporterSuggestsTheExportersOwnKey(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> run("--tracekit.exporters.vendor.processor.max-queue=4096"));
		assertThat(output).contains("Property: tracekit.exporters.vendor.processor.max-queue\n")
			.contains("did you mean 'tracekit.exporters.vendor.processor.max-queue-size'?");
	}

	@Test
	void aKeyFromAFileIsReportedWithItsFileAndLine(CapturedOutput output) throws Exception {
		Path file = Files.writeString(this.directory.resolve("application.yml"),
				"tracekit:\n  sampler:\n    type: always_on\n  limits:\n    event-cnt: 10\n");
		assertThatException().isThrownBy(() -> run("--spring.config.location=" + file.toUri()));
		assertThat(output).contains("Property: tracekit.limits.event-cnt")
			.contains("application.yml")
			.contains("application.yml] - 5:")
			.contains("did you mean 'tracekit.limits.event-count'?");
	}

	@Test
	void aKeyFromAnEnvironmentVariableIsReportedAsThatVariable(CapturedOutput output) {
		SpringApplication application = application();
		application.addInitializers((context) -> context.getEnvironment()
			.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("TRACEKIT_SAMPLER_RATIOO", "0.5"))));
		assertThatException().isThrownBy(() -> application.run().close());
		assertThat(output).contains("Property: tracekit.sampler.ratioo")
			.contains("TRACEKIT_SAMPLER_RATIOO")
			.contains("did you mean 'tracekit.sampler.ratio'?");
	}

	@Test
	void anUnknownGroupWithNothingNearIsReportedWithoutASuggestion(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--tracekit.quantum-entanglement.mode=strong"));
		assertThat(output).contains("Property: tracekit.quantum-entanglement.mode").doesNotContain("did you mean");
	}

	@Test
	void warnModeStartsAndLogsEachUnknownKeyOnce(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run("--tracekit.diagnostics.unknown-properties=warn",
				"--tracekit.sampler.typ=always_off", "--tracekit.exporters.otlp.endpont=http://x:4317")) {
			assertThat(context.isActive()).isTrue();
		}
		assertThat(output).containsOnlyOnce("unknown property 'tracekit.sampler.typ'")
			.contains("did you mean 'tracekit.sampler.type'?")
			.containsOnlyOnce("unknown property 'tracekit.exporters.otlp.endpont'");
	}

	@Test
	void everyKindOfValidKeyStarts(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run("--tracekit.exporters.main.type=console",
				"--tracekit.exporters.main.processor.maxQueueSize=100",
				"--tracekit.exporters.vendor.headers.x-api-key=abc", "--tracekit.exporters.vendor.headers[x.dotted]=abc",
				"--tracekit.exporters.vendor.endpoint=http://localhost:4317",
				"--tracekit.resource.attributes.deployment.region=eu", "--tracekit.resource.attributes[a]=b",
				"--tracekit.propagators[0]=tracecontext", "--tracekit.propagators[1]=b3",
				"--tracekit.diagnostics.acknowledged-warnings=no-baggage", "--tracekit.annotations.enabled=true",
				"--tracekit.actuator.trace-requests=false", "--tracekit.lifecycle.flush-timeout=1s")) {
			assertThat(context.isActive()).isTrue();
		}
		assertThat(output).doesNotContain("unknown property");
	}

	private ConfigurableApplicationContext run(String... args) {
		return application().run(args);
	}

	private static SpringApplication application() {
		SpringApplication application = new SpringApplication(Minimal.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		return application;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(TracekitAutoConfiguration.class)
	static class Minimal {

	}

}
