package dev.obskit.spring.boot.actuate;

import dev.obskit.api.Observability;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.SdkStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * obskit's entry in {@code /actuator/info}: the effective configuration (service, where each
 * signal goes, each backend's settings as the backend reports them) with secrets masked (a DSN
 * shows as {@code http://****@host/1}, header values as {@code ****}).
 */
public class ObskitInfoContributor implements InfoContributor {
  private final Observability observability;

  /** Describes {@code observability}. */
  public ObskitInfoContributor(Observability observability) {
    this.observability = observability;
  }

  @Override
  public void contribute(Info.Builder builder) {
    SdkStatus.of(observability).ifPresent(status -> {
      Map<String, Object> info = new LinkedHashMap<>();
      Map<String, Object> service = new LinkedHashMap<>();
      service.put("name", status.serviceName());
      service.put("version", status.serviceVersion());
      service.put("environment", status.environment());
      info.put("service", service);
      Map<String, Object> routing = new LinkedHashMap<>();
      for (Signal signal : Signal.values()) {
        routing.put(signal.configName(), status.routing().getOrDefault(signal, java.util.List.of()));
      }
      info.put("routing", routing);
      Map<String, Object> backends = new LinkedHashMap<>();
      status.backends().forEach((name, backend) -> {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("serving", backend.serving());
        if (!backend.serving()) {
          detail.put("reason", backend.reason());
        }
        detail.put("settings", backend.settings());
        backends.put(name, detail);
      });
      info.put("backends", backends);
      builder.withDetail("obskit", info);
    });
  }
}
