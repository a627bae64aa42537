package dev.tracekit.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.tracekit.export.ExportPipeline;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * What tracekit built, without secrets: resource attribute values other than the service name,
 * header values and certificates are never part of it. Read by the startup report and the
 * actuator endpoint.
 * @param serviceName {@code service.name}
 * @param resourceKeys the resource's attribute keys
 * @param sampler the sampler's description
 * @param limitsChanged span limits that differ from the SDK's defaults, by name
 * @param exporters each exporter's name and description
 * @param propagatorFields the header names the propagators read and write
 * @param globalRegistered whether GlobalOpenTelemetry is this context's instance
 */
public record PipelineDescription(String serviceName, List<String> resourceKeys, String sampler,
		Map<String, Integer> limitsChanged, Map<String, String> exporters, List<String> propagatorFields,
		boolean globalRegistered) {

	/**
	 * Describes a pipeline, including the configured exporters that were not built.
	 * @param resource the resource
	 * @param sampler the sampler
	 * @param limits the span limits
	 * @param pipelines the export pipelines built
	 * @param switchedOff configured exporters not built, with where they would have sent and why not
	 * @param propagators the propagators
	 * @param globalRegistered whether GlobalOpenTelemetry is this pipeline
	 * @return the description
	 */
	public static PipelineDescription of(Resource resource, Sampler sampler, SpanLimits limits,
			List<ExportPipeline> pipelines, Map<String, String> switchedOff, ContextPropagators propagators,
			boolean globalRegistered) {
		List<String> keys = new ArrayList<>(new TreeSet<>(
				resource.getAttributes().asMap().keySet().stream().map(AttributeKey::getKey).toList()));
		Map<String, String> exporters = new LinkedHashMap<>();
		pipelines.forEach((pipeline) -> exporters.put(pipeline.name(), pipeline.description()));
		exporters.putAll(switchedOff);
		String serviceName = resource.getAttribute(AttributeKey.stringKey("service.name"));
		return new PipelineDescription((serviceName != null) ? serviceName : "", keys, sampler.getDescription(),
				changedLimits(limits), exporters, List.copyOf(propagators.getTextMapPropagator().fields()),
				globalRegistered);
	}

	private static Map<String, Integer> changedLimits(SpanLimits limits) {
		SpanLimits defaults = SpanLimits.getDefault();
		Map<String, Integer> changed = new LinkedHashMap<>();
		putIfChanged(changed, "span-attribute-count", limits.getMaxNumberOfAttributes(), defaults.getMaxNumberOfAttributes());
		putIfChanged(changed, "span-attribute-value-length", limits.getMaxAttributeValueLength(),
				defaults.getMaxAttributeValueLength());
		putIfChanged(changed, "event-count", limits.getMaxNumberOfEvents(), defaults.getMaxNumberOfEvents());
		putIfChanged(changed, "link-count", limits.getMaxNumberOfLinks(), defaults.getMaxNumberOfLinks());
		putIfChanged(changed, "attributes-per-event", limits.getMaxNumberOfAttributesPerEvent(),
				defaults.getMaxNumberOfAttributesPerEvent());
		putIfChanged(changed, "attributes-per-link", limits.getMaxNumberOfAttributesPerLink(),
				defaults.getMaxNumberOfAttributesPerLink());
		return changed;
	}

	private static void putIfChanged(Map<String, Integer> changed, String name, int value, int defaultValue) {
		if (value != defaultValue) {
			changed.put(name, value);
		}
	}

	/** The startup report: a few aligned lines a person reads in seconds. */
	public String render() {
		StringBuilder text = new StringBuilder("tracekit: tracing pipeline\n");
		line(text, "service", this.serviceName + "  (resource: " + String.join(", ", this.resourceKeys) + ")");
		line(text, "sampler", this.sampler);
		line(text, "limits", this.limitsChanged.isEmpty() ? "SDK defaults" : this.limitsChanged.toString());
		if (this.exporters.isEmpty()) {
			line(text, "exporters", "none: spans are recorded but not exported");
		}
		boolean first = true;
		for (Map.Entry<String, String> exporter : this.exporters.entrySet()) {
			line(text, first ? "exporters" : "", exporter.getKey() + ": " + exporter.getValue());
			first = false;
		}
		line(text, "propagators", this.propagatorFields.isEmpty() ? "none" : String.join(", ", this.propagatorFields));
		line(text, "global", this.globalRegistered ? "GlobalOpenTelemetry is this pipeline"
				: "GlobalOpenTelemetry is NOT this pipeline (see tracekit.register-global)");
		return text.toString().stripTrailing();
	}

	private static void line(StringBuilder text, String label, String value) {
		text.append("  ").append(String.format("%-12s", label)).append(value).append('\n');
	}

}
