package io.finflow.kafka.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Serves a registry in Prometheus' text format on {@code http://HOST:PORT/metrics}, with the JDK's own
 * HTTP server: what a service needs so that Prometheus can scrape it.
 *
 * <pre>{@code
 * PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
 * try (PrometheusEndpoint endpoint = PrometheusEndpoint.start(registry, new InetSocketAddress(9405));
 *      EventConsumer consumer = EventConsumer.create(options.withMeterRegistry(registry))) {
 *     ...   // scrape http://host:9405/metrics
 * }
 * }</pre>
 *
 * <p>Needs {@code io.micrometer:micrometer-registry-prometheus} on the class path (an optional dependency of
 * the library). Collectors registered directly on the registry's {@code PrometheusRegistry} (the broker's
 * JMX collector, the lag exporter) are served too. Requests are answered one at a time on one daemon thread;
 * a scrape renders the registry at that moment. {@link #close()} stops the server and its thread; the
 * registry stays open, it belongs to the caller.
 */
public final class PrometheusEndpoint implements AutoCloseable {

    /** The path Prometheus scrapes. */
    public static final String PATH = "/metrics";
    /** Prometheus text exposition format 0.0.4, which every Prometheus version reads. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final String host;

    private PrometheusEndpoint(HttpServer server, ExecutorService executor, String host) {
        this.server = server;
        this.executor = executor;
        this.host = host;
    }

    /**
     * Starts serving {@code registry} at {@code address} (port 0 picks a free port, see {@link #port()}).
     *
     * @throws UncheckedIOException when the address cannot be bound, e.g. the port is in use; the message
     *                              names the address
     */
    public static PrometheusEndpoint start(PrometheusMeterRegistry registry, InetSocketAddress address) {
        return start(registry::scrape, address);
    }

    /** Serves whatever {@code scrape} renders (Prometheus text format) on each request. */
    public static PrometheusEndpoint start(Supplier<String> scrape, InetSocketAddress address) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on " + address.getHostString() + ":"
                    + address.getPort() + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "finflow-metrics-http-" + server.getAddress().getPort());
            t.setDaemon(true);
            return t;
        });
        server.createContext(PATH, exchange -> respond(exchange, scrape));
        server.setExecutor(executor);
        server.start();
        String host = address.getAddress() == null || address.getAddress().isAnyLocalAddress()
                ? "127.0.0.1" : address.getAddress().getHostAddress();
        return new PrometheusEndpoint(server, executor, host);
    }

    private static void respond(HttpExchange exchange, Supplier<String> scrape) throws IOException {
        try (exchange) {
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try {
                body = scrape.get().getBytes(StandardCharsets.UTF_8);
            } catch (RuntimeException | LinkageError e) {
                byte[] error = ("scrape failed: " + e + "\n").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(500, error.length);
                exchange.getResponseBody().write(error);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    /** The port served, useful after binding port 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The URL to scrape, e.g. {@code http://127.0.0.1:9405/metrics} (127.0.0.1 when bound to every interface). */
    public URI url() {
        return URI.create("http://" + host + ":" + port() + PATH);
    }

    /** Stops serving and ends the server's thread. Idempotent. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
