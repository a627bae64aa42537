package dev.tracekit.spool;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

import dev.tracekit.config.ValidatedProperties;
import dev.tracekit.config.ValueRules;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;

/**
 * Where an exporter keeps the spans it cannot deliver now: {@code tracekit.exporters.<name>.spool.*}.
 * Off by default; see the README's section on the spool.
 */
public class SpoolProperties implements ValidatedProperties {

	/**
	 * Whether spans that fail to export, or would be dropped from a full queue, are written to local
	 * files and sent once the collector answers again, also after a restart.
	 */
	private boolean enabled = false;

	/**
	 * Directory of the spool files. Defaults to tracekit-spool/<exporter name> under java.io.tmpdir.
	 * Processes may share it: each file is replayed by one of them only.
	 */
	private @Nullable String directory;

	/**
	 * Disk the spool files may take. Beyond it the oldest files are deleted and their spans counted
	 * as expired.
	 */
	private DataSize maxSize = DataSize.ofMegabytes(256);

	/** How long a spooled span is kept; older ones are deleted and counted as expired. */
	private Duration maxAge = Duration.ofHours(24);

	/** Most spooled spans replayed per second once the collector answers, beside live traffic. */
	private int replayRate = 5000;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getDirectory() {
		return this.directory;
	}

	public void setDirectory(@Nullable String directory) {
		this.directory = directory;
	}

	public DataSize getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(DataSize maxSize) {
		this.maxSize = maxSize;
	}

	public Duration getMaxAge() {
		return this.maxAge;
	}

	public void setMaxAge(Duration maxAge) {
		this.maxAge = maxAge;
	}

	public int getReplayRate() {
		return this.replayRate;
	}

	public void setReplayRate(int replayRate) {
		this.replayRate = replayRate;
	}

	/** The directory in force for an exporter: as configured, else one under java.io.tmpdir. */
	public Path effectiveDirectory(String exporterName) {
		if (this.directory != null && !this.directory.isBlank()) {
			return Path.of(this.directory.strip());
		}
		return Path.of(System.getProperty("java.io.tmpdir"), "tracekit-spool", exporterName);
	}

	@Override
	public void validate(Errors errors) {
		if (!this.enabled) {
			return;
		}
		if (this.directory != null && !this.directory.isBlank()) {
			try {
				Path.of(this.directory.strip());
			}
			catch (InvalidPathException ex) {
				ValueRules.reject(errors, "directory", "is not a valid path (" + ex.getReason() + ")");
			}
		}
		if (this.maxSize.toBytes() < SpanSpool.MIN_SIZE) {
			ValueRules.reject(errors, "maxSize", "must be at least 64KB, e.g. 256MB");
		}
		ValueRules.positive(errors, "maxAge", this.maxAge);
		ValueRules.positive(errors, "replayRate", this.replayRate);
		if (!SpanSpool.codecPresent()) {
			ValueRules.reject(errors, "enabled", "needs io.opentelemetry.contrib:opentelemetry-disk-buffering and"
					+ " com.squareup.wire:wire-runtime-jvm on the classpath (the spool's file format); add them, or set"
					+ " enabled to false");
		}
	}

}
