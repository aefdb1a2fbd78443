package dev.obskit.examples;

/** The (simulated) LLM provider did not answer in time. */
public final class ProviderTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception naming the provider and the timeout. */
  public ProviderTimeoutException(String provider, long timeoutMillis) {
    super("provider '" + provider + "' did not answer within " + timeoutMillis + " ms");
  }
}
