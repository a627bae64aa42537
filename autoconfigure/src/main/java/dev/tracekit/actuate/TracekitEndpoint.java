package dev.tracekit.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tracekit.diagnostics.PipelineDescriber;
import dev.tracekit.diagnostics.PipelineDescription;
import dev.tracekit.export.ExportPipeline;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code /actuator/tracekit}: the effective pipeline, as the startup report shows it, with each
 * exporter's live counters; {@code /actuator/tracekit/{exporter}}: one exporter. Not exposed over
 * the web unless listed in {@code management.endpoints.web.exposure.include}.
 */
@Endpoint(id = "tracekit")
public final class TracekitEndpoint {

	private final PipelineDescriber describer;

	public TracekitEndpoint(PipelineDescriber describer) {
		this.describer = describer;
	}

	@ReadOperation
	public PipelineReport pipeline() {
		PipelineDescription description = this.describer.get();
		Map<String, ExporterStatus> exporters = new LinkedHashMap<>();
		this.describer.pipelines().forEach((pipeline) -> exporters.put(pipeline.name(), ExporterStatus.of(pipeline)));
		return new PipelineReport(description.serviceName(), description.resourceKeys(), description.sampler(),
				description.limitsChanged(), exporters, description.propagatorFields(), description.globalRegistered());
	}

	/** One exporter, or 404 for an unknown name. */
	@ReadOperation
	public @Nullable ExporterStatus exporter(@Selector String name) {
		for (ExportPipeline pipeline : this.describer.pipelines()) {
			if (pipeline.name().equals(name)) {
				return ExporterStatus.of(pipeline);
			}
		}
		return null;
	}

	/**
	 * The endpoint's answer. Its fields are listed here one by one, rather than the description
	 * being passed through, so that nothing added to the description later reaches the endpoint
	 * unreviewed.
	 * @param serviceName {@code service.name}
	 * @param resourceKeys the resource's attribute keys (values are not shown)
	 * @param sampler the sampler's description
	 * @param limitsChanged span limits that differ from the SDK's defaults
	 * @param exporters each exporter's description and counters, by name
	 * @param propagatorFields the header names the propagators read and write
	 * @param globalRegistered whether GlobalOpenTelemetry is this pipeline
	 */
	public record PipelineReport(String serviceName, List<String> resourceKeys, String sampler,
			Map<String, Integer> limitsChanged, Map<String, ExporterStatus> exporters, List<String> propagatorFields,
			boolean globalRegistered) {
	}

}
