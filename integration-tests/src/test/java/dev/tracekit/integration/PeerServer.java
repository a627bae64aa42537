package dev.tracekit.integration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The downstream service the test apps call: answers "peer" and keeps each request's headers. */
final class PeerServer implements AutoCloseable {

	private final HttpServer server;

	private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

	private PeerServer(HttpServer server) {
		this.server = server;
	}

	static PeerServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			PeerServer peer = new PeerServer(server);
			server.createContext("/", peer::handle);
			server.start();
			return peer;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/peer";
	}

	/** The headers of each request received, names in lower case. */
	List<Map<String, String>> requests() {
		return List.copyOf(this.requests);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			this.requests.add(exchange.getRequestHeaders()
				.entrySet()
				.stream()
				.collect(Collectors.toMap((entry) -> entry.getKey().toLowerCase(Locale.ROOT),
						(entry) -> String.join(",", entry.getValue()))));
			byte[] body = "peer".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
