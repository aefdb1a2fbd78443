package dev.obskit.core.fakes;

import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.BackendContext;
import dev.obskit.api.spi.BackendProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A provider of {@link FakeBackend}s, configurable per test; remembers what it created. */
public class FakeProvider implements BackendProvider {
  private final String name;
  private final Consumer<FakeBackend> customizer;
  public final List<FakeBackend> created = new CopyOnWriteArrayList<>();
  public volatile RuntimeException createFailure;

  public FakeProvider(String name) {
    this(name, b -> {});
  }

  public FakeProvider(String name, Consumer<FakeBackend> customizer) {
    this.name = name;
    this.customizer = customizer;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Backend create(BackendContext context) {
    if (createFailure != null) {
      throw createFailure;
    }
    FakeBackend b = new FakeBackend(name, context);
    customizer.accept(b);
    b.readConfig();
    created.add(b);
    return b;
  }

  /** The single backend created, failing if there is not exactly one. */
  public FakeBackend backend() {
    if (created.size() != 1) {
      throw new AssertionError(name + " created " + created.size() + " backends");
    }
    return created.get(0);
  }
}
