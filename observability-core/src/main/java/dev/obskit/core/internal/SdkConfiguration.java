package dev.obskit.core.internal;

import dev.obskit.api.spi.BackendConfig;
import dev.obskit.core.ConfigProblem;
import java.util.List;
import java.util.Set;

/** What the core needs from loaded configuration; problems are collected, never thrown here. */
public interface SdkConfiguration {
  /** The typed core settings (defaults where a value was bad). */
  SdkSettings settings();

  /** A backend's section. */
  BackendConfig section(String backend);

  /** Checks routing names against the known and the available backend names. */
  void validateRouting(Set<String> availableBackends);

  /** Reports top-level keys that name nothing and section keys a created backend never read. */
  void reportUnknownKeys(Set<String> knownBackends, Set<String> createdBackends);

  /** Adds a problem the core found (for example a backend that does not take a routed signal). */
  void addProblem(String path, String value, String message);

  /** Every problem so far. */
  List<ConfigProblem> problems();

  /** Where the configuration came from, for the init summary. */
  List<String> sources();
}
