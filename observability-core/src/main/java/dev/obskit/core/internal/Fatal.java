package dev.obskit.core.internal;

/**
 * The one rule for what the SDK lets through to the application: nothing, except a {@link
 * VirtualMachineError} (out of memory, stack overflow, internal error). Those mean the JVM itself
 * is failing; swallowing them would hide that from the application's own handling.
 */
public final class Fatal {
  private Fatal() {}

  /** Rethrows {@code t} if it is a {@link VirtualMachineError}; otherwise returns. */
  public static void rethrowIfFatal(Throwable t) {
    if (t instanceof VirtualMachineError) {
      throw (VirtualMachineError) t;
    }
  }
}
