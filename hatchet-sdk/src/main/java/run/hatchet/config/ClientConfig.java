package run.hatchet.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import run.hatchet.HatchetConfigException;

/**
 * Immutable client configuration. Built from explicit builder settings, then {@code HATCHET_CLIENT_*}
 * environment variables, then the API token's claims, then defaults — in that order of precedence.
 */
public final class ClientConfig {
  public static final String ENV_TOKEN = "HATCHET_CLIENT_TOKEN";
  public static final String ENV_TENANT_ID = "HATCHET_CLIENT_TENANT_ID";
  public static final String ENV_HOST_PORT = "HATCHET_CLIENT_HOST_PORT";
  public static final String ENV_SERVER_URL = "HATCHET_CLIENT_SERVER_URL";
  public static final String ENV_NAMESPACE = "HATCHET_CLIENT_NAMESPACE";
  public static final String ENV_TLS_STRATEGY = "HATCHET_CLIENT_TLS_STRATEGY";
  public static final String ENV_TLS_CERT_FILE = "HATCHET_CLIENT_TLS_CERT_FILE";
  public static final String ENV_TLS_KEY_FILE = "HATCHET_CLIENT_TLS_KEY_FILE";
  public static final String ENV_TLS_ROOT_CA_FILE = "HATCHET_CLIENT_TLS_ROOT_CA_FILE";
  public static final String ENV_TLS_CERT = "HATCHET_CLIENT_TLS_CERT";
  public static final String ENV_TLS_KEY = "HATCHET_CLIENT_TLS_KEY";
  public static final String ENV_TLS_ROOT_CA = "HATCHET_CLIENT_TLS_ROOT_CA";
  public static final String ENV_TLS_SERVER_NAME = "HATCHET_CLIENT_TLS_SERVER_NAME";
  public static final String ENV_LOG_LEVEL = "HATCHET_CLIENT_LOG_LEVEL";
  public static final String ENV_DEBUG = "HATCHET_CLIENT_DEBUG";
  public static final String ENV_HEALTHCHECK_ENABLED = "HATCHET_CLIENT_WORKER_HEALTHCHECK_ENABLED";
  public static final String ENV_HEALTHCHECK_PORT = "HATCHET_CLIENT_WORKER_HEALTHCHECK_PORT";
  public static final String ENV_HEALTHCHECK_BIND_ADDRESS = "HATCHET_CLIENT_WORKER_HEALTHCHECK_BIND_ADDRESS";
  public static final String ENV_MAX_RECV = "HATCHET_CLIENT_GRPC_MAX_RECV_MESSAGE_LENGTH";
  public static final String ENV_MAX_SEND = "HATCHET_CLIENT_GRPC_MAX_SEND_MESSAGE_LENGTH";
  public static final String ENV_DISABLE_GZIP = "HATCHET_CLIENT_DISABLE_GZIP_COMPRESSION";
  public static final String ENV_NO_GRPC_RETRY = "HATCHET_CLIENT_NO_GRPC_RETRY";
  public static final String ENV_PRESET_LABELS = "HATCHET_CLIENT_WORKER_PRESET_LABELS";
  public static final String ENV_LISTENER_V2_TIMEOUT = "HATCHET_CLIENT_LISTENER_V2_TIMEOUT";
  public static final String ENV_TERMINATE_AFTER = "HATCHET_CLIENT_TERMINATE_WORKER_AFTER_NUM_TASKS";

  public static final int DEFAULT_MAX_MESSAGE_SIZE = 4 * 1024 * 1024;
  public static final int DEFAULT_HEALTHCHECK_PORT = 8001;

  private final String token;
  private final String tenantId;
  private final String hostPort;
  private final String serverUrl;
  private final String namespace;
  private final TlsStrategy tlsStrategy;
  private final String tlsCertFile;
  private final String tlsKeyFile;
  private final String tlsRootCaFile;
  private final String tlsCert;
  private final String tlsKey;
  private final String tlsRootCa;
  private final String tlsServerName;
  private final String logLevel;
  private final boolean healthcheckEnabled;
  private final int healthcheckPort;
  private final String healthcheckBindAddress;
  private final int maxRecvMessageSize;
  private final int maxSendMessageSize;
  private final boolean gzip;
  private final boolean grpcRetry;
  private final Map<String, String> presetLabels;
  private final Duration listenerTimeout;
  private final int terminateWorkerAfterTasks;

  private ClientConfig(Builder b, Map<String, String> env) {
    Function<String, String> e = k -> blankToNull(env.get(k));
    String tokenSource = b.token != null ? "the configured token" : ENV_TOKEN;
    this.token = first(b.token, e.apply(ENV_TOKEN));
    TokenClaims claims = TokenClaims.parse(token, tokenSource);

    this.tenantId = first(b.tenantId, e.apply(ENV_TENANT_ID), claims.tenantId());
    if (tenantId == null) {
      throw new HatchetConfigException(tokenSource + " has no 'sub' (tenant id) claim and " + ENV_TENANT_ID + " is not set");
    }
    String hp = first(b.hostPort, e.apply(ENV_HOST_PORT), claims.grpcBroadcastAddress());
    if (hp == null) {
      throw new HatchetConfigException(
          "no gRPC address: set " + ENV_HOST_PORT + " (the token has no grpc_broadcast_address claim)");
    }
    this.hostPort = normalizeHostPort(hp);
    String url = first(b.serverUrl, e.apply(ENV_SERVER_URL), claims.serverUrl());
    if (url == null) {
      throw new HatchetConfigException(
          "no REST address: set " + ENV_SERVER_URL + " (the token has no server_url claim)");
    }
    this.serverUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.namespace = normalizeNamespace(first(b.namespace, e.apply(ENV_NAMESPACE)));

    String strategy = e.apply(ENV_TLS_STRATEGY);
    this.tlsStrategy =
        b.tlsStrategy != null ? b.tlsStrategy : strategy != null ? TlsStrategy.parse(strategy, ENV_TLS_STRATEGY) : TlsStrategy.TLS;
    this.tlsCertFile = first(b.tlsCertFile, e.apply(ENV_TLS_CERT_FILE));
    this.tlsKeyFile = first(b.tlsKeyFile, e.apply(ENV_TLS_KEY_FILE));
    this.tlsRootCaFile = first(b.tlsRootCaFile, e.apply(ENV_TLS_ROOT_CA_FILE));
    this.tlsCert = first(b.tlsCert, e.apply(ENV_TLS_CERT));
    this.tlsKey = first(b.tlsKey, e.apply(ENV_TLS_KEY));
    this.tlsRootCa = first(b.tlsRootCa, e.apply(ENV_TLS_ROOT_CA));
    this.tlsServerName = first(b.tlsServerName, e.apply(ENV_TLS_SERVER_NAME));
    if (tlsStrategy == TlsStrategy.MTLS) {
      if (tlsCertFile == null && tlsCert == null) {
        throw new HatchetConfigException("TLS strategy mtls needs a client certificate: set " + ENV_TLS_CERT_FILE);
      }
      if (tlsKeyFile == null && tlsKey == null) {
        throw new HatchetConfigException("TLS strategy mtls needs a client key: set " + ENV_TLS_KEY_FILE);
      }
    }

    boolean debug = parseBool(e.apply(ENV_DEBUG), ENV_DEBUG, false);
    this.logLevel = first(b.logLevel, e.apply(ENV_LOG_LEVEL), debug ? "DEBUG" : "INFO");
    this.healthcheckEnabled =
        b.healthcheckEnabled != null
            ? b.healthcheckEnabled
            : parseBool(e.apply(ENV_HEALTHCHECK_ENABLED), ENV_HEALTHCHECK_ENABLED, false);
    this.healthcheckPort =
        b.healthcheckPort != null
            ? b.healthcheckPort
            : parseInt(e.apply(ENV_HEALTHCHECK_PORT), ENV_HEALTHCHECK_PORT, DEFAULT_HEALTHCHECK_PORT, 0, 65535);
    String bind = first(b.healthcheckBindAddress, e.apply(ENV_HEALTHCHECK_BIND_ADDRESS), "0.0.0.0");
    this.healthcheckBindAddress = "none".equalsIgnoreCase(bind) ? "0.0.0.0" : bind;
    this.maxRecvMessageSize =
        b.maxRecvMessageSize != null
            ? b.maxRecvMessageSize
            : parseInt(e.apply(ENV_MAX_RECV), ENV_MAX_RECV, DEFAULT_MAX_MESSAGE_SIZE, 1, Integer.MAX_VALUE);
    this.maxSendMessageSize =
        b.maxSendMessageSize != null
            ? b.maxSendMessageSize
            : parseInt(e.apply(ENV_MAX_SEND), ENV_MAX_SEND, DEFAULT_MAX_MESSAGE_SIZE, 1, Integer.MAX_VALUE);
    this.gzip = b.gzip != null ? b.gzip : !parseBool(e.apply(ENV_DISABLE_GZIP), ENV_DISABLE_GZIP, false);
    this.grpcRetry = b.grpcRetry != null ? b.grpcRetry : !parseBool(e.apply(ENV_NO_GRPC_RETRY), ENV_NO_GRPC_RETRY, false);
    Map<String, String> labels = new LinkedHashMap<>(parseLabels(e.apply(ENV_PRESET_LABELS)));
    labels.putAll(b.presetLabels);
    this.presetLabels = Collections.unmodifiableMap(labels);
    int listenSeconds = parseInt(e.apply(ENV_LISTENER_V2_TIMEOUT), ENV_LISTENER_V2_TIMEOUT, 0, 0, Integer.MAX_VALUE);
    this.listenerTimeout = listenSeconds > 0 ? Duration.ofSeconds(listenSeconds) : null;
    this.terminateWorkerAfterTasks =
        parseInt(e.apply(ENV_TERMINATE_AFTER), ENV_TERMINATE_AFTER, 0, 0, Integer.MAX_VALUE);
  }

  /** Configuration from the process environment only. */
  public static ClientConfig fromEnv() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  // ------------------------------------------------------------------------------------------------
  // parsing helpers

  @SafeVarargs
  private static <T> T first(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /** Strips a URL scheme and trailing slash that users sometimes paste into the gRPC address. */
  static String normalizeHostPort(String raw) {
    String s = raw.trim();
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      s = s.substring(scheme + 3);
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.isEmpty()) {
      throw new HatchetConfigException(ENV_HOST_PORT + " is empty after removing the scheme");
    }
    return s;
  }

  /** Lower-cases the namespace and makes it end with one underscore, as the official SDKs do. */
  static String normalizeNamespace(String raw) {
    if (raw == null || raw.isBlank()) {
      return "";
    }
    String ns = raw.trim().toLowerCase(Locale.ROOT);
    return ns.endsWith("_") ? ns : ns + "_";
  }

  private static boolean parseBool(String v, String name, boolean dflt) {
    if (v == null) {
      return dflt;
    }
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true":
      case "1":
      case "yes":
      case "t":
        return true;
      case "false":
      case "0":
      case "no":
      case "f":
        return false;
      default:
        throw new HatchetConfigException(name + " must be true or false (was '" + v + "')");
    }
  }

  private static int parseInt(String v, String name, int dflt, int min, int max) {
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw new HatchetConfigException(name + " must be between " + min + " and " + max + " (was " + n + ")");
      }
      return n;
    } catch (NumberFormatException ex) {
      throw new HatchetConfigException(name + " must be a whole number (was '" + v + "')");
    }
  }

  private static Map<String, String> parseLabels(String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      Map<String, Object> m = new ObjectMapper().readValue(json, new TypeReference<Map<String, Object>>() {});
      Map<String, String> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(k, String.valueOf(v)));
      return out;
    } catch (java.io.IOException ex) {
      throw new HatchetConfigException(ENV_PRESET_LABELS + " must be a JSON object of label names to values");
    }
  }

  // ------------------------------------------------------------------------------------------------
  // accessors

  public String token() {
    return token;
  }

  public String tenantId() {
    return tenantId;
  }

  /** gRPC {@code host:port}. */
  public String hostPort() {
    return hostPort;
  }

  /** REST base URL without a trailing slash. */
  public String serverUrl() {
    return serverUrl;
  }

  /** Normalised namespace ({@code "staging_"}) or the empty string. */
  public String namespace() {
    return namespace;
  }

  /** Prefixes {@code name} with the namespace unless it already carries it. */
  public String applyNamespace(String name) {
    if (namespace.isEmpty() || name.startsWith(namespace)) {
      return name;
    }
    return namespace + name;
  }

  public TlsStrategy tlsStrategy() {
    return tlsStrategy;
  }

  public String tlsCertFile() {
    return tlsCertFile;
  }

  public String tlsKeyFile() {
    return tlsKeyFile;
  }

  public String tlsRootCaFile() {
    return tlsRootCaFile;
  }

  public String tlsCert() {
    return tlsCert;
  }

  public String tlsKey() {
    return tlsKey;
  }

  public String tlsRootCa() {
    return tlsRootCa;
  }

  /** TLS server name for verification; defaults to the host part of {@link #hostPort()}. */
  public String tlsServerName() {
    if (tlsServerName != null) {
      return tlsServerName;
    }
    int colon = hostPort.lastIndexOf(':');
    String host = colon > 0 ? hostPort.substring(0, colon) : hostPort;
    return host.isEmpty() ? "localhost" : host;
  }

  public String logLevel() {
    return logLevel;
  }

  public boolean healthcheckEnabled() {
    return healthcheckEnabled;
  }

  public int healthcheckPort() {
    return healthcheckPort;
  }

  public String healthcheckBindAddress() {
    return healthcheckBindAddress;
  }

  public int maxRecvMessageSize() {
    return maxRecvMessageSize;
  }

  public int maxSendMessageSize() {
    return maxSendMessageSize;
  }

  public boolean gzip() {
    return gzip;
  }

  public boolean grpcRetry() {
    return grpcRetry;
  }

  /** Labels added to every worker this client registers. */
  public Map<String, String> presetLabels() {
    return presetLabels;
  }

  /** Optional deadline for each action-stream call; null means none. */
  public Duration listenerTimeout() {
    return listenerTimeout;
  }

  /** When positive, a worker drains and stops after this many tasks. */
  public int terminateWorkerAfterTasks() {
    return terminateWorkerAfterTasks;
  }

  @Override
  public String toString() {
    return "ClientConfig{tenantId=" + tenantId + ", hostPort=" + hostPort + ", serverUrl=" + serverUrl
        + ", namespace='" + namespace + "', tls=" + tlsStrategy + ", token=<redacted>}";
  }

  /** Builder; every setting left unset falls back to the environment, the token and the defaults. */
  public static final class Builder {
    private String token;
    private String tenantId;
    private String hostPort;
    private String serverUrl;
    private String namespace;
    private TlsStrategy tlsStrategy;
    private String tlsCertFile;
    private String tlsKeyFile;
    private String tlsRootCaFile;
    private String tlsCert;
    private String tlsKey;
    private String tlsRootCa;
    private String tlsServerName;
    private String logLevel;
    private Boolean healthcheckEnabled;
    private Integer healthcheckPort;
    private String healthcheckBindAddress;
    private Integer maxRecvMessageSize;
    private Integer maxSendMessageSize;
    private Boolean gzip;
    private Boolean grpcRetry;
    private final Map<String, String> presetLabels = new LinkedHashMap<>();
    private Map<String, String> environment = System.getenv();

    private Builder() {}

    public Builder token(String token) {
      this.token = token;
      return this;
    }

    public Builder tenantId(String tenantId) {
      this.tenantId = tenantId;
      return this;
    }

    public Builder hostPort(String hostPort) {
      this.hostPort = hostPort;
      return this;
    }

    public Builder serverUrl(String serverUrl) {
      this.serverUrl = serverUrl;
      return this;
    }

    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    public Builder tlsStrategy(TlsStrategy tlsStrategy) {
      this.tlsStrategy = tlsStrategy;
      return this;
    }

    public Builder tlsCertFile(String path) {
      this.tlsCertFile = path;
      return this;
    }

    public Builder tlsKeyFile(String path) {
      this.tlsKeyFile = path;
      return this;
    }

    public Builder tlsRootCaFile(String path) {
      this.tlsRootCaFile = path;
      return this;
    }

    public Builder tlsCert(String pem) {
      this.tlsCert = pem;
      return this;
    }

    public Builder tlsKey(String pem) {
      this.tlsKey = pem;
      return this;
    }

    public Builder tlsRootCa(String pem) {
      this.tlsRootCa = pem;
      return this;
    }

    public Builder tlsServerName(String serverName) {
      this.tlsServerName = serverName;
      return this;
    }

    public Builder logLevel(String logLevel) {
      this.logLevel = logLevel;
      return this;
    }

    public Builder healthcheck(boolean enabled) {
      this.healthcheckEnabled = enabled;
      return this;
    }

    public Builder healthcheckPort(int port) {
      this.healthcheckPort = port;
      return this;
    }

    public Builder healthcheckBindAddress(String address) {
      this.healthcheckBindAddress = address;
      return this;
    }

    public Builder maxRecvMessageSize(int bytes) {
      this.maxRecvMessageSize = bytes;
      return this;
    }

    public Builder maxSendMessageSize(int bytes) {
      this.maxSendMessageSize = bytes;
      return this;
    }

    public Builder gzip(boolean enabled) {
      this.gzip = enabled;
      return this;
    }

    public Builder grpcRetry(boolean enabled) {
      this.grpcRetry = enabled;
      return this;
    }

    public Builder presetLabel(String key, String value) {
      this.presetLabels.put(key, value);
      return this;
    }

    /** Replaces the environment read for unset settings (default: {@link System#getenv()}). */
    public Builder environment(Map<String, String> environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    public ClientConfig build() {
      return new ClientConfig(this, environment);
    }
  }
}
