package dev.tracekit.compatibility;

import java.util.List;

import dev.tracekit.compatibility.SupportedVersions.UnsupportedVersion;
import dev.tracekit.compatibility.SupportedVersions.VersionLookup;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Fails startup, before any bean is created, when the classpath holds versions older than tracekit
 * supports, so that the application stops with a message naming what to change rather than with a
 * {@code NoSuchMethodError} somewhere later. Registered in {@code spring.factories} and built only
 * of types Spring Boot 3 has too, so that it runs, and reports, on the Spring Boot lines it refuses.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class SupportedVersionsCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	private final VersionLookup versions;

	public SupportedVersionsCheck() {
		this(VersionLookup.manifests(SupportedVersionsCheck.class.getClassLoader()));
	}

	/**
	 * @param versions how library versions are found
	 */
	public SupportedVersionsCheck(VersionLookup versions) {
		this.versions = versions;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		List<UnsupportedVersion> unsupported = SupportedVersions.check(this.versions);
		if (!unsupported.isEmpty()) {
			throw new UnsupportedVersionException(unsupported);
		}
	}

	// Before the environment post-processors, tracekit's among them.
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
