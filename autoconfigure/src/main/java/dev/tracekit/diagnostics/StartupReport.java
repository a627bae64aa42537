package dev.tracekit.diagnostics;

import dev.tracekit.autoconfigure.TracekitProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Logs, once every singleton exists, the settings that are likely mistakes (always) and the
 * pipeline tracekit built (unless {@code tracekit.diagnostics.startup-report=false}).
 */
public final class StartupReport implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(StartupReport.class);

	private final TracekitProperties properties;

	private final PipelineDescriber describer;

	public StartupReport(TracekitProperties properties, PipelineDescriber describer) {
		this.properties = properties;
		this.describer = describer;
	}

	@Override
	public void afterSingletonsInstantiated() {
		// A context after the first in a JVM (the next test class's) repeats the same findings: told once.
		ConfigurationWarnings.of(this.properties, this.describer::isBuilt)
			.forEach((warning) -> DistinctWarnings.warn(logger, "tracekit: " + warning));
		if (this.properties.getDiagnostics().isStartupReport() && logger.isInfoEnabled()) {
			logger.info(this.describer.get().render());
		}
	}

}
