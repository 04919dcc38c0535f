package dev.openstack.snapshots.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.openstack.snapshots.simulator.errors.CinderFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK HTTP server, routing by path prefix to the API families. Every answer gets an
 * {@code X-Openstack-Request-Id}. A cached thread pool lets "hang" faults block without starving other calls.
 */
public final class HttpFrontend implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpFrontend.class);

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle plus the client's delayed
        // ACK stall every answer by ~40 ms. The property is read once, when the first server is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Handler> prefixes = new LinkedHashMap<>();

    public HttpFrontend(String host, int port) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(host, port), 256);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "cinder-simulator-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
    }

    /** Longest prefixes must be registered first. */
    public void route(String prefix, Handler handler) {
        prefixes.put(prefix, handler);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            SimResponse response;
            String requestId = "req-" + UUID.randomUUID();
            try {
                SimRequest request = toRequest(exchange);
                response = dispatch(request);
            } catch (CinderFault fault) {
                response = SimResponse.fault(fault);
            } catch (RuntimeException e) {
                LOG.error("simulator failure on {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
                response = SimResponse.fault(CinderFault.injected(500, null));
            }
            response.headers().putIfAbsent("X-Openstack-Request-Id", requestId);
            if (response.headers().containsKey("X-Compute-Request-Id")) {
                response.headers().put("X-Compute-Request-Id", response.headers().get("X-Openstack-Request-Id"));
            }
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] body = response.body();
            boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private SimResponse dispatch(SimRequest request) {
        for (Map.Entry<String, Handler> e : prefixes.entrySet()) {
            String prefix = e.getKey();
            if (request.path().equals(prefix) || request.path().startsWith(prefix + "/")) {
                return e.getValue().handle(request);
            }
        }
        return SimResponse.notFoundHtml();
    }

    private static SimRequest toRequest(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null) {
            InetSocketAddress local = exchange.getLocalAddress();
            host = local.getHostString() + ":" + local.getPort();
        }
        String path = exchange.getRequestURI().getPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new SimRequest(exchange.getRequestMethod(), path,
                SimRequest.parseQuery(exchange.getRequestURI().getRawQuery()),
                exchange.getRequestHeaders(), body, "http://" + host);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
