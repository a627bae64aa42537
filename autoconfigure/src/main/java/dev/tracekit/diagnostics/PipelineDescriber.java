package dev.tracekit.diagnostics;

import java.util.List;
import java.util.function.Supplier;

import dev.tracekit.export.ExportPipeline;
import dev.tracekit.lifecycle.GlobalOpenTelemetryRegistration;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.jspecify.annotations.Nullable;

/**
 * Describes the pipeline as it is now, from the beans that make it up.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class PipelineDescriber implements Supplier<PipelineDescription> {

	private final Resource resource;

	private final SdkTracerProvider tracerProvider;

	private final List<ExportPipeline> pipelines;

	private final ContextPropagators propagators;

	private final @Nullable GlobalOpenTelemetryRegistration globalRegistration;

	public PipelineDescriber(Resource resource, SdkTracerProvider tracerProvider, List<ExportPipeline> pipelines,
			ContextPropagators propagators, @Nullable GlobalOpenTelemetryRegistration globalRegistration) {
		this.resource = resource;
		this.tracerProvider = tracerProvider;
		this.pipelines = List.copyOf(pipelines);
		this.propagators = propagators;
		this.globalRegistration = globalRegistration;
	}

	@Override
	public PipelineDescription get() {
		return PipelineDescription.of(this.resource, this.tracerProvider.getSampler(),
				this.tracerProvider.getSpanLimits(), this.pipelines, this.propagators,
				this.globalRegistration != null && this.globalRegistration.isRegistered());
	}

	/** The export pipelines described. */
	public List<ExportPipeline> pipelines() {
		return this.pipelines;
	}

}
