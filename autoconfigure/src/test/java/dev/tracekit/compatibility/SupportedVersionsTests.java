package dev.tracekit.compatibility;

import java.util.HashMap;
import java.util.Map;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import dev.tracekit.compatibility.SupportedVersions.UnsupportedVersion;
import dev.tracekit.compatibility.SupportedVersions.VersionLookup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class SupportedVersionsTests {

	private static final VersionLookup CLASSPATH = VersionLookup.manifests(SupportedVersionsTests.class.getClassLoader());

	@Test
	void theLibrariesOfThisBuildAreSupportedAndTheirVersionsAreKnown() {
		assertThat(CLASSPATH.versionOf("org.springframework.boot.SpringBootVersion")).startsWith("4.");
		assertThat(CLASSPATH.versionOf("io.opentelemetry.sdk.trace.SdkTracerProvider")).startsWith("1.");
		assertThat(CLASSPATH.versionOf("io.micrometer.tracing.Tracer")).startsWith("1.");
		assertThat(SupportedVersions.check(CLASSPATH)).isEmpty();
	}

	@Test
	void springBoot3IsRefusedWithTheOneChangeToMake() {
		assertThat(SupportedVersions.check(versions("3.5.7", "1.49.0", "1.5.5"))).singleElement()
			.isEqualTo(new UnsupportedVersion("Spring Boot 3.5.7", "Spring Boot 4.0 or later",
					"Upgrade the application to Spring Boot 4.0.x or 4.1.x."));
	}

	@Test
	void anOpenTelemetryOlderThanSpringBoot40sIsRefusedNamingTheModule() {
		assertThat(SupportedVersions.check(versions("4.0.7", "1.49.0", "1.6.6"))).singleElement()
			.satisfies((unsupported) -> {
				assertThat(unsupported.found()).isEqualTo("OpenTelemetry 1.49.0 (opentelemetry-sdk-trace)");
				assertThat(unsupported.required()).isEqualTo("OpenTelemetry 1.55 or later");
				assertThat(unsupported.action()).contains("remove the opentelemetry.version property")
					.contains("Spring Boot 4.0 manages 1.55, Spring Boot 4.1 manages 1.62");
			});
	}

	@Test
	void openTelemetryModulesOfDifferentVersionsAreRefusedNamingEach() {
		Map<String, String> versions = classVersions("4.0.7", "1.55.0", "1.6.6");
		versions.put("io.opentelemetry.api.OpenTelemetry", "1.62.0");
		assertThat(SupportedVersions.check(versions::get)).singleElement().satisfies((unsupported) -> {
			assertThat(unsupported.found()).startsWith("OpenTelemetry modules of different versions: ")
				.contains("opentelemetry-sdk-trace 1.55.0")
				.contains("opentelemetry-api 1.62.0");
			assertThat(unsupported.action()).contains("import io.opentelemetry:opentelemetry-bom");
		});
	}

	@Test
	void aMicrometerTracingOlderThanSpringBoot40sIsRefused() {
		assertThat(SupportedVersions.check(versions("4.0.7", "1.55.0", "1.5.5"))).singleElement()
			.extracting(UnsupportedVersion::found)
			.isEqualTo("Micrometer Tracing 1.5.5");
	}

	@Test
	void bothSupportedLinesAndAbsentOrUnknownLibrariesPass() {
		assertThat(SupportedVersions.check(versions("4.0.3", "1.55.0", "1.6.3"))).isEmpty();
		assertThat(SupportedVersions.check(versions("4.1.1", "1.62.0", "1.7.1"))).isEmpty();
		assertThat(SupportedVersions.check((className) -> null)).isEmpty();
	}

	@Test
	void versionsCompareByTheirNumbers() {
		assertThat(SupportedVersions.isOlder("1.49.0", "1.55")).isTrue();
		assertThat(SupportedVersions.isOlder("1.9.0", "1.55")).isTrue();
		assertThat(SupportedVersions.isOlder("1.55.0", "1.55")).isFalse();
		assertThat(SupportedVersions.isOlder("1.62.0-alpha", "1.55")).isFalse();
		assertThat(SupportedVersions.isOlder("4.0.0-SNAPSHOT", "4.0")).isFalse();
		assertThat(SupportedVersions.isOlder("3.5.7", "4.0")).isTrue();
		assertThat(SupportedVersions.isOlder("10", "4.0")).isFalse();
	}

	@Test
	void anApplicationOnUnsupportedVersionsFailsToStartSayingWhatToChange(CapturedOutput output) {
		SpringApplication application = new SpringApplication(Minimal.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.addListeners(new SupportedVersionsCheck(versions("4.0.7", "1.49.0", "1.6.6")));
		assertThatExceptionOfType(UnsupportedVersionException.class).isThrownBy(() -> application.run().close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Unsupported library versions for tracing (tracekit):")
			.contains("Found:    OpenTelemetry 1.49.0 (opentelemetry-sdk-trace)")
			.contains("Required: OpenTelemetry 1.55 or later")
			.contains("Let Spring Boot's dependency management decide the OpenTelemetry version")
			.contains("tracekit supports Spring Boot 4.0.x and 4.1.x")
			.doesNotContain("Caused by");
	}

	private static VersionLookup versions(String springBoot, String openTelemetry, String micrometerTracing) {
		return classVersions(springBoot, openTelemetry, micrometerTracing)::get;
	}

	private static Map<String, String> classVersions(String springBoot, String openTelemetry, String micrometerTracing) {
		Map<String, String> versions = new HashMap<>();
		versions.put("org.springframework.boot.SpringBootVersion", springBoot);
		versions.put("io.micrometer.tracing.Tracer", micrometerTracing);
		for (String className : new String[] { "io.opentelemetry.sdk.trace.SdkTracerProvider",
				"io.opentelemetry.sdk.common.CompletableResultCode", "io.opentelemetry.api.OpenTelemetry",
				"io.opentelemetry.context.Context" }) {
			versions.put(className, openTelemetry);
		}
		return versions;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(TracekitAutoConfiguration.class)
	static class Minimal {

	}

}
