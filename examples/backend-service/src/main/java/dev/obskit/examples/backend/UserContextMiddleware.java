package dev.obskit.examples.backend;

import dev.obskit.api.Breadcrumb;
import dev.obskit.api.Level;
import dev.obskit.api.Observability;
import dev.obskit.api.User;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The backend's request middleware: who is calling and a breadcrumb per request.
 * It runs inside the request's observation, so inside the request scope the starter opens: the
 * user set here goes with this request's errors and transactions only.
 */
@Component
class UserContextMiddleware extends OncePerRequestFilter {
  static final String USER_HEADER = "X-User-Id";
  private final Observability obs;

  UserContextMiddleware(Observability obs) {
    this.obs = obs;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String user = request.getHeader(USER_HEADER);
    if (user != null && !user.isBlank()) {
      obs.setUser(User.id(user));
    }
    obs.addBreadcrumb(Breadcrumb.of("http.request", request.getMethod() + " " + request.getRequestURI(), Level.INFO,
        Map.of("method", request.getMethod(), "path", request.getRequestURI())));
    chain.doFilter(request, response);
  }
}
