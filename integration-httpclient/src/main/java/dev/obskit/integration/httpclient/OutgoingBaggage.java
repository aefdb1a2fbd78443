package dev.obskit.integration.httpclient;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code baggage} header of a call whose request already carries the caller's own: the
 * caller's W3C list-members are kept as they were written (properties included), and the SDK's
 * current baggage members are added after them. On a key both have, the caller's value wins: it
 * was set for this very request, the SDK's for the whole trace. The exception is Sentry's
 * {@code sentry-*} members: they describe the trace the SDK's {@code sentry-trace} header
 * announces, so when the SDK sends them the caller's are left out (two would contradict each
 * other). Members of the SDK's that would take the header past the W3C limits (64 members, 8192
 * bytes) are left out; the caller's are never changed.
 */
final class OutgoingBaggage {
  static final int MAX_MEMBERS = 64;
  static final int MAX_BYTES = 8192;
  private static final String SENTRY_PREFIX = "sentry-";

  private OutgoingBaggage() {}

  /** The merged header value; {@code sdk} is the SDK's header, or null when it sends none. */
  static String merge(List<String> callerHeaders, String sdk) {
    List<String> sdkMembers = members(sdk);
    boolean sdkHasSentry = false;
    for (String m : sdkMembers) {
      sdkHasSentry |= key(m).startsWith(SENTRY_PREFIX);
    }
    StringBuilder out = new StringBuilder();
    Set<String> keys = new HashSet<>();
    int count = 0;
    for (String header : callerHeaders) {
      for (String m : members(header)) {
        String key = key(m);
        if (sdkHasSentry && key.startsWith(SENTRY_PREFIX)) {
          continue;
        }
        keys.add(key);
        append(out, m);
        count++;
      }
    }
    for (String m : sdkMembers) {
      if (count >= MAX_MEMBERS) {
        break;
      }
      if (keys.contains(key(m)) || out.length() + 1 + m.length() > MAX_BYTES) {
        continue;
      }
      append(out, m);
      count++;
    }
    return out.toString();
  }

  private static void append(StringBuilder out, String member) {
    if (out.length() > 0) {
      out.append(',');
    }
    out.append(member);
  }

  /** The non-empty list-members of a header, trimmed of the optional white space around them. */
  static List<String> members(String header) {
    List<String> out = new ArrayList<>();
    if (header == null) {
      return out;
    }
    for (String member : header.split(",")) {
      String m = member.trim();
      if (!m.isEmpty()) {
        out.add(m);
      }
    }
    return out;
  }

  /** A member's key: before {@code =} (or {@code ;}), trimmed; keys compare case-sensitively per W3C. */
  static String key(String member) {
    int end = member.length();
    int eq = member.indexOf('=');
    if (eq >= 0) {
      end = eq;
    }
    int semi = member.indexOf(';');
    if (semi >= 0 && semi < end) {
      end = semi;
    }
    return member.substring(0, end).trim();
  }

  /** Lower-cased header names compare as HTTP does. */
  static boolean isBaggage(String headerName) {
    return "baggage".equals(headerName.toLowerCase(Locale.ROOT));
  }
}
