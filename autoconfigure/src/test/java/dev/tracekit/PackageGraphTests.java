package dev.tracekit;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package graph of the main code (design.md §3): one package per concern, dependencies
 * pointing one way, from the auto-configurations to the concerns, never back.
 */
class PackageGraphTests {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.tracekit");

	@Test
	void noPackageCycles() {
		slices().matching("dev.tracekit.(*)..").should().beFreeOfCycles().check(MAIN);
	}

	@Test
	void onlyTheAutoConfigurationPackageImportsItself() {
		noClasses().that()
			.resideOutsideOfPackage("dev.tracekit.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.tracekit.autoconfigure..")
			.because("concern packages own their settings and factories; the auto-configurations compose them")
			.check(MAIN);
	}

	@Test
	void theSharedSettingsPackageDependsOnNoConcern() {
		noClasses().that()
			.resideInAPackage("dev.tracekit.config..")
			.should()
			.dependOnClassesThat()
			.resideOutsideOfPackages("dev.tracekit.config..", "java..", "org.springframework..", "org.jspecify..")
			.check(MAIN);
	}

}
