package dev.obskit.it.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Spotlight 4.11.8 (Sentry's local dev server, npm {@code @spotlightjs/spotlight}) on 127.0.0.1,
 * started through {@code it/peers/spotlight/launcher.mjs} (never through Spotlight's CLI).
 *
 * <p>Point a Sentry SDK at {@link #dsn()}; it POSTs envelopes to {@code /api/0/envelope/}.
 * {@link #envelopes()} reads them back from the SSE stream {@code GET /stream}, which replays every
 * buffered envelope (up to 500) and then stays open. See it/peers/README.md for the exact format.
 */
public final class SpotlightPeer extends PeerProcess {

    public static final String WHAT = "Spotlight (node + it/peers/spotlight/node_modules/@spotlightjs/spotlight)";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    /** {@link #envelopes()} stops reading after this long without a new event. */
    public static final Duration QUIET_PERIOD = Duration.ofMillis(500);
    /** {@link #envelopes()} never reads longer than this. */
    public static final Duration MAX_READ = Duration.ofSeconds(10);

    /**
     * One envelope as {@code /stream} delivers it.
     *
     * @param id          Spotlight's own id for the envelope (a UUIDv7, SSE {@code id:}); not the Sentry event id
     * @param contentType SSE {@code event:}, the POST's content type, e.g. {@code application/x-sentry-envelope}
     * @param json        SSE {@code data:}: the parsed envelope as JSON, {@code [header, [[itemHeader, payload], ...]]}
     */
    public record Envelope(String id, String contentType, String json) {
        public boolean contains(String text) {
            return json.contains(text);
        }
    }

    private SpotlightPeer(Spec spec) {
        super(spec);
    }

    /** {@code <repo>/it/peers/spotlight/launcher.mjs}, if the repository root can be found. */
    public static Optional<Path> launcher() {
        return Peers.repoRoot().map(r -> r.resolve("it/peers/spotlight/launcher.mjs"));
    }

    public static Optional<Path> node() {
        return Peers.onPath("node");
    }

    public static boolean installed() {
        Optional<Path> launcher = launcher();
        return node().isPresent() && launcher.isPresent() && Files.isRegularFile(launcher.get())
                && Files.isRegularFile(launcher.get().resolveSibling(
                        "node_modules/@spotlightjs/spotlight/dist/server/main.js"))
                && Files.isRegularFile(launcher.get().resolveSibling("node_modules/hono/package.json"));
    }

    /** See {@link Peers#assumeInstalledOrFail(String, boolean)}. */
    public static boolean assumeInstalledOrFail() {
        return Peers.assumeInstalledOrFail(WHAT, installed());
    }

    public static String notInstalledMessage() {
        return Peers.notInstalledMessage(WHAT);
    }

    /** Starts Spotlight on a free 127.0.0.1 port and waits for {@code /health} (about 1-2 s). */
    public static SpotlightPeer start() {
        if (!installed()) {
            throw new IllegalStateException(notInstalledMessage());
        }
        Path node = node().orElseThrow();
        Path launcher = launcher().orElseThrow();
        Path workDir = Peers.targetDir().resolve("spotlight");
        return startOnFreePort(port -> new SpotlightPeer(new Spec("spotlight", port,
                List.of(node.toString(), launcher.toString(), Integer.toString(port)),
                workDir, "/health", READY_TIMEOUT)));
    }

    /** {@code http://publickey@127.0.0.1:PORT/0}: a Sentry DSN that sends to this Spotlight. */
    public String dsn() {
        return "http://publickey@127.0.0.1:" + port() + "/0";
    }

    /** Forgets every buffered envelope ({@code DELETE /clear}). */
    public void clear() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/clear")).DELETE());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("spotlight DELETE /clear answered HTTP " + r.statusCode());
        }
    }

    /**
     * Every envelope Spotlight holds: reads {@code /stream} until no event came for
     * {@link #QUIET_PERIOD} (at most {@link #MAX_READ}).
     */
    public List<Envelope> envelopes() {
        return readStream(null, MAX_READ);
    }

    /** The {@link Envelope#json()} of every envelope Spotlight holds. */
    public List<String> envelopeTexts() {
        return envelopes().stream().map(Envelope::json).toList();
    }

    /**
     * Reads {@code /stream} until an envelope matches; returns it, or throws {@link AssertionError}
     * listing what was seen.
     */
    public Envelope awaitEnvelope(Predicate<Envelope> match, Duration timeout) {
        List<Envelope> seen = readStream(match, timeout);
        return seen.stream().filter(match).findFirst().orElseThrow(() -> new AssertionError(
                "spotlight: no matching envelope within " + timeout + "; saw " + seen.size() + ": "
                        + abbreviate(seen.toString(), 4000)));
    }

    /** Waits for an envelope whose JSON contains {@code text} (e.g. a trace id or a message). */
    public Envelope awaitEnvelopeContaining(String text, Duration timeout) {
        return awaitEnvelope(e -> e.contains(text), timeout);
    }

    /**
     * The envelope exactly as the SDK sent it (decompressed): header line, then item header and
     * payload lines. {@code GET /envelope/{id}} with {@link Envelope#id()}.
     */
    public String rawEnvelope(String spotlightId) {
        HttpResponse<String> r = get("/envelope/" + spotlightId);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("spotlight GET /envelope/" + spotlightId + " answered HTTP " + r.statusCode());
        }
        return r.body();
    }

    /**
     * Reads SSE events. With {@code match == null}: stops after a quiet period or {@code maxRead}.
     * Otherwise: stops at the first matching envelope or after {@code maxRead}.
     */
    private List<Envelope> readStream(Predicate<Envelope> match, Duration maxRead) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/stream?client=obskit-it"))
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> response;
        try {
            // No request timeout: the stream never ends; the deadline below bounds the read.
            response = http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IllegalStateException("spotlight: cannot open /stream" + logTailForMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            closeQuietly(response.body());
            throw new IllegalStateException("spotlight GET /stream answered HTTP " + response.statusCode());
        }
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        InputStream body = response.body();
        Thread reader = new Thread(() -> parseSse(body, events), "spotlight-sse-" + port());
        reader.setDaemon(true);
        reader.start();
        List<Envelope> result = new ArrayList<>();
        long deadline = System.nanoTime() + maxRead.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                long wait = match == null ? Math.min(left, QUIET_PERIOD.toNanos()) : left;
                Object next = events.poll(wait, TimeUnit.NANOSECONDS);
                if (next == null) {
                    break; // quiet period over (or deadline reached)
                }
                if (next instanceof Throwable t) {
                    throw new IllegalStateException("spotlight: /stream broke" + logTailForMessage(), t);
                }
                Envelope e = (Envelope) next;
                result.add(e);
                if (match != null && match.test(e)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(body); // ends the reader thread and the HTTP exchange
        }
        return result;
    }

    /** Minimal SSE parser (event / data / id fields, blank line dispatches). */
    private static void parseSse(InputStream in, BlockingQueue<Object> out) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String event = null;
            String id = null;
            StringBuilder data = null;
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        String type = event == null ? "message" : event;
                        out.add(new Envelope(id, type.endsWith(";base64") ? type.substring(0, type.length() - 7) : type,
                                data.toString()));
                    }
                    event = null;
                    id = null;
                    data = null;
                    continue;
                }
                if (line.startsWith(":")) {
                    continue; // comment
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "event" -> event = value;
                    case "id" -> id = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> { }
                }
            }
        } catch (IOException e) {
            // closed by readStream: expected
        } catch (RuntimeException e) {
            out.add(e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
