package dev.obskit.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A captured error or message with everything known about it. Users build one to pass tags,
 * user or fingerprint with a single capture; the SDK then adds the scope (global tags, user,
 * contexts), the current span's ids and the timestamp before handing it to every error sink.
 * Immutable.
 *
 * <pre>{@code
 * obs.captureError(ErrorEvent.builder(e)
 *     .level(Level.WARNING)
 *     .context("provider", "openai")
 *     .tag("stage", "generate")
 *     .fingerprint("llm-timeout")
 *     .build());
 * }</pre>
 */
public final class ErrorEvent {
  private final Throwable error;
  private final String message;
  private final Level level;
  private final Map<String, Object> context;
  private final Map<String, String> tags;
  private final Map<String, Map<String, Object>> contexts;
  private final User user;
  private final List<String> fingerprint;
  private final SpanContext spanContext;
  private final long timestampMillis;
  private final List<Breadcrumb> breadcrumbs;

  private ErrorEvent(Builder b) {
    this.error = b.error;
    this.message = b.message;
    this.level = b.level;
    // The builder allocates a collection only once something is put in it; empty ones are shared.
    this.context = b.context == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(b.context));
    this.tags = b.tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(b.tags));
    if (b.contexts == null) {
      this.contexts = Map.of();
    } else {
      Map<String, Map<String, Object>> cs = new LinkedHashMap<>();
      b.contexts.forEach((k, v) -> cs.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
      this.contexts = Collections.unmodifiableMap(cs);
    }
    this.user = b.user;
    this.fingerprint = b.fingerprint == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(b.fingerprint));
    this.spanContext = b.spanContext;
    this.timestampMillis = b.timestampMillis;
    this.breadcrumbs = b.breadcrumbs == null ? List.of() : List.copyOf(b.breadcrumbs);
  }

  /** A builder for an error. */
  public static Builder builder(Throwable error) {
    return new Builder().error(Objects.requireNonNull(error, "error"));
  }

  /** A builder for a message without an exception. */
  public static Builder message(String message) {
    return new Builder().message(Objects.requireNonNull(message, "message"));
  }

  /** The exception, or null for a message. */
  public Throwable error() {
    return error;
  }

  /** The message: given explicitly, else the exception's message; may be null. */
  public String message() {
    return message != null ? message : error != null ? error.getMessage() : null;
  }

  /** The severity; {@link Level#ERROR} unless set. */
  public Level level() {
    return level;
  }

  /** The per-capture context (flat key/values), never null. */
  public Map<String, Object> context() {
    return context;
  }

  /** Tags (indexed, searchable key/values), never null. */
  public Map<String, String> tags() {
    return tags;
  }

  /** Named structured contexts set with {@link Observability#setContext}, never null. */
  public Map<String, Map<String, Object>> contexts() {
    return contexts;
  }

  /** The user, or null. */
  public User user() {
    return user;
  }

  /** The grouping fingerprint; empty means the backend's default grouping. */
  public List<String> fingerprint() {
    return fingerprint;
  }

  /** The span that was current at capture, or {@link SpanContext#invalid()}. */
  public SpanContext spanContext() {
    return spanContext;
  }

  /** Capture time in milliseconds since the epoch; 0 until the SDK stamps it. */
  public long timestampMillis() {
    return timestampMillis;
  }

  /**
   * The breadcrumbs of the scope the error was captured in, oldest first; never null. Set by the
   * SDK: an error inside {@link Observability#isolate()} carries only that scope's breadcrumbs.
   */
  public List<Breadcrumb> breadcrumbs() {
    return breadcrumbs;
  }

  /** A builder holding this event's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.error = error;
    b.message = message;
    b.level = level;
    context.forEach(b::context);
    tags.forEach(b::tag);
    contexts.forEach(b::namedContext);
    b.user = user;
    if (!fingerprint.isEmpty()) {
      b.fingerprint(fingerprint);
    }
    b.spanContext = spanContext;
    b.timestampMillis = timestampMillis;
    if (!breadcrumbs.isEmpty()) {
      b.breadcrumbs = new ArrayList<>(breadcrumbs);
    }
    return b;
  }

  @Override
  public String toString() {
    return "ErrorEvent{" + (error != null ? error.getClass().getName() + ": " : "") + message()
        + ", level=" + level + ", tags=" + tags + ", context=" + context.keySet()
        + ", trace=" + (spanContext.isValid() ? spanContext.traceId() + "/" + spanContext.spanId() : "none") + '}';
  }

  /** Builds an {@link ErrorEvent}. Null keys are rejected; null values are ignored. */
  public static final class Builder {
    private Throwable error;
    private String message;
    private Level level = Level.ERROR;
    private Map<String, Object> context;
    private Map<String, String> tags;
    private Map<String, Map<String, Object>> contexts;
    private User user;
    private List<String> fingerprint;
    private SpanContext spanContext = SpanContext.invalid();
    private long timestampMillis;
    private List<Breadcrumb> breadcrumbs;

    private Builder() {}

    /** Sets the exception. */
    public Builder error(Throwable error) {
      this.error = error;
      return this;
    }

    /** Sets the message (overrides the exception's message). */
    public Builder message(String message) {
      this.message = message;
      return this;
    }

    /** Sets the level. */
    public Builder level(Level level) {
      this.level = Objects.requireNonNull(level, "level");
      return this;
    }

    /** Adds one context entry. */
    public Builder context(String key, Object value) {
      Objects.requireNonNull(key, "context key");
      if (value != null) {
        if (context == null) {
          context = new LinkedHashMap<>();
        }
        context.put(key, value);
      }
      return this;
    }

    /** Adds context entries. */
    public Builder context(Map<String, ?> entries) {
      if (entries != null) {
        entries.forEach(this::context);
      }
      return this;
    }

    /** Adds a tag. */
    public Builder tag(String key, String value) {
      Objects.requireNonNull(key, "tag key");
      if (value != null) {
        if (tags == null) {
          tags = new LinkedHashMap<>();
        }
        tags.put(key, value);
      }
      return this;
    }

    /** Adds tags. */
    public Builder tags(Map<String, String> entries) {
      if (entries != null) {
        entries.forEach(this::tag);
      }
      return this;
    }

    /** Sets a named structured context. */
    public Builder namedContext(String name, Map<String, ?> values) {
      Objects.requireNonNull(name, "context name");
      if (values != null) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
          if (k != null && v != null) {
            copy.put(k, v);
          }
        });
        if (contexts == null) {
          contexts = new LinkedHashMap<>();
        }
        contexts.put(name, copy);
      }
      return this;
    }

    /** Sets the user. */
    public Builder user(User user) {
      this.user = user;
      return this;
    }

    /** Sets the fingerprint. */
    public Builder fingerprint(String... parts) {
      List<String> list = new ArrayList<>(parts.length);
      for (String p : parts) {
        list.add(Objects.requireNonNull(p, "fingerprint part"));
      }
      fingerprint = list;
      return this;
    }

    /** Sets the fingerprint. */
    public Builder fingerprint(List<String> parts) {
      return fingerprint(parts.toArray(new String[0]));
    }

    /** Sets the span context (normally done by the SDK). */
    public Builder spanContext(SpanContext spanContext) {
      this.spanContext = Objects.requireNonNull(spanContext, "spanContext");
      return this;
    }

    /** Sets the timestamp (normally done by the SDK). */
    public Builder timestampMillis(long timestampMillis) {
      this.timestampMillis = timestampMillis;
      return this;
    }

    /** Sets the breadcrumbs, oldest first (normally done by the SDK from the current scope). */
    public Builder breadcrumbs(List<Breadcrumb> breadcrumbs) {
      this.breadcrumbs = breadcrumbs == null || breadcrumbs.isEmpty() ? null : new ArrayList<>(breadcrumbs);
      if (this.breadcrumbs != null) {
        this.breadcrumbs.forEach(c -> Objects.requireNonNull(c, "breadcrumb"));
      }
      return this;
    }

    /** The event. */
    public ErrorEvent build() {
      return new ErrorEvent(this);
    }
  }
}
