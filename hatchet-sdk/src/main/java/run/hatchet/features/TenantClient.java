package run.hatchet.features;

import run.hatchet.internal.client.ClientCore;

/** The client's tenant. Use {@code hatchet.tenant()}. */
public final class TenantClient extends FeatureClient {

  /** SDK-internal; use {@code hatchet.tenant()}. */
  public TenantClient(ClientCore core) {
    super(core);
  }

  /** The tenant of the configured token. */
  public TenantInfo get() {
    return TenantInfo.from(rest().get(tenantPath("")));
  }
}
