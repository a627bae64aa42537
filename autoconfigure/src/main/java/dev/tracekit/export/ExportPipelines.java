package dev.tracekit.export;

import java.util.List;
import java.util.Optional;

/**
 * The export pipelines tracekit built: one per configured exporter and one per user
 * {@code SpanExporter} bean. Public so that applications and reports can read their statistics.
 */
public final class ExportPipelines {

	private final List<ExportPipeline> pipelines;

	public ExportPipelines(List<ExportPipeline> pipelines) {
		this.pipelines = List.copyOf(pipelines);
	}

	public List<ExportPipeline> all() {
		return this.pipelines;
	}

	public Optional<ExportPipeline> get(String name) {
		return this.pipelines.stream().filter((pipeline) -> pipeline.name().equals(name)).findFirst();
	}

}
