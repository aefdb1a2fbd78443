package dev.obskit.it.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Declares the real peers a test class needs and wires {@link PeersExtension}: the class is
 * skipped when one is not installed (and fails instead when the environment says {@code CI=true}),
 * and test or lifecycle methods receive running peers as parameters ({@code ZipkinPeer},
 * {@code SpotlightPeer}, {@link PrometheusLauncher}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(PeersExtension.class)
public @interface RequiresPeers {
  /** The peers every test of the class needs. */
  Peer[] value();
}
