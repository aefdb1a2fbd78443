package dev.obskit.it.junit;

import dev.obskit.it.peers.Peers;
import dev.obskit.it.peers.PrometheusPeer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts Prometheus servers for one test scope. Prometheus needs its scrape targets in its
 * configuration file, so a test first binds its exporter on a free port and then starts a
 * Prometheus scraping it. Every server started here stops when the scope that received this
 * launcher ends (the test class when it is a {@code @BeforeAll} parameter).
 */
public final class PrometheusLauncher implements AutoCloseable {
  private final List<PrometheusPeer> started = new ArrayList<>();

  PrometheusLauncher() {}

  /**
   * Starts Prometheus on a free 127.0.0.1 port, scraping {@code /metrics} of each
   * {@code host:port} target every second, and waits until it is ready.
   */
  public synchronized PrometheusPeer start(List<String> scrapeTargets) {
    Path workDir = Peers.targetDir().resolve("prometheus");
    PrometheusPeer peer = PrometheusPeer.start(workDir, scrapeTargets);
    started.add(peer);
    return peer;
  }

  /** Stops every Prometheus this launcher started. */
  @Override
  public synchronized void close() {
    started.forEach(PrometheusPeer::close);
    started.clear();
  }
}
