package dev.tracekit.viewer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The trace viewer page: plain HTML, CSS and JavaScript from this jar, put together into one
 * document so that the endpoint serves it in one answer and it needs nothing else, no network
 * included. The files sit next to this class rather than under {@code static/} or
 * {@code META-INF/resources/}, where Spring would serve them to anyone, outside actuator
 * security.
 */
final class TraceViewerPage {

	private static final String STYLE = "/*@style@*/";

	private static final String SCRIPT = "/*@script@*/";

	private final byte[] html;

	private TraceViewerPage(byte[] html) {
		this.html = html;
	}

	static TraceViewerPage load() {
		String html = read("trace-viewer.html");
		if (!html.contains(STYLE) || !html.contains(SCRIPT)) {
			throw new IllegalStateException("trace-viewer.html lacks the style or script placeholder");
		}
		html = html.replace(STYLE, read("trace-viewer.css")).replace(SCRIPT, read("trace-viewer.js"));
		return new TraceViewerPage(html.getBytes(StandardCharsets.UTF_8));
	}

	byte[] html() {
		return this.html;
	}

	private static String read(String name) {
		try (InputStream in = TraceViewerPage.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("The trace viewer's " + name + " is missing from the classpath");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
