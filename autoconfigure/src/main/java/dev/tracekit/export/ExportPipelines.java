package dev.tracekit.export;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SpanProcessor;

import org.springframework.beans.factory.DisposableBean;

/**
 * The export pipelines tracekit built: one per configured exporter and one per user
 * {@code SpanExporter} bean. Public so that applications and reports can read their statistics.
 *
 * <p>
 * As a bean it is destroyed after the tracer provider's lifecycle has flushed and shut the
 * pipelines down, which makes its {@link #destroy()} a no-op then. It matters when the context
 * fails to start after the pipelines were built but before that lifecycle existed: then it is
 * what exports the spans already ended and stops the export threads.
 */
public final class ExportPipelines implements DisposableBean {

	private final List<ExportPipeline> pipelines;

	private final Map<String, String> switchedOff;

	private final Duration shutdownTimeout;

	public ExportPipelines(List<ExportPipeline> pipelines) {
		this(pipelines, Map.of(), Duration.ofSeconds(10));
	}

	/**
	 * @param pipelines the pipelines built
	 * @param switchedOff configured exporters not built, by name, each with where it would have sent
	 * and why it does not (see {@link TracingExportSwitch})
	 * @param shutdownTimeout the bound on shutting the pipelines down if the context fails to start
	 */
	public ExportPipelines(List<ExportPipeline> pipelines, Map<String, String> switchedOff, Duration shutdownTimeout) {
		this.pipelines = List.copyOf(pipelines);
		this.switchedOff = Map.copyOf(switchedOff);
		this.shutdownTimeout = shutdownTimeout;
	}

	public List<ExportPipeline> all() {
		return this.pipelines;
	}

	/** Configured exporters that were not built, by name, with where they would have sent and why not. */
	public Map<String, String> switchedOff() {
		return this.switchedOff;
	}

	public Optional<ExportPipeline> get(String name) {
		return this.pipelines.stream().filter((pipeline) -> pipeline.name().equals(name)).findFirst();
	}

	@Override
	public void destroy() {
		List<CompletableResultCode> shutdowns = this.pipelines.stream()
			.map(ExportPipeline::processor)
			.filter((processor) -> !(processor instanceof MonitoredSpanProcessor monitored) || !monitored.isShutdown())
			.map(SpanProcessor::shutdown)
			.toList();
		if (shutdowns.isEmpty()) {
			return;
		}
		CompletableResultCode.ofAll(shutdowns).join(this.shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
	}

}
