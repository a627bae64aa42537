package dev.tracekit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tracekit.config.ConfigurationValue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * tracekit's public API is declared here: the annotations, the auto-configurations and their
 * conditions, the settings (properties classes and their values), the customizer, the export
 * statistics and the actuator types. Any other public class says in its Javadoc that it is
 * internal, so a user can tell what they may rely on.
 */
class PublicApiTests {

	private static final Set<String> API = Set.of("dev.tracekit.autoconfigure.TracerProviderCustomizer",
			"dev.tracekit.config.ConditionalOnTracekitEnabled", "dev.tracekit.config.ConditionalOnTracekitDisabled",
			"dev.tracekit.config.ConfigurationValue", "dev.tracekit.config.ConfigurationWarning",
			"dev.tracekit.config.ValidatedProperties", "dev.tracekit.export.ExportPipeline",
			"dev.tracekit.export.ExportPipelines", "dev.tracekit.export.ExportStatistics",
			"dev.tracekit.spool.SpoolStatistics",
			"dev.tracekit.actuate.TracekitEndpoint", "dev.tracekit.actuate.TracingHealthIndicator",
			"dev.tracekit.actuate.ExporterStatus", "dev.tracekit.actuate.ExportPipelineMetrics",
			"dev.tracekit.micrometer.SpanScopes", "dev.tracekit.diagnostics.PipelineDescription",
			"dev.tracekit.diagnostics.UnknownPropertiesException",
			"dev.tracekit.compatibility.UnsupportedVersionException", "dev.tracekit.env.InvalidOtelVariableException",
			"dev.tracekit.env.OtelVariable", "dev.tracekit.propagation.TraceContextPropagator",
			"dev.tracekit.viewer.TraceViewerEndpoint", "dev.tracekit.viewer.TraceList", "dev.tracekit.viewer.TraceSummary",
			"dev.tracekit.viewer.TraceDetail", "dev.tracekit.viewer.TraceQuery");

	private static final String INTERNAL = "Internal: public for tracekit's auto-configuration only";

	@Test
	void everyPublicClassIsDeclaredApiOrMarkedInternal() throws IOException {
		List<JavaClass> classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.tracekit")
			.stream()
			.filter((type) -> type.isTopLevelClass() && type.getModifiers().contains(JavaModifier.PUBLIC))
			.filter((type) -> !type.getSimpleName().equals("package-info"))
			.toList();
		assertThat(classes).isNotEmpty();
		List<String> undeclared = classes.stream().filter((type) -> !isApi(type)).filter((type) -> {
			try {
				return !Files.readString(source(type)).contains(INTERNAL);
			}
			catch (IOException ex) {
				return true;
			}
		}).map(JavaClass::getName).sorted().toList();
		assertThat(undeclared).as("public classes neither declared API here nor marked internal").isEmpty();
	}

	private static boolean isApi(JavaClass type) {
		return API.contains(type.getName()) || type.getPackageName().equals("dev.tracekit.annotation")
				|| type.getSimpleName().endsWith("AutoConfiguration") || type.getSimpleName().endsWith("Properties")
				|| (type.isEnum() && type.isAssignableTo(ConfigurationValue.class));
	}

	private static Path source(JavaClass type) {
		return Path.of("src/main/java", type.getName().replace('.', '/') + ".java");
	}

}
