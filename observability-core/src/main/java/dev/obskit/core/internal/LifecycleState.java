package dev.obskit.core.internal;

/** Whether the SDK was closed; read on every recording so that late calls are dropped cheaply. */
public final class LifecycleState {
  private volatile boolean closed;

  /** Whether {@link #markClosed()} ran; a volatile read, cheap enough for every recording. */
  public boolean isClosed() {
    return closed;
  }

  /** Marks closed; returns false if it already was. */
  public synchronized boolean markClosed() {
    if (closed) {
      return false;
    }
    closed = true;
    return true;
  }
}
