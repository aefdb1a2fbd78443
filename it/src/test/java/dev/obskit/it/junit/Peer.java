package dev.obskit.it.junit;

import dev.obskit.it.peers.PrometheusPeer;
import dev.obskit.it.peers.SpotlightPeer;
import dev.obskit.it.peers.ZipkinPeer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The real peers a test class can ask for with {@link RequiresPeers}. */
public enum Peer {
  /** Prometheus 2.x (Debian package), started per test class by {@link PrometheusLauncher}. */
  PROMETHEUS(PrometheusPeer.WHAT, PrometheusPeer::installed, PrometheusPeer::notInstalledMessage),
  /** Zipkin server 3.6.1, one instance shared by every test class of the run. */
  ZIPKIN(ZipkinPeer.WHAT, ZipkinPeer::installed, ZipkinPeer::notInstalledMessage),
  /** Spotlight 4.11.8, one instance shared by every test class of the run. */
  SPOTLIGHT(SpotlightPeer.WHAT, SpotlightPeer::installed, SpotlightPeer::notInstalledMessage);

  private final String what;
  private final BooleanSupplier installed;
  private final Supplier<String> notInstalledMessage;

  Peer(String what, BooleanSupplier installed, Supplier<String> notInstalledMessage) {
    this.what = what;
    this.installed = installed;
    this.notInstalledMessage = notInstalledMessage;
  }

  /** What the peer is and where it comes from. */
  public String what() {
    return what;
  }

  /** Whether the peer's binary, jar or npm package is present on this machine. */
  public boolean installed() {
    return installed.getAsBoolean();
  }

  /** Why the peer cannot run; names {@code it/peers/install.sh}. */
  public String notInstalledMessage() {
    return notInstalledMessage.get();
  }
}
