package dev.obskit.integration.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A real embedded Jetty 12 (EE10, Servlet 6) on 127.0.0.1 and a free port; stopped on close. */
final class JettyServer implements AutoCloseable {
  private final Server server;
  private final ServletContextHandler context;

  JettyServer() {
    server = new Server();
    // Room for the oversize propagation headers the tests send (Jetty's default is 8 KiB).
    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(64 * 1024);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    context = new ServletContextHandler();
    context.setContextPath("/");
    server.setHandler(context);
  }

  /** Adds a filter for REQUEST dispatches of every path, in the order added. */
  JettyServer filter(Filter filter) {
    return filter(filter, EnumSet.of(DispatcherType.REQUEST));
  }

  /** Adds a filter for the given dispatches of every path, in the order added. */
  JettyServer filter(Filter filter, EnumSet<DispatcherType> dispatches) {
    context.addFilter(new FilterHolder(filter), "/*", dispatches);
    return this;
  }

  JettyServer servlet(String pattern, HttpServlet servlet) {
    ServletHolder holder = new ServletHolder(servlet);
    holder.setAsyncSupported(true);
    context.addServlet(holder, pattern);
    return this;
  }

  JettyServer start() {
    try {
      for (FilterHolder h : context.getServletHandler().getFilters()) {
        h.setAsyncSupported(true);
      }
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("Jetty did not start", e);
    }
    return this;
  }

  int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Jetty did not stop", e);
    }
  }
}
