package dev.tracekit.compatibility;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * The oldest versions of the libraries tracekit runs on, and the check that the classpath holds
 * them: Spring Boot 4.0, and the OpenTelemetry (1.55) and Micrometer Tracing (1.6) that Spring Boot
 * 4.0 manages, every OpenTelemetry module at one version.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class SupportedVersions {

	/** The oldest Spring Boot line supported. */
	public static final String SPRING_BOOT = "4.0";

	/** The oldest OpenTelemetry Java line supported, the one Spring Boot 4.0 manages. */
	public static final String OPENTELEMETRY = "1.55";

	/** The oldest Micrometer Tracing line supported, the one Spring Boot 4.0 manages. */
	public static final String MICROMETER_TRACING = "1.6";

	private static final String SPRING_BOOT_CLASS = "org.springframework.boot.SpringBootVersion";

	private static final String MICROMETER_TRACING_CLASS = "io.micrometer.tracing.Tracer";

	// A class of each stable OpenTelemetry module tracekit uses, whose packages no other module
	// shares. OpenTelemetry supports only one version across them.
	private static final Map<String, String> OPENTELEMETRY_MODULES = new LinkedHashMap<>();
	static {
		OPENTELEMETRY_MODULES.put("opentelemetry-sdk-trace", "io.opentelemetry.sdk.trace.SdkTracerProvider");
		OPENTELEMETRY_MODULES.put("opentelemetry-sdk-common", "io.opentelemetry.sdk.common.CompletableResultCode");
		OPENTELEMETRY_MODULES.put("opentelemetry-sdk-metrics", "io.opentelemetry.sdk.metrics.SdkMeterProvider");
		OPENTELEMETRY_MODULES.put("opentelemetry-sdk-logs", "io.opentelemetry.sdk.logs.SdkLoggerProvider");
		OPENTELEMETRY_MODULES.put("opentelemetry-api", "io.opentelemetry.api.OpenTelemetry");
		OPENTELEMETRY_MODULES.put("opentelemetry-context", "io.opentelemetry.context.Context");
		OPENTELEMETRY_MODULES.put("opentelemetry-exporter-otlp", "io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter");
		OPENTELEMETRY_MODULES.put("opentelemetry-extension-trace-propagators",
				"io.opentelemetry.extension.trace.propagation.B3Propagator");
	}

	private SupportedVersions() {
	}

	/** Finds the version of the library that holds a class. */
	@FunctionalInterface
	public interface VersionLookup {

		/**
		 * @param className a class of the library
		 * @return the library's version, or {@code null} if the class is absent or its jar does not
		 * say
		 */
		@Nullable String versionOf(String className);

		/**
		 * The versions that the jars' manifests give ({@code Implementation-Version}), as every
		 * library checked here writes it.
		 * @param classLoader where the classes are looked up
		 * @return the lookup
		 */
		static VersionLookup manifests(@Nullable ClassLoader classLoader) {
			return (className) -> {
				try {
					Package pkg = ClassUtils.forName(className, classLoader).getPackage();
					return (pkg != null) ? pkg.getImplementationVersion() : null;
				}
				catch (ClassNotFoundException | LinkageError ex) {
					return null;
				}
			};
		}

	}

	/**
	 * What the classpath holds that tracekit does not support.
	 * @param versions how library versions are found
	 * @return each unsupported version with what to change; empty when everything is supported
	 */
	public static List<UnsupportedVersion> check(VersionLookup versions) {
		String springBoot = versions.versionOf(SPRING_BOOT_CLASS);
		if (springBoot != null && isOlder(springBoot, SPRING_BOOT)) {
			// The OpenTelemetry and Micrometer versions follow from Spring Boot's: this is the one change.
			return List.of(new UnsupportedVersion("Spring Boot " + springBoot, "Spring Boot " + SPRING_BOOT + " or later",
					"Upgrade the application to Spring Boot 4.0.x or 4.1.x."));
		}
		List<UnsupportedVersion> unsupported = new ArrayList<>();
		Map<String, String> openTelemetry = new LinkedHashMap<>();
		OPENTELEMETRY_MODULES.forEach((module, className) -> {
			String version = versions.versionOf(className);
			if (version != null) {
				openTelemetry.put(module, version);
			}
		});
		String letSpringBootDecide = "Let Spring Boot's dependency management decide the OpenTelemetry version (remove"
				+ " the opentelemetry.version property or explicit io.opentelemetry versions from the build): Spring Boot"
				+ " 4.0 manages 1.55, Spring Boot 4.1 manages 1.62.";
		if (openTelemetry.values().stream().distinct().count() > 1) {
			unsupported.add(new UnsupportedVersion("OpenTelemetry modules of different versions: " + openTelemetry.entrySet()
				.stream()
				.map((module) -> module.getKey() + " " + module.getValue())
				.collect(Collectors.joining(", ")), "one version for every OpenTelemetry module",
					letSpringBootDecide + " Or import io.opentelemetry:opentelemetry-bom."));
		}
		openTelemetry.entrySet()
			.stream()
			.filter((module) -> isOlder(module.getValue(), OPENTELEMETRY))
			.findFirst()
			.ifPresent((module) -> unsupported.add(new UnsupportedVersion(
					"OpenTelemetry " + module.getValue() + " (" + module.getKey() + ")",
					"OpenTelemetry " + OPENTELEMETRY + " or later", letSpringBootDecide)));
		String micrometerTracing = versions.versionOf(MICROMETER_TRACING_CLASS);
		if (micrometerTracing != null && isOlder(micrometerTracing, MICROMETER_TRACING)) {
			unsupported.add(new UnsupportedVersion("Micrometer Tracing " + micrometerTracing,
					"Micrometer Tracing " + MICROMETER_TRACING + " or later",
					"Let Spring Boot's dependency management decide the Micrometer Tracing version (remove the"
							+ " micrometer-tracing.version property or explicit io.micrometer versions from the build)."));
		}
		return unsupported;
	}

	/**
	 * Whether a version is older than a minimum, comparing their numeric parts in order
	 * ({@code 1.49.0} is older than {@code 1.55}; {@code 1.62.0-alpha} is not).
	 * @param version the version found
	 * @param minimum the minimum
	 * @return whether the version is older
	 */
	static boolean isOlder(String version, String minimum) {
		int[] found = numbers(version);
		int[] wanted = numbers(minimum);
		for (int i = 0; i < wanted.length; i++) {
			int part = (i < found.length) ? found[i] : 0;
			if (part != wanted[i]) {
				return part < wanted[i];
			}
		}
		return false;
	}

	private static int[] numbers(String version) {
		String numeric = version.split("[^0-9.]", 2)[0];
		return Arrays.stream(numeric.split("\\."))
			.filter((part) -> !part.isEmpty())
			.mapToInt(Integer::parseInt)
			.toArray();
	}

	/**
	 * A library at a version tracekit does not support.
	 * @param found what the classpath holds, such as {@code Spring Boot 3.5.7}
	 * @param required what tracekit needs instead
	 * @param action what to change in the build
	 */
	public record UnsupportedVersion(String found, String required, String action) {

	}

}
