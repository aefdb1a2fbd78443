package dev.obskit.it.peers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Zipkin server 3.6.1 (exec jar from Maven Central, in-memory storage) on 127.0.0.1.
 *
 * <pre>
 * try (ZipkinPeer zipkin = ZipkinPeer.start()) {
 *     // point the OTel Zipkin exporter at zipkin.endpoint()
 *     String json = zipkin.awaitTrace(traceId, 2, Duration.ofSeconds(10));
 * }
 * </pre>
 */
public final class ZipkinPeer extends PeerProcess {

    public static final String VERSION = "3.6.1";
    public static final String WHAT = "Zipkin server " + VERSION
            + " (io.zipkin:zipkin-server:" + VERSION + ":jar:exec in the local Maven repository)";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{16}|[0-9a-f]{32}");
    private static final Pattern SPAN = Pattern.compile("\"traceId\"\\s*:");

    private ZipkinPeer(Spec spec) {
        super(spec);
    }

    /** {@code -Dobskit.zipkin.jar} if set, else the exec jar in the local Maven repository. */
    public static Path jar() {
        String override = System.getProperty("obskit.zipkin.jar");
        if (override != null && !override.isBlank()) {
            return Paths.get(override);
        }
        return Peers.mavenRepository().resolve(Paths.get("io", "zipkin", "zipkin-server", VERSION,
                "zipkin-server-" + VERSION + "-exec.jar"));
    }

    public static boolean installed() {
        Path jar = jar();
        return Files.isRegularFile(jar) && jar.toFile().length() > 0;
    }

    /** See {@link Peers#assumeInstalledOrFail(String, boolean)}. */
    public static boolean assumeInstalledOrFail() {
        return Peers.assumeInstalledOrFail(WHAT, installed());
    }

    public static String notInstalledMessage() {
        return Peers.notInstalledMessage(WHAT) + " [looked for " + jar() + "]";
    }

    /** Starts Zipkin on a free 127.0.0.1 port and waits for {@code /health} (about 6-8 s). */
    public static ZipkinPeer start() {
        if (!installed()) {
            throw new IllegalStateException(notInstalledMessage());
        }
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Path workDir = Peers.targetDir().resolve("zipkin");
        return startOnFreePort(port -> new ZipkinPeer(new Spec("zipkin", port, List.of(java,
                "-Xmx256m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                // Armeria's default Netty DNS resolver opens a UDP socket on *:<random>; the JDK resolver does not.
                "-Dcom.linecorp.armeria.useJdkDnsResolver=true",
                "-jar", jar().toString(),
                // --server.address is ignored by Zipkin 3 (Armeria): without these it binds every interface.
                "--armeria.ports[0].ip=127.0.0.1",
                "--armeria.ports[0].port=" + port,
                "--armeria.ports[0].protocols[0]=http",
                "--zipkin.storage.type=mem",
                "--zipkin.self-tracing.enabled=false"),
                workDir, "/health", READY_TIMEOUT)));
    }

    /** {@code http://127.0.0.1:PORT/api/v2/spans}, the URL for the OTel Zipkin exporter. */
    public String endpoint() {
        return baseUrl() + "/api/v2/spans";
    }

    /**
     * Raw JSON (Zipkin v2 span list) of {@code GET /api/v2/trace/{traceId}}; {@code "[]"} while the
     * trace is unknown (Zipkin answers 404 then).
     */
    public String trace(String traceId) {
        String id = traceId.toLowerCase(Locale.ROOT);
        if (!TRACE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("trace id must be 16 or 32 hex digits: " + traceId);
        }
        var r = get("/api/v2/trace/" + id);
        if (r.statusCode() == 404) {
            return "[]";
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("zipkin GET trace " + id + " answered HTTP " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** Number of spans in a trace JSON (counts {@code "traceId":} keys; one per span). */
    public static int spanCount(String traceJson) {
        Matcher m = SPAN.matcher(traceJson);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Waits until the trace has at least {@code minSpans} spans; returns its JSON. */
    public String awaitTrace(String traceId, int minSpans, Duration timeout) {
        return awaitTrace(traceId, json -> spanCount(json) >= minSpans, timeout);
    }

    /** Waits until {@code done} accepts the trace JSON; returns it, or throws {@link AssertionError}. */
    public String awaitTrace(String traceId, Predicate<String> done, Duration timeout) {
        return await("trace " + traceId, () -> trace(traceId), done, timeout);
    }

    /** Raw JSON of {@code GET /api/v2/services}. */
    public String services() {
        return get("/api/v2/services").body();
    }
}
