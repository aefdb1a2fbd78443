package dev.obskit.testkit.internal;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.User;
import dev.obskit.api.spi.ErrorSink;
import java.util.Map;

/** Keeps captured errors and mirrors the facade's scope (user, tags, contexts). */
final class MemoryErrorSink implements ErrorSink {
  private final MemoryStore store;
  private final MemoryBackend backend;

  MemoryErrorSink(MemoryStore store, MemoryBackend backend) {
    this.store = store;
    this.backend = backend;
  }

  @Override
  public void capture(ErrorEvent event) {
    if (event != null && backend.accept()) {
      store.addError(event);
    }
  }

  @Override
  public void setUser(User user) {
    store.setUser(user);
  }

  @Override
  public void setTag(String key, String value) {
    if (key != null) {
      store.setTag(key, value);
    }
  }

  @Override
  public void setContext(String name, Map<String, Object> values) {
    if (name != null) {
      store.setContext(name, values);
    }
  }
}
