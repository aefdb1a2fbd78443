package dev.obskit.logging;

import dev.obskit.api.GlobalObservability;
import dev.obskit.api.Observability;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the obskit appenders and MDC hooks of this JVM find the SDK. Logging frameworks create
 * appenders from their configuration file, usually before the application has built its
 * {@link Observability}, so they look it up on every event: the instance passed to {@link
 * #install(Observability)}, else {@link GlobalObservability} once it is set, else none (events are
 * then buffered within a bound, see {@link LogForwarder}).
 */
public final class ObskitLogging {
  private static volatile Observability installed;
  private static final Set<LogForwarder> FORWARDERS = ConcurrentHashMap.newKeySet();

  private ObskitLogging() {}

  /**
   * Makes {@code observability} the SDK the appenders feed, and delivers what they buffered
   * before it existed. Not needed when the application registers its SDK with {@code
   * GlobalObservability} ({@code ObservabilitySdk.builder().buildAndRegisterGlobal()}): the
   * appenders find that one too, and deliver their buffer with the next event.
   */
  public static void install(Observability observability) {
    installed = observability;
    if (observability != null) {
      for (LogForwarder f : FORWARDERS) {
        f.drainTo(observability);
      }
    }
  }

  /** Forgets the installed instance (tests; an application never needs it). */
  public static void uninstall() {
    installed = null;
  }

  /** The SDK the appenders feed now, or null when there is none yet. */
  public static Observability current() {
    Observability o = installed;
    if (o != null) {
      return o;
    }
    return GlobalObservability.isSet() ? GlobalObservability.get() : null;
  }

  static void register(LogForwarder forwarder) {
    FORWARDERS.add(forwarder);
  }

  static void unregister(LogForwarder forwarder) {
    FORWARDERS.remove(forwarder);
  }
}
