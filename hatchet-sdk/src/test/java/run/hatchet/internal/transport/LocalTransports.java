package run.hatchet.internal.transport;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import run.hatchet.config.ClientConfig;
import run.hatchet.config.TlsStrategy;

/** Client settings for a stand-in gRPC service on 127.0.0.1, for tests without an engine. */
public final class LocalTransports {
  private LocalTransports() {}

  /** Plain-text settings for a service on {@code port}, with a token whose claims point there. */
  public static ClientConfig.Builder config(int port) {
    String claims = "{\"sub\":\"t\",\"grpc_broadcast_address\":\"127.0.0.1:" + port + "\",\"server_url\":\"http://127.0.0.1:1\"}";
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String token = b64.encodeToString("{}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".x";
    return ClientConfig.builder().environment(Map.of()).token(token).hostPort("127.0.0.1:" + port).tlsStrategy(TlsStrategy.NONE);
  }
}
