package dev.tracekit.diagnostics;

import java.util.Arrays;
import java.util.List;

import io.opentelemetry.api.OpenTelemetry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Says, once at startup, that the application defines its own {@code OpenTelemetry} bean, so
 * tracekit built no pipeline, and which {@code tracekit.*} settings therefore have no effect.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class ApplicationOpenTelemetryReport implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(ApplicationOpenTelemetryReport.class);

	private final ListableBeanFactory beanFactory;

	private final List<String> ignoredSettings;

	/**
	 * @param beanFactory where the application's bean is
	 * @param ignoredSettings the pipeline settings that were configured and are now ignored
	 */
	public ApplicationOpenTelemetryReport(ListableBeanFactory beanFactory, List<String> ignoredSettings) {
		this.beanFactory = beanFactory;
		this.ignoredSettings = List.copyOf(ignoredSettings);
	}

	@Override
	public void afterSingletonsInstantiated() {
		String names = Arrays.toString(this.beanFactory.getBeanNamesForType(OpenTelemetry.class, true, false));
		logger.info("tracekit: the application provides OpenTelemetry (bean " + names + "), so tracekit builds no"
				+ " pipeline of its own: @Traced and Spring's instrumentation trace through that bean, and its"
				+ " exporters, sampler and shutdown are the application's.");
		if (!this.ignoredSettings.isEmpty()) {
			logger.warn("tracekit: " + String.join(", ", this.ignoredSettings) + " "
					+ ((this.ignoredSettings.size() == 1) ? "has" : "have") + " no effect: the application's own"
					+ " OpenTelemetry bean " + names + " replaces the pipeline tracekit would build from them.");
		}
	}

}
