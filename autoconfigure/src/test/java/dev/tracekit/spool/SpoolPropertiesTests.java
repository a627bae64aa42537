package dev.tracekit.spool;

import java.nio.file.Path;
import java.time.Duration;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.FieldError;

import static org.assertj.core.api.Assertions.assertThat;

/** The spool's settings: off by default, bounded, and refused at startup when they cannot work. */
class SpoolPropertiesTests {

	@Test
	void theSpoolIsOffByDefaultAndKeepsItsFilesUnderTheTemporaryDirectory() {
		SpoolProperties spool = new SpoolProperties();
		assertThat(spool.isEnabled()).isFalse();
		assertThat(spool.getMaxSize()).isEqualTo(DataSize.ofMegabytes(256));
		assertThat(spool.getMaxAge()).isEqualTo(Duration.ofHours(24));
		assertThat(spool.effectiveDirectory("main"))
			.isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "tracekit-spool", "main"));
		spool.setDirectory(" /var/spool/app ");
		assertThat(spool.effectiveDirectory("main")).isEqualTo(Path.of("/var/spool/app"));
	}

	@Test
	void aBudgetBelow64KBAZeroAgeAndAZeroReplayRateAreRefusedWhenEnabled() {
		SpoolProperties spool = new SpoolProperties();
		spool.setMaxSize(DataSize.ofKilobytes(10));
		spool.setMaxAge(Duration.ZERO);
		spool.setReplayRate(0);
		assertThat(errors(spool).getFieldErrors()).isEmpty();
		spool.setEnabled(true);
		assertThat(errors(spool).getFieldErrors()).extracting(FieldError::getField)
			.containsExactlyInAnyOrder("maxSize", "maxAge", "replayRate");
	}

	@Test
	void aBadValueFailsStartupNamingTheProperty() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class))
			.withPropertyValues("tracekit.exporters.main.spool.enabled=true",
					"tracekit.exporters.main.spool.max-size=1KB")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("tracekit.exporters.main.spool.max-size")
				.hasMessageContaining("at least 64KB"));
	}

	@Test
	void anUnknownSpoolKeyFailsStartup() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class))
			.withPropertyValues("tracekit.exporters.main.spool.max-bytes=1MB")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tracekit.exporters.main.spool.max-bytes"));
	}

	private static BeanPropertyBindingResult errors(SpoolProperties spool) {
		BeanPropertyBindingResult errors = new BeanPropertyBindingResult(spool, "spool");
		spool.validate(errors);
		return errors;
	}

}
