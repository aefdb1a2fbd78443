package dev.obskit.spring.boot.actuate;

import dev.obskit.api.Observability;
import dev.obskit.core.SdkStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * obskit's entry in {@code /actuator/health}: each routed backend's state (serving, or off and
 * why) and the telemetry dropped since start, per backend and in total.
 *
 * <p>Telemetry never decides whether the application is healthy: the status is UP while the SDK
 * is open, even with a backend off (its signals are dropped and counted, the application keeps
 * working), and the details say what is lost. It is OUT_OF_SERVICE once the SDK is closed.
 */
public class ObskitHealthIndicator implements HealthIndicator {
  private final Observability observability;

  /** Reports on {@code observability}. */
  public ObskitHealthIndicator(Observability observability) {
    this.observability = observability;
  }

  @Override
  public Health health() {
    SdkStatus status = SdkStatus.of(observability).orElse(null);
    if (status == null) {
      return Health.unknown().withDetail("reason", "not an obskit SDK instance: " + observability).build();
    }
    Health.Builder health = status.closed() ? Health.outOfService() : Health.up();
    Map<String, Object> backends = new LinkedHashMap<>();
    status.backends().forEach((name, backend) -> {
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("state", backend.serving() ? "serving" : "off");
      if (!backend.serving()) {
        detail.put("reason", backend.reason());
      }
      Map<String, Long> drops = backendDrops(name, status.selfMetrics());
      detail.put("drops", drops.values().stream().mapToLong(Long::longValue).sum());
      if (!drops.isEmpty()) {
        detail.put("dropsByKind", drops);
      }
      backends.put(name, detail);
    });
    Map<String, Long> facadeDrops = new TreeMap<>();
    status.selfMetrics().forEach((key, value) -> {
      if (key.startsWith("dropped.") && value > 0) {
        facadeDrops.put(key, value);
      }
    });
    long total = facadeDrops.values().stream().mapToLong(Long::longValue).sum();
    for (String name : status.backends().keySet()) {
      total += backendDrops(name, status.selfMetrics()).values().stream().mapToLong(Long::longValue).sum();
    }
    return health.withDetail("service", status.serviceName())
        .withDetail("backends", backends)
        .withDetail("droppedSinceStart", total)
        .withDetail("dropped", facadeDrops)
        .build();
  }

  /**
   * A backend's own losses and the facade's failures to reach it: {@code <name>.*} counters that
   * count drops or failures, {@code sink_failures.<name>.*}, {@code flush_timeouts.<name>}, {@code
   * close_timeouts.<name>}.
   */
  static Map<String, Long> backendDrops(String backend, Map<String, Long> selfMetrics) {
    Map<String, Long> out = new TreeMap<>();
    selfMetrics.forEach((key, value) -> {
      if (value == null || value == 0) {
        return;
      }
      boolean own = key.startsWith(backend + ".") && (key.contains("drop") || key.contains("fail")
          || key.contains("overflow") || key.contains("lost") || key.contains("reject"));
      boolean routed = key.startsWith("sink_failures." + backend + ".") || key.equals("flush_timeouts." + backend)
          || key.equals("close_timeouts." + backend);
      if (own || routed) {
        out.put(key, value);
      }
    });
    return out;
  }
}
