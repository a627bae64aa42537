package dev.tracekit.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.tracekit.export.ExportPipeline;
import dev.tracekit.export.ExportPipelines;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code tracing} health: DOWN while any exporter's exports keep failing, that is while its
 * latest export failed and none has succeeded since; UP otherwise, including before the first
 * export and with no exporter at all. An exporter retries transient errors itself (unless
 * {@code retry=false}), so a counted failure already means the endpoint stayed unreachable or
 * refused the spans; the first successful export brings the status back to UP.
 *
 * <p>
 * The details show each exporter's counters and last failure, never a secret. Only counters are
 * read: a health check sends nothing to the collector and starts no span, so it cannot feed the
 * pipeline it reports on.
 */
public final class TracingHealthIndicator implements HealthIndicator {

	private final ExportPipelines pipelines;

	public TracingHealthIndicator(ExportPipelines pipelines) {
		this.pipelines = pipelines;
	}

	@Override
	public Health health() {
		Map<String, ExporterStatus> exporters = new LinkedHashMap<>();
		boolean failing = false;
		for (ExportPipeline pipeline : this.pipelines.all()) {
			ExporterStatus status = ExporterStatus.of(pipeline);
			exporters.put(pipeline.name(), status);
			failing |= status.failing();
		}
		return (failing ? Health.down() : Health.up()).withDetail("exporters", exporters).build();
	}

}
