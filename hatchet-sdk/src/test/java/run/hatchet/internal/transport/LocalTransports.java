package run.hatchet.internal.transport;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.UnaryOperator;
import run.hatchet.config.ClientConfig;
import run.hatchet.config.TlsStrategy;

/** Stand-in gRPC services on 127.0.0.1 and client settings pointing at them, for tests without an engine. */
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

  /** A running stand-in service and a transport connected to it; closing stops both. */
  public record StandIn(Server server, GrpcTransport transport) implements AutoCloseable {
    @Override
    public void close() {
      transport.close();
      server.shutdownNow();
    }
  }

  /** Starts {@code service} on a free port of 127.0.0.1 and a transport with {@link #config} as changed by {@code settings}. */
  public static StandIn serve(BindableService service, UnaryOperator<ClientConfig.Builder> settings) {
    Server server;
    try {
      server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(service).build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new StandIn(server, new GrpcTransport(settings.apply(config(server.getPort())).build()));
  }
}
