package dev.obskit.backend.sentry.internal;

/** Hides the key of a Sentry DSN ({@code http://KEY@host/1} becomes {@code http://****@host/1}). */
final class DsnMasking {
  static final String MASK = "****";

  private DsnMasking() {}

  /** The DSN with its user-info (public and secret key) replaced; empty stays empty. */
  static String mask(String dsn) {
    if (dsn == null || dsn.isEmpty()) {
      return "";
    }
    int scheme = dsn.indexOf("://");
    int start = scheme < 0 ? 0 : scheme + 3;
    int at = dsn.indexOf('@', start);
    if (at < 0) {
      // No user info: nothing secret to show, but do not echo what may be a bare key either.
      return scheme < 0 ? MASK : dsn;
    }
    return dsn.substring(0, start) + MASK + dsn.substring(at);
  }

  /** The DSN's key (user-info before '@'), or empty. */
  static String keyOf(String dsn) {
    if (dsn == null) {
      return "";
    }
    int scheme = dsn.indexOf("://");
    int start = scheme < 0 ? 0 : scheme + 3;
    int at = dsn.indexOf('@', start);
    return at < 0 ? "" : dsn.substring(start, at);
  }

  /** {@code text} with every occurrence of the DSN and of its key masked. */
  static String maskIn(String text, String dsn) {
    if (text == null || dsn == null || dsn.isEmpty()) {
      return text;
    }
    String out = text.replace(dsn, mask(dsn));
    String key = keyOf(dsn);
    if (key.length() >= 6) {
      out = out.replace(key, MASK);
      int colon = key.indexOf(':');
      if (colon > 0) {
        out = out.replace(key.substring(0, colon), MASK);
      }
    }
    return out;
  }
}
