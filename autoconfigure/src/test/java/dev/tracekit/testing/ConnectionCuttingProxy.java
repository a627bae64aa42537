package dev.tracekit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy to put in front of a receiver, forwarding bytes both ways until told to cut
 * connections. While cutting, a connection is reset (TCP RST) as soon as the client sends
 * anything: the exporter has connected and written its request, and gets neither an answer nor a
 * clean close. The bytes that trigger the cut are not forwarded, so the receiver never sees a
 * request whose answer the exporter did not get; received spans stay an exact count.
 */
public final class ConnectionCuttingProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final int targetPort;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final AtomicInteger cutConnections = new AtomicInteger();

	private volatile boolean cutting;

	private volatile boolean closed;

	private ConnectionCuttingProxy(ServerSocket listener, int targetPort) {
		this.listener = listener;
		this.targetPort = targetPort;
	}

	/** Starts on a free loopback port, forwarding to {@code targetPort} on loopback. */
	public static ConnectionCuttingProxy start(int targetPort) {
		try {
			ServerSocket listener = new ServerSocket();
			listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			ConnectionCuttingProxy proxy = new ConnectionCuttingProxy(listener, targetPort);
			daemon("proxy-accept-" + listener.getLocalPort(), proxy::acceptLoop).start();
			return proxy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.listener.getLocalPort();
	}

	/** Whether to reset every connection at its client's next bytes, from now on. */
	public void setCutting(boolean cutting) {
		this.cutting = cutting;
	}

	/** Connections reset so far. */
	public int cutConnections() {
		return this.cutConnections.get();
	}

	@Override
	public void close() {
		this.closed = true;
		closeQuietly(this.listener);
		this.sockets.forEach(ConnectionCuttingProxy::closeQuietly);
	}

	private void acceptLoop() {
		while (!this.closed) {
			Socket client;
			try {
				client = this.listener.accept();
			}
			catch (IOException ex) {
				return;
			}
			Socket upstream;
			try {
				upstream = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
			}
			catch (IOException ex) {
				// The receiver behind is down: so is the proxy, for this client.
				reset(client);
				continue;
			}
			this.sockets.add(client);
			this.sockets.add(upstream);
			String name = "proxy-" + client.getPort();
			daemon(name + "-request", () -> pump(client, upstream, true)).start();
			daemon(name + "-response", () -> pump(upstream, client, false)).start();
		}
	}

	private void pump(Socket from, Socket to, boolean fromClient) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) != -1) {
				if (fromClient && this.cutting) {
					this.cutConnections.incrementAndGet();
					reset(from);
					release(to);
					return;
				}
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// The other direction closed or was cut; both sockets close below.
		}
		finally {
			release(from);
			release(to);
		}
	}

	private void release(Socket socket) {
		this.sockets.remove(socket);
		closeQuietly(socket);
	}

	private void reset(Socket socket) {
		try {
			// Linger 0: close sends RST instead of FIN, as a crashed or cut peer would.
			socket.setSoLinger(true, 0);
		}
		catch (SocketException ex) {
			// Already closed.
		}
		release(socket);
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// Closing is best effort.
		}
	}

	private static Thread daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

}
