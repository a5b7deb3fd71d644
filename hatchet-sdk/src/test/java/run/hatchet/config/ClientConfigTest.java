package run.hatchet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import run.hatchet.HatchetConfigException;

public class ClientConfigTest {
  public static String token(String claimsJson) {
    Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
    return e.encodeToString("{\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + e.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
  }

  public static final String TOKEN = token(
      "{\"sub\":\"tenant-1\",\"grpc_broadcast_address\":\"engine:7070\",\"server_url\":\"http://engine:8080\",\"exp\":4102444800}");

  static ClientConfig build(Map<String, String> env) {
    return ClientConfig.builder().environment(env).build();
  }

  @Test
  void defaultsComeFromTheTokenClaims() {
    ClientConfig c = build(Map.of("HATCHET_CLIENT_TOKEN", TOKEN));
    assertThat(c.tenantId()).isEqualTo("tenant-1");
    assertThat(c.hostPort()).isEqualTo("engine:7070");
    assertThat(c.serverUrl()).isEqualTo("http://engine:8080");
    assertThat(c.tlsStrategy()).isEqualTo(TlsStrategy.TLS);
    assertThat(c.namespace()).isEmpty();
    assertThat(c.maxRecvMessageSize()).isEqualTo(4 * 1024 * 1024);
    assertThat(c.healthcheckPort()).isEqualTo(8001);
    assertThat(c.tlsServerName()).isEqualTo("engine");
  }

  @Test
  void environmentOverridesClaimsAndBuilderOverridesEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("HATCHET_CLIENT_TOKEN", TOKEN);
    env.put("HATCHET_CLIENT_HOST_PORT", "https://grpc.example:443/");
    env.put("HATCHET_CLIENT_SERVER_URL", "http://api.example/");
    env.put("HATCHET_CLIENT_TLS_STRATEGY", "none");
    env.put("HATCHET_CLIENT_NAMESPACE", "Staging");
    assertThat(build(env).hostPort()).isEqualTo("grpc.example:443");
    assertThat(build(env).serverUrl()).isEqualTo("http://api.example");
    assertThat(build(env).tlsStrategy()).isEqualTo(TlsStrategy.NONE);
    assertThat(build(env).namespace()).isEqualTo("staging_");
    ClientConfig explicit = ClientConfig.builder().environment(env).hostPort("other:1").namespace("prod_").build();
    assertThat(explicit.hostPort()).isEqualTo("other:1");
    assertThat(explicit.namespace()).isEqualTo("prod_");
    assertThat(explicit.applyNamespace("wf")).isEqualTo("prod_wf");
    assertThat(explicit.applyNamespace("prod_wf")).isEqualTo("prod_wf");
  }

  @Test
  void missingTokenNamesTheVariable() {
    assertThatThrownBy(() -> build(Map.of())).isInstanceOf(HatchetConfigException.class)
        .hasMessageContaining("HATCHET_CLIENT_TOKEN is not set");
  }

  @Test
  void malformedTokenIsRejectedWithoutEchoingIt() {
    String secret = "not-a-jwt-secret-value";
    assertThatThrownBy(() -> build(Map.of("HATCHET_CLIENT_TOKEN", secret)))
        .isInstanceOf(HatchetConfigException.class)
        .hasMessageContaining("HATCHET_CLIENT_TOKEN is not a valid Hatchet API token")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
    assertThatThrownBy(() -> build(Map.of("HATCHET_CLIENT_TOKEN", "a.%%%.c")))
        .isInstanceOf(HatchetConfigException.class).hasMessageContaining("base64url");
  }

  @Test
  void tokenWithoutAddressesNeedsTheVariables() {
    String bare = token("{\"sub\":\"t\"}");
    assertThatThrownBy(() -> build(Map.of("HATCHET_CLIENT_TOKEN", bare)))
        .hasMessageContaining("HATCHET_CLIENT_HOST_PORT");
    ClientConfig c = build(Map.of("HATCHET_CLIENT_TOKEN", bare, "HATCHET_CLIENT_HOST_PORT", "h:1",
        "HATCHET_CLIENT_SERVER_URL", "http://h"));
    assertThat(c.hostPort()).isEqualTo("h:1");
  }

  @Test
  void badValuesNameTheirVariable() {
    assertThatThrownBy(() -> build(Map.of("HATCHET_CLIENT_TOKEN", TOKEN, "HATCHET_CLIENT_TLS_STRATEGY", "ssl")))
        .hasMessageContaining("HATCHET_CLIENT_TLS_STRATEGY");
    assertThatThrownBy(() -> build(Map.of("HATCHET_CLIENT_TOKEN", TOKEN, "HATCHET_CLIENT_WORKER_HEALTHCHECK_PORT", "x")))
        .hasMessageContaining("HATCHET_CLIENT_WORKER_HEALTHCHECK_PORT");
    assertThatThrownBy(() -> build(Map.of("HATCHET_CLIENT_TOKEN", TOKEN, "HATCHET_CLIENT_TLS_STRATEGY", "mtls")))
        .hasMessageContaining("HATCHET_CLIENT_TLS_CERT_FILE");
  }

  @Test
  void presetLabelsAreReadFromJson() {
    ClientConfig c = build(Map.of("HATCHET_CLIENT_TOKEN", TOKEN, "HATCHET_CLIENT_WORKER_PRESET_LABELS", "{\"region\":\"eu\",\"gpu\":1}"));
    assertThat(c.presetLabels()).containsEntry("region", "eu").containsEntry("gpu", "1");
  }

  @Test
  void toStringNeverShowsTheToken() {
    assertThat(build(Map.of("HATCHET_CLIENT_TOKEN", TOKEN)).toString()).doesNotContain(TOKEN).contains("<redacted>");
  }
}
