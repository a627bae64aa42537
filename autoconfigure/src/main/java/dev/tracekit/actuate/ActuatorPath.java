package dev.tracekit.actuate;

/**
 * Whether a request path, taken relative to where the actuator's endpoints are mapped (without the
 * context path or a DispatcherServlet path), is an actuator endpoint's.
 */
final class ActuatorPath {

	private final String basePath;

	/**
	 * @param basePath {@code management.endpoints.web.base-path}; empty or {@code /} (endpoints at
	 * the root, indistinguishable by path) matches nothing
	 */
	ActuatorPath(String basePath) {
		String path = basePath.strip();
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		this.basePath = (path.isEmpty() || path.startsWith("/")) ? path : "/" + path;
	}

	boolean matches(String path) {
		return !this.basePath.isEmpty() && (path.equals(this.basePath) || path.startsWith(this.basePath + "/"));
	}

}
