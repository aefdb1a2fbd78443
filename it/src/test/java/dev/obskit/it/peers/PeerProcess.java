package dev.obskit.it.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A peer running as a child process, listening on 127.0.0.1:{@link #port()}.
 *
 * <p>Output (stdout and stderr) goes to a log file under {@code it/target/peers/}. Start-up waits
 * until an HTTP readiness URL answers 2xx, polling every {@value #POLL_MILLIS} ms with a bounded
 * timeout; it fails fast when the process exits. {@link #close()} stops the whole process tree
 * and waits for it to exit. A JVM shutdown hook stops the tree too if a test forgets to.
 */
public abstract class PeerProcess implements AutoCloseable {

    static final long POLL_MILLIS = 150;
    private static final int LOG_TAIL_LINES = 40;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final int port;
    private final Process process;
    private final Path logFile;
    private final HttpClient http;
    private final Thread shutdownHook;
    private final Duration startupTime;
    private volatile boolean closed;

    /** What to run. */
    protected static final class Spec {
        final String name;
        final int port;
        final List<String> command;
        final Path workDir;
        final String readyPath;
        final Duration readyTimeout;

        /**
         * @param readyPath path (with leading slash) on {@code http://127.0.0.1:port} that answers 2xx once ready
         */
        protected Spec(String name, int port, List<String> command, Path workDir, String readyPath, Duration readyTimeout) {
            this.name = name;
            this.port = port;
            this.command = List.copyOf(command);
            this.workDir = workDir;
            this.readyPath = readyPath;
            this.readyTimeout = readyTimeout;
        }
    }

    /** Thrown when a peer does not become ready; carries the tail of its log. */
    public static final class PeerStartException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean exitedEarly;

        PeerStartException(String message, boolean exitedEarly, Throwable cause) {
            super(message, cause);
            this.exitedEarly = exitedEarly;
        }

        /** {@code true} when the process died before it became ready (e.g. its port was taken). */
        public boolean exitedEarly() {
            return exitedEarly;
        }
    }

    /** Starts the process and blocks until it is ready; on failure nothing is left running. */
    protected PeerProcess(Spec spec) {
        this.name = spec.name;
        this.port = spec.port;
        this.http = newHttpClient();
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(spec.workDir);
            Path logDir = Peers.targetDir().resolve("logs");
            Files.createDirectories(logDir);
            this.logFile = logDir.resolve(spec.name + "-" + spec.port + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss-SSS")) + ".log");
            ProcessBuilder pb = new ProcessBuilder(spec.command)
                    .directory(spec.workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile()));
            Peers.scrubEnvironment(pb.environment());
            Files.writeString(logFile, "# " + String.join(" ", spec.command) + System.lineSeparator(),
                    StandardCharsets.UTF_8);
            this.process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + spec.name + ": " + spec.command, e);
        }
        this.shutdownHook = new Thread(this::destroyTree, "stop-peer-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            awaitReady(URI.create(baseUrl() + spec.readyPath), spec.readyTimeout);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
        this.startupTime = Duration.ofNanos(System.nanoTime() - t0);
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    static HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private void awaitReady(URI readyUri, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastProblem = "no answer yet";
        while (true) {
            if (!process.isAlive()) {
                throw new PeerStartException(name + " exited with code " + process.exitValue()
                        + " before it was ready on " + readyUri + logTailForMessage(), true, null);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(readyUri)
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 == 2) {
                    return;
                }
                lastProblem = "HTTP " + r.statusCode();
            } catch (IOException e) {
                lastProblem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PeerStartException("interrupted while waiting for " + name, false, e);
            }
            if (System.nanoTime() > deadline) {
                throw new PeerStartException(name + " not ready on " + readyUri + " within " + timeout
                        + " (last: " + lastProblem + ")" + logTailForMessage(), false, null);
            }
            // Poll interval; returns early if the process exits meanwhile.
            waitForExit(process.onExit(), Duration.ofMillis(POLL_MILLIS));
        }
    }

    /**
     * Starts a peer on a fresh free port, retrying (up to 3 attempts) when the process dies
     * before it is ready, which is what happens when another process grabbed the port.
     */
    protected static <P extends PeerProcess> P startOnFreePort(IntFunction<P> starter) {
        PeerStartException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return starter.apply(FreePorts.pick());
            } catch (PeerStartException e) {
                if (!e.exitedEarly()) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    public final String name() {
        return name;
    }

    public final int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT} */
    public final String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public final Path logFile() {
        return logFile;
    }

    public final long pid() {
        return process.pid();
    }

    /** Time from process start to the first 2xx on the readiness URL. */
    public final Duration startupTime() {
        return startupTime;
    }

    public final boolean isAlive() {
        return process.isAlive();
    }

    protected final HttpClient http() {
        return http;
    }

    /** GET {@code baseUrl() + pathAndQuery}; returns the response (any status). */
    protected final HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery)).GET());
    }

    protected final HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": request failed" + logTailForMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Calls {@code probe} every {@value #POLL_MILLIS} ms until {@code done} accepts its result or
     * {@code timeout} passes; then throws with the last value seen.
     */
    protected final <T> T await(String what, Supplier<T> probe, Predicate<T> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last;
        while (true) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " died while waiting for " + what + logTailForMessage());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + ": timed out after " + timeout + " waiting for " + what
                        + "; last value: " + abbreviate(String.valueOf(last), 2000));
            }
            waitForExit(process.onExit(), Duration.ofMillis(POLL_MILLIS));
        }
    }

    /** The last {@code lines} lines of the log file. */
    public final String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size()).stream()
                    .collect(Collectors.joining(System.lineSeparator()));
        } catch (IOException | RuntimeException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    protected final String logTailForMessage() {
        return System.lineSeparator() + "--- last lines of " + logFile + " ---" + System.lineSeparator()
                + logTail(LOG_TAIL_LINES);
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...(" + s.length() + " chars)";
    }

    /** Stops the process and all its descendants, then waits for them to exit. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        destroyTree();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // JVM already shutting down
        }
    }

    private void destroyTree() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().collect(Collectors.toList()));
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (ProcessHandle h : tree) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!waitForExit(h.onExit(), Duration.ofNanos(left))) {
                h.destroyForcibly();
                waitForExit(h.onExit(), Duration.ofSeconds(5));
            }
        }
    }

    /** Waits at most {@code timeout} for {@code exit}; {@code true} if it completed. */
    private static boolean waitForExit(CompletableFuture<?> exit, Duration timeout) {
        try {
            exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    @Override
    public String toString() {
        return name + "[pid " + (process == null ? "-" : process.pid()) + ", " + baseUrl() + "]";
    }
}
