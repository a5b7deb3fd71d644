package run.hatchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.HatchetRpcException;
import run.hatchet.config.ClientConfig;
import run.hatchet.config.TlsStrategy;
import run.hatchet.definition.Task;
import run.hatchet.worker.Worker;

/**
 * TLS and mutual TLS against an engine started with {@code scripts/engine up --tls} or {@code --mtls}
 * (CI runs both). With HATCHET_REQUIRE_TLS=1 a plaintext engine fails the test instead of skipping it.
 */
class TlsIT {
  record Num(int n) {}

  static TlsStrategy strategy;
  static Path certs;

  @BeforeAll
  static void check() {
    Engine.require();
    String s = System.getenv().getOrDefault(ClientConfig.ENV_TLS_STRATEGY, "tls");
    boolean tls = s.equalsIgnoreCase("tls") || s.equalsIgnoreCase("mtls");
    String ca = System.getenv(ClientConfig.ENV_TLS_ROOT_CA_FILE);
    if (!tls || ca == null) {
      if ("1".equals(System.getenv("HATCHET_REQUIRE_TLS"))) {
        throw new AssertionError("HATCHET_REQUIRE_TLS=1 but the engine is not configured for TLS (" + s + ")");
      }
      Assumptions.abort("engine runs without TLS; start it with scripts/engine up --tls or --mtls");
    }
    strategy = ClientConfig.fromEnv().tlsStrategy();
    certs = Path.of(ca).getParent();
  }

  @Test
  void aTaskRunsEndToEndOverTheSecuredConnection() {
    try (Hatchet h = Engine.client(TlsIT.class)) {
      assertThat(h.config().tlsStrategy()).isEqualTo(strategy);
      Task<Num, Num> twice = h.task("tls-twice", Num.class, Num.class, (in, ctx) -> new Num(in.n() * 2));
      Worker w = h.worker("tls").slots(2).register(twice).start();
      try {
        assertThat(twice.run(new Num(21)).n()).isEqualTo(42);
      } finally {
        w.shutdown(Duration.ofSeconds(5));
      }
    }
  }

  @Test
  void anUnrelatedRootCaIsRefusedWithAClearError() {
    ClientConfig.Builder b = ClientConfig.builder().tlsRootCaFile(certs.resolve("other-ca.cert").toString());
    try (Hatchet h = Hatchet.builder().config(b.build()).build()) {
      assertThatThrownBy(h::engineVersion).isInstanceOf(HatchetRpcException.class)
          .hasMessageContaining("UNAVAILABLE").hasMessageContaining("TLS handshake failed")
          .hasMessageContaining("HATCHET_CLIENT_TLS_ROOT_CA_FILE");
    }
  }

  @Test
  void mutualTlsWithoutAClientCertificateIsRefused() {
    Assumptions.assumeTrue(strategy == TlsStrategy.MTLS, "the engine does not require client certificates");
    try (Hatchet h = Hatchet.builder().config(ClientConfig.builder().tlsStrategy(TlsStrategy.TLS).build()).build()) {
      assertThatThrownBy(h::engineVersion).isInstanceOf(HatchetRpcException.class)
          .hasMessageContaining("UNAVAILABLE");
    }
  }

  @Test
  void missingCertificateFileIsAConfigurationError() {
    assertThatThrownBy(() -> Hatchet.builder().config(ClientConfig.builder().tlsStrategy(TlsStrategy.MTLS)
        .tlsCertFile("/nonexistent/client.pem").tlsKeyFile("/nonexistent/client.key").build()).build())
        .hasMessageContaining("HATCHET_CLIENT_TLS_CERT_FILE").hasMessageContaining("/nonexistent/client.pem");
  }
}
