package dev.tracekit.export;

import java.time.Duration;

import dev.tracekit.config.ConfigurationWarning;
import org.junit.jupiter.api.Test;

import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.FieldError;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch processor's settings read as the SDK's batch processor builder reads them. */
class ProcessorPropertiesTests {

	@Test
	void aQueueSmallerThanTheDefaultBatchLowersTheBatchSilently() {
		ProcessorProperties processor = new ProcessorProperties();
		processor.setMaxQueueSize(256);
		assertThat(errors(processor).getFieldErrors()).isEmpty();
		assertThat(processor.effectiveMaxExportBatchSize()).isEqualTo(256);
		assertThat(processor.warnings("p")).isEmpty();
	}

	@Test
	void aChosenBatchLargerThanTheQueueIsLoweredWithAWarning() {
		ProcessorProperties processor = new ProcessorProperties();
		processor.setMaxExportBatchSize(4096);
		assertThat(errors(processor).getFieldErrors()).isEmpty();
		assertThat(processor.effectiveMaxExportBatchSize()).isEqualTo(2048);
		assertThat(processor.warnings("tracekit.exporters.main.processor")).extracting(ConfigurationWarning::message)
			.containsExactly("tracekit.exporters.main.processor.max-export-batch-size (4096) is larger than"
					+ " max-queue-size (2048), so batches hold at most 2048 spans.");
	}

	@Test
	void eachConcurrentExportHasAWholeQueue() {
		ProcessorProperties processor = new ProcessorProperties();
		processor.setMaxConcurrentExports(3);
		assertThat(errors(processor).getFieldErrors()).isEmpty();
		assertThat(processor.queueSizePerExport()).isEqualTo(2048);
		assertThat(processor.maxExportBatchSizePerExport()).isEqualTo(512);
	}

	@Test
	void concurrentExportsOutsideOneToSixtyFourAreRefused() {
		ProcessorProperties processor = new ProcessorProperties();
		for (int refused : new int[] { 0, -1, 65 }) {
			processor.setMaxConcurrentExports(refused);
			assertThat(errors(processor).getFieldErrors()).singleElement()
				.satisfies((error) -> assertThat(error.getField()).isEqualTo("maxConcurrentExports"))
				.satisfies((error) -> assertThat(error.getDefaultMessage()).isEqualTo("must be between 1 and 64"));
		}
		processor.setMaxConcurrentExports(64);
		assertThat(errors(processor).getFieldErrors()).isEmpty();
	}

	@Test
	void aZeroExportTimeoutMeansNoLimitAndANegativeOneIsRefused() {
		ProcessorProperties processor = new ProcessorProperties();
		processor.setExportTimeout(Duration.ZERO);
		assertThat(errors(processor).getFieldErrors()).isEmpty();
		processor.setExportTimeout(Duration.ofMillis(-1));
		assertThat(errors(processor).getFieldErrors()).extracting(FieldError::getField).containsExactly("exportTimeout");
	}

	@Test
	void zeroOrNegativeSizesAreRefused() {
		ProcessorProperties processor = new ProcessorProperties();
		processor.setMaxQueueSize(0);
		processor.setMaxExportBatchSize(-1);
		processor.setScheduleDelay(Duration.ofSeconds(-1));
		assertThat(errors(processor).getFieldErrors()).extracting(FieldError::getField)
			.containsExactlyInAnyOrder("maxQueueSize", "maxExportBatchSize", "scheduleDelay");
	}

	private static BeanPropertyBindingResult errors(ProcessorProperties processor) {
		BeanPropertyBindingResult errors = new BeanPropertyBindingResult(processor, "processor");
		processor.validate(errors);
		return errors;
	}

}
