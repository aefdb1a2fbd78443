package dev.obskit.spring.boot.observation;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Hands an exception thrown by a Spring MVC handler to the request's observation before any
 * {@code @ExceptionHandler} resolves it. Spring MVC leaves a resolved exception off the
 * observation, so without this an error mapped to a 500 or 503 would reach neither the request's
 * span nor the error backend. Resolves nothing itself: the application's handlers still answer.
 */
final class ObservationErrorResolver implements HandlerExceptionResolver, Ordered {
  @Override
  public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
      Exception ex) {
    ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> {
      if (context.getError() == null) {
        context.setError(ex);
      }
    });
    return null;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
