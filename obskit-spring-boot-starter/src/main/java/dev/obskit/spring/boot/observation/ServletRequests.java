package dev.obskit.spring.boot.observation;

import jakarta.servlet.http.HttpServletRequest;

/** Servlet checks, in a class of their own so the handler loads without the Servlet API. */
final class ServletRequests {
  private ServletRequests() {}

  static boolean isSynchronous(Object carrier) {
    return carrier instanceof HttpServletRequest request && !request.isAsyncStarted();
  }
}
