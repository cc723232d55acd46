package io.github.iscsigw.gateway.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.iscsigw.gateway.GatewayIdentity;
import io.github.iscsigw.gateway.GatewayModes;
import io.github.iscsigw.gateway.settings.GatewaySettings;
import io.github.iscsigw.lio.fs.Configfs;
import io.github.iscsigw.lio.sim.SimulatedConfigfs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * rbd-target-gw's Prometheus exporter (settings.md §6): plain HTTP without authentication
 * on {@code [prometheus_host]:prometheus_port}, {@code GET /} and {@code GET /metrics},
 * started with the application when {@code prometheus_exporter} is true. The Spring
 * property {@code gateway.metrics-port} overrides the port (0: any free port, see
 * {@link #port()}). A port that cannot be bound is logged and the application runs on
 * without the exporter.
 */
@Component
public class MetricsExporter implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(MetricsExporter.class);

	static final String INDEX = """
			<!DOCTYPE html>
			<html>
			    <head><title>Ceph/iSCSI Prometheus Exporter</title></head>
			    <body>
			        <h1>Ceph/iSCSI Prometheus Exporter</h1>
			        <p><a href='/metrics'>Metrics</a></p>
			    </body>
			</html>""";

	static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

	private static final int THREADS = 4;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final boolean enabled;

	private final String host;

	private final int configuredPort;

	private final GatewayModes modes;

	private final String gatewayName;

	private final ReentrantLock scrapeLock = new ReentrantLock();

	private volatile Configfs configfs;

	private volatile HttpServer server;

	private volatile ExecutorService executor;

	private volatile boolean running;

	@Autowired
	public MetricsExporter(GatewaySettings settings, GatewayModes modes, GatewayIdentity identity,
			Environment environment) {
		this(settings.bool("prometheus_exporter"), settings.string("prometheus_host"),
				environment.getProperty("gateway.metrics-port", Integer.class, settings.integer("prometheus_port")),
				modes, identity.name());
	}

	MetricsExporter(boolean enabled, String host, int port, GatewayModes modes, String gatewayName) {
		this.enabled = enabled;
		this.host = host;
		this.configuredPort = port;
		this.modes = modes;
		this.gatewayName = gatewayName;
	}

	@Override
	public void start() {
		if (!this.enabled) {
			log.info("Prometheus exporter disabled (prometheus_exporter = false)");
			this.running = true;
			return;
		}
		String bare = (this.host.startsWith("[") && this.host.endsWith("]"))
				? this.host.substring(1, this.host.length() - 1) : this.host;
		HttpServer created = null;
		try {
			created = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bare), this.configuredPort), 50);
		}
		catch (IOException | RuntimeException ex) {
			log.error("Prometheus exporter not started: cannot listen on [{}]:{}: {}", bare, this.configuredPort,
					ex.toString());
			this.running = true;
			return;
		}
		AtomicInteger count = new AtomicInteger();
		ThreadFactory threads = (runnable) -> {
			Thread thread = new Thread(runnable, "metrics-exporter-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		this.executor = Executors.newFixedThreadPool(THREADS, threads);
		created.setExecutor(this.executor);
		created.createContext("/", this::handle);
		created.start();
		this.server = created;
		this.running = true;
		log.info("Prometheus exporter listening on [{}]:{} (GET /metrics)", bare, port());
	}

	@Override
	public void stop() {
		HttpServer current = this.server;
		this.server = null;
		if (current != null) {
			current.stop(0);
		}
		ExecutorService pool = this.executor;
		this.executor = null;
		if (pool != null) {
			pool.shutdownNow();
			try {
				pool.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * The port the exporter listens on.
	 * @return the bound port, or -1 when the exporter is not listening
	 */
	public int port() {
		HttpServer current = this.server;
		return (current != null) ? current.getAddress().getPort() : -1;
	}

	/**
	 * Whether the exporter is listening.
	 * @return true when a socket is bound
	 */
	public boolean listening() {
		return this.server != null;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try {
			String path = exchange.getRequestURI().getPath();
			String method = exchange.getRequestMethod();
			if (!path.equals("/") && !path.equals("/metrics")) {
				send(exchange, 404, "text/plain; charset=utf-8", "Not Found");
				return;
			}
			if (!method.equals("GET") && !method.equals("HEAD")) {
				exchange.getResponseHeaders().set("Allow", "GET, HEAD");
				send(exchange, 405, "text/plain; charset=utf-8", "Method Not Allowed");
				return;
			}
			if (path.equals("/")) {
				send(exchange, 200, "text/html; charset=utf-8", INDEX);
				return;
			}
			LioMetrics.Scrape scrape;
			try {
				scrape = scrape();
			}
			catch (RuntimeException ex) {
				log.error("metrics scrape failed", ex);
				send(exchange, 500, "application/json", json("Could not get metrics: " + ex));
				return;
			}
			if (scrape.notFound() != null) {
				send(exchange, 404, "application/json", json(scrape.notFound()));
			}
			else {
				send(exchange, 200, TEXT_FORMAT, scrape.text());
			}
		}
		finally {
			exchange.close();
		}
	}

	LioMetrics.Scrape scrape() {
		// one scrape at a time: the simulator's reader keeps unsynchronised caches, and
		// LIO
		// is cheaper read once than by concurrent scrapers
		this.scrapeLock.lock();
		try {
			return new LioMetrics(configfs(), this.gatewayName).collect();
		}
		finally {
			this.scrapeLock.unlock();
		}
	}

	private Configfs configfs() {
		Configfs current = this.configfs;
		if (current == null) {
			// the simulator with statistics, so mapped LUNs show the kernel's initial
			// counters
			current = this.modes.configfsSimulated() ? SimulatedConfigfs.open(this.modes.configfsRoot(), true)
					: Configfs.at(this.modes.configfsRoot());
			this.configfs = current;
		}
		return current;
	}

	private static String json(String message) {
		return JSON.writeValueAsString(Map.of("message", message));
	}

	private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		boolean head = exchange.getRequestMethod().equals("HEAD");
		exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
		if (!head) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

}
