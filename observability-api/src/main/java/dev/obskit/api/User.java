package dev.obskit.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The user an error happened to. Only the id is sent by default; email, username and IP
 * address are personal data that backends send only when configured to (for Sentry:
 * {@code send_default_pii}). Immutable.
 */
public final class User {
  private final String id;
  private final String username;
  private final String email;
  private final String ipAddress;
  private final Map<String, String> data;

  private User(String id, String username, String email, String ipAddress, Map<String, String> data) {
    this.id = id;
    this.username = username;
    this.email = email;
    this.ipAddress = ipAddress;
    this.data = data;
  }

  /** A user known by id only. */
  public static User id(String id) {
    return new User(Objects.requireNonNull(id, "id"), null, null, null, Map.of());
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The id, or null. */
  public String id() {
    return id;
  }

  /** The username, or null. */
  public String username() {
    return username;
  }

  /** The email, or null. */
  public String email() {
    return email;
  }

  /** The IP address, or null. */
  public String ipAddress() {
    return ipAddress;
  }

  /** Extra key/value data, never null. */
  public Map<String, String> data() {
    return data;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof User)) {
      return false;
    }
    User u = (User) o;
    return Objects.equals(id, u.id) && Objects.equals(username, u.username)
        && Objects.equals(email, u.email) && Objects.equals(ipAddress, u.ipAddress) && data.equals(u.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, username, email, ipAddress, data);
  }

  @Override
  public String toString() {
    // Personal data stays out of toString: it ends up in logs.
    return "User{id=" + id + (username != null || email != null || ipAddress != null ? ", pii=<hidden>" : "") + '}';
  }

  /** Builds a {@link User}. */
  public static final class Builder {
    private String id;
    private String username;
    private String email;
    private String ipAddress;
    private final Map<String, String> data = new LinkedHashMap<>();

    private Builder() {}

    /** Sets the id. */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** Sets the username. */
    public Builder username(String username) {
      this.username = username;
      return this;
    }

    /** Sets the email. */
    public Builder email(String email) {
      this.email = email;
      return this;
    }

    /** Sets the IP address. */
    public Builder ipAddress(String ipAddress) {
      this.ipAddress = ipAddress;
      return this;
    }

    /** Adds a data entry. */
    public Builder data(String key, String value) {
      data.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** The user. */
    public User build() {
      return new User(id, username, email, ipAddress, Collections.unmodifiableMap(new LinkedHashMap<>(data)));
    }
  }
}
