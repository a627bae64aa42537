package dev.tracekit.diagnostics;

import java.util.function.Supplier;

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

	private final Supplier<PipelineDescription> description;

	public StartupReport(TracekitProperties properties, Supplier<PipelineDescription> description) {
		this.properties = properties;
		this.description = description;
	}

	@Override
	public void afterSingletonsInstantiated() {
		ConfigurationWarnings.of(this.properties).forEach((warning) -> logger.warn("tracekit: " + warning));
		if (this.properties.getDiagnostics().isStartupReport() && logger.isInfoEnabled()) {
			logger.info(this.description.get().render());
		}
	}

}
