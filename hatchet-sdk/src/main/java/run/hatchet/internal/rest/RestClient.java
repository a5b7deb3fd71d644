package run.hatchet.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import run.hatchet.HatchetApiException;
import run.hatchet.HatchetException;
import run.hatchet.HatchetRpcException;
import run.hatchet.config.ClientConfig;
import run.hatchet.internal.transport.GrpcTransport;

/** Minimal JSON-over-HTTP client for the engine's REST API, with bearer auth and retries. */
public final class RestClient {
  private static final int MAX_ATTEMPTS = 4;

  private final ClientConfig config;
  private final HttpClient http;
  private final ObjectMapper mapper = new ObjectMapper();

  public RestClient(ClientConfig config) {
    this.config = config;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public JsonNode get(String path) {
    return send("GET", path, null);
  }

  public JsonNode post(String path, Object body) {
    return send("POST", path, body);
  }

  public JsonNode patch(String path, Object body) {
    return send("PATCH", path, body);
  }

  public JsonNode delete(String path) {
    return send("DELETE", path, null);
  }

  /** GET of a plain-text resource (e.g. Prometheus metrics); same auth, retries and errors. */
  public String getText(String path) {
    return exchange("GET", path, null, "text/plain, application/json").body();
  }

  /** {@code ?k=v&k=v2} with repeated keys for lists; null values are left out. */
  public static String query(Map<String, ?> params) {
    StringJoiner j = new StringJoiner("&", "?", "");
    j.setEmptyValue("");
    params.forEach((k, v) -> {
      if (v instanceof List) {
        for (Object item : (List<?>) v) {
          j.add(enc(k) + "=" + enc(String.valueOf(item)));
        }
      } else if (v != null) {
        j.add(enc(k) + "=" + enc(String.valueOf(v)));
      }
    });
    return j.toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private JsonNode send(String method, String path, Object body) {
    HttpResponse<String> resp = exchange(method, path, body, "application/json");
    try {
      return resp.body() == null || resp.body().isBlank() ? mapper.nullNode() : mapper.readTree(resp.body());
    } catch (IOException e) {
      throw new HatchetException(method + " " + path + " returned invalid JSON", e);
    }
  }

  private HttpResponse<String> exchange(String method, String path, Object body, String accept) {
    boolean idempotent = !method.equals("POST");
    HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(config.serverUrl() + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + config.token())
        .header("Accept", accept);
    try {
      if (body != null) {
        rb.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)));
      } else {
        rb.method(method, HttpRequest.BodyPublishers.noBody());
      }
    } catch (IOException e) {
      throw new HatchetException("cannot encode the request body for " + method + " " + path, e);
    }
    HttpRequest request = rb.build();
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> resp;
      try {
        resp = http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (idempotent && attempt < MAX_ATTEMPTS) {
          GrpcTransport.sleepQuietly(GrpcTransport.backoffMillis(attempt, 250, 2_000));
          continue;
        }
        throw new HatchetRpcException("IO", method + " " + path + " failed: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HatchetException("interrupted during " + method + " " + path, e);
      }
      int code = resp.statusCode();
      if ((code == 429 || code >= 500) && idempotent && attempt < MAX_ATTEMPTS) {
        GrpcTransport.sleepQuietly(retryAfterMillis(resp, GrpcTransport.backoffMillis(attempt, 250, 2_000)));
        continue;
      }
      if (code >= 400) {
        throw new HatchetApiException(code, method + " " + path, message(resp.body()));
      }
      return resp;
    }
  }

  /** Honours a {@code Retry-After} of up to 5 seconds (429/503), else the computed backoff. */
  private static long retryAfterMillis(HttpResponse<String> resp, long backoff) {
    String h = resp.headers().firstValue("Retry-After").orElse(null);
    if (h != null) {
      try {
        long s = Long.parseLong(h.trim());
        if (s >= 0 && s <= 5) {
          return Math.max(backoff, s * 1000);
        }
      } catch (NumberFormatException ignored) {
        // an HTTP date: use the backoff
      }
    }
    return backoff;
  }

  private String message(String body) {
    try {
      JsonNode n = mapper.readTree(body);
      if (n.has("errors") && n.get("errors").isArray() && n.get("errors").size() > 0) {
        JsonNode e = n.get("errors").get(0);
        return e.has("description") ? e.get("description").asText() : e.toString();
      }
      if (n.hasNonNull("message")) {
        return n.get("message").asText();
      }
    } catch (IOException | RuntimeException ignored) {
      // not JSON
    }
    return body == null ? "" : body.length() > 500 ? body.substring(0, 500) : body;
  }
}
