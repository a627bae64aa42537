package dev.tracekit.diagnostics;

import java.util.List;
import java.util.function.Supplier;

import dev.tracekit.config.ConfigurationWarning;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Logs, once every singleton exists, the settings that are likely mistakes (always, unless
 * acknowledged) and the pipeline tracekit built (unless
 * {@code tracekit.diagnostics.startup-report=false}).
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class StartupReport implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(StartupReport.class);

	private final boolean reportPipeline;

	private final Supplier<List<ConfigurationWarning>> warnings;

	private final Supplier<PipelineDescription> description;

	/**
	 * @param reportPipeline whether to log the pipeline
	 * @param warnings the warnings to log
	 * @param description the pipeline built
	 */
	public StartupReport(boolean reportPipeline, Supplier<List<ConfigurationWarning>> warnings,
			Supplier<PipelineDescription> description) {
		this.reportPipeline = reportPipeline;
		this.warnings = warnings;
		this.description = description;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.warnings.get().forEach((warning) -> logger.warn(warning.render()));
		if (this.reportPipeline && logger.isInfoEnabled()) {
			logger.info(this.description.get().render());
		}
	}

}
