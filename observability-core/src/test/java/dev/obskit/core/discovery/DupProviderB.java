package dev.obskit.core.discovery;

import dev.obskit.core.fakes.FakeProvider;

/** The other of two providers named "dup". */
public class DupProviderB extends FakeProvider {
  public static final java.util.List<DupProviderB> INSTANCES = new java.util.concurrent.CopyOnWriteArrayList<>();

  public DupProviderB() {
    super("dup");
    INSTANCES.add(this);
  }
}
