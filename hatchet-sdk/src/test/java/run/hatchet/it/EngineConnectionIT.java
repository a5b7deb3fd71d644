package run.hatchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.HatchetRpcException;
import run.hatchet.config.ClientConfig;

class EngineConnectionIT {
  static Hatchet hatchet;

  @BeforeAll
  static void connect() {
    hatchet = Engine.client(EngineConnectionIT.class);
  }

  @AfterAll
  static void close() {
    if (hatchet != null) {
      hatchet.close();
    }
  }

  @Test
  void getVersionReportsThePinnedEngineTag() {
    String expected = System.getenv().getOrDefault("HATCHET_EXPECTED_ENGINE_VERSION", "v0.104.7");
    assertThat(hatchet.engineVersion()).isEqualTo(expected);
  }

  @Test
  void restReadinessAnswers() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(hatchet.config().serverUrl() + "/api/ready")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void tenantFromTheTokenIsReadableOverRest() {
    assertThat(hatchet.core().rest().get("/api/v1/tenants/" + hatchet.config().tenantId()).path("metadata").path("id").asText())
        .isEqualTo(hatchet.config().tenantId());
  }

  @Test
  void aTokenTheEngineDidNotIssueIsRejectedClearly() {
    // same claims (so same addresses), but a signature the engine never made
    String real = hatchet.config().token();
    String forged = real.substring(0, real.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
    try (Hatchet bad = Hatchet.builder().config(ClientConfig.builder().token(forged).build()).build()) {
      assertThatThrownBy(bad::engineVersion)
          .isInstanceOf(HatchetRpcException.class)
          .hasMessageContaining("UNAUTHENTICATED")
          .hasMessageContaining("HATCHET_CLIENT_TOKEN")
          .satisfies(e -> assertThat(((HatchetRpcException) e).code()).isEqualTo("UNAUTHENTICATED"))
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(forged));
    }
  }
}
