package dev.obskit.api.spi;

import dev.obskit.api.Scope;

/** A backend's context captured on one thread, to be attached on another. */
@FunctionalInterface
public interface ContextSnapshot {
  /** Makes the captured context current until the scope closes. */
  Scope attach();

  /** A snapshot that attaches nothing. */
  static ContextSnapshot none() {
    return Scope::noop;
  }
}
