package dev.tracekit.diagnostics;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.tracekit.config.ValidatedProperties;
import dev.tracekit.config.ValueRules;

import org.springframework.validation.Errors;

/** What tracekit tells about the pipeline it built and how it is doing: {@code tracekit.diagnostics.*}. */
public class DiagnosticsProperties implements ValidatedProperties {

	/** Whether to log the pipeline tracekit built, once, at startup. */
	private boolean startupReport = true;

	/**
	 * While an exporter keeps failing, how often its failures are summarised in the log. The first
	 * failure and the recovery are always logged.
	 */
	private Duration failureSummaryInterval = Duration.ofMinutes(1);

	/**
	 * What an unknown property under tracekit.* does: fail startup (naming the nearest valid key), or
	 * only warn, for configuration shared across tracekit versions.
	 */
	private UnknownPropertyAction unknownProperties = UnknownPropertyAction.FAIL;

	/**
	 * Startup warnings that are understood and expected, by the id each warning names (such as
	 * no-baggage); they are no longer logged.
	 */
	private Set<String> acknowledgedWarnings = new LinkedHashSet<>();

	public boolean isStartupReport() {
		return this.startupReport;
	}

	public void setStartupReport(boolean startupReport) {
		this.startupReport = startupReport;
	}

	public Duration getFailureSummaryInterval() {
		return this.failureSummaryInterval;
	}

	public void setFailureSummaryInterval(Duration failureSummaryInterval) {
		this.failureSummaryInterval = failureSummaryInterval;
	}

	public UnknownPropertyAction getUnknownProperties() {
		return this.unknownProperties;
	}

	public void setUnknownProperties(UnknownPropertyAction unknownProperties) {
		this.unknownProperties = unknownProperties;
	}

	public Set<String> getAcknowledgedWarnings() {
		return this.acknowledgedWarnings;
	}

	public void setAcknowledgedWarnings(Set<String> acknowledgedWarnings) {
		this.acknowledgedWarnings = acknowledgedWarnings;
	}

	@Override
	public void validate(Errors errors) {
		ValueRules.positive(errors, "failureSummaryInterval", this.failureSummaryInterval);
	}

}
