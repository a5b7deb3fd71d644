package run.hatchet.internal.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import run.hatchet.HatchetException;
import run.hatchet.internal.client.Threads;

/** Opt-in HTTP endpoints: {@code /health} (200 connected, 503 not) and {@code /metrics} (Prometheus). */
final class HealthServer {
  private final HttpServer server;

  HealthServer(String bind, int port, BooleanSupplier healthy, Supplier<String> metrics) {
    try {
      server = HttpServer.create(new InetSocketAddress(bind, port), 16);
    } catch (IOException e) {
      throw new HatchetException("cannot start the worker health server on " + bind + ":" + port + ": " + e.getMessage(), e);
    }
    server.createContext("/health", ex -> {
      boolean ok = healthy.getAsBoolean();
      respond(ex, ok ? 200 : 503, "application/json",
          ok ? "{\"status\":\"HEALTHY\"}" : "{\"status\":\"UNHEALTHY\"}");
    });
    server.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4", metrics.get()));
    server.setExecutor(Executors.newSingleThreadExecutor(Threads.daemon("hatchet-health")));
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange ex, int code, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(code, bytes.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(bytes);
    }
  }

  void stop() {
    server.stop(0);
  }
}
