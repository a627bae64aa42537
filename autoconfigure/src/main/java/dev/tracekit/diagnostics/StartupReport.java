package dev.tracekit.diagnostics;

import java.util.List;
import java.util.function.Predicate;

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

	private final Warnings warnings;

	private final PipelineDescriber describer;

	/**
	 * @param reportPipeline whether to log the pipeline
	 * @param warnings the warnings to log, given which exporters were built
	 * @param describer the pipeline built
	 */
	public StartupReport(boolean reportPipeline, Warnings warnings, PipelineDescriber describer) {
		this.reportPipeline = reportPipeline;
		this.warnings = warnings;
		this.describer = describer;
	}

	@Override
	public void afterSingletonsInstantiated() {
		// A context after the first in a JVM (the next test class's) repeats the same findings: told once.
		this.warnings.of(this.describer::isBuilt)
			.forEach((warning) -> DistinctWarnings.warn(logger, warning.render()));
		if (this.reportPipeline && logger.isInfoEnabled()) {
			logger.info(this.describer.get().render());
		}
	}

	/** The warnings about the settings; an exporter that is not built (a network exporter in a test) gets none. */
	@FunctionalInterface
	public interface Warnings {

		List<ConfigurationWarning> of(Predicate<String> exporterBuilt);

	}

}
