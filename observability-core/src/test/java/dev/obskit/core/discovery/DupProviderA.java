package dev.obskit.core.discovery;

import dev.obskit.core.fakes.FakeProvider;

/** One of two providers named "dup". */
public class DupProviderA extends FakeProvider {
  public static final java.util.List<DupProviderA> INSTANCES = new java.util.concurrent.CopyOnWriteArrayList<>();

  public DupProviderA() {
    super("dup");
    INSTANCES.add(this);
  }
}
