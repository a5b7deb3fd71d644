package run.hatchet.internal.transport;

/** Version of this SDK, read from the jar manifest when packaged. */
public final class SdkInfo {
  private SdkInfo() {}

  public static String version() {
    String v = SdkInfo.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
