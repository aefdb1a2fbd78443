package dev.obskit.it.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A real Prometheus 2.x server (Debian package {@code prometheus}) on 127.0.0.1, scraping the
 * given targets every second.
 *
 * <pre>
 * try (PrometheusPeer prom = PrometheusPeer.start(tmpDir, List.of("127.0.0.1:" + exporterPort))) {
 *     String json = prom.awaitNonEmpty("my_counter_total", Duration.ofSeconds(15));
 * }
 * </pre>
 */
public final class PrometheusPeer extends PeerProcess {

    public static final String WHAT = "Prometheus (binary 'prometheus' on PATH, Debian package 'prometheus')";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9.\\-]+:\\d{1,5}");
    private static final Pattern NON_EMPTY_RESULT = Pattern.compile("\"result\"\\s*:\\s*\\[\\s*[{\\[]");

    private final Path configFile;

    private PrometheusPeer(Spec spec, Path configFile) {
        super(spec);
        this.configFile = configFile;
    }

    /** The {@code prometheus} executable, if installed. */
    public static Optional<Path> executable() {
        Optional<Path> onPath = Peers.onPath("prometheus");
        if (onPath.isPresent()) {
            return onPath;
        }
        Path debian = Paths.get("/usr/bin/prometheus");
        return Files.isExecutable(debian) ? Optional.of(debian) : Optional.empty();
    }

    public static boolean installed() {
        return executable().isPresent();
    }

    /** See {@link Peers#assumeInstalledOrFail(String, boolean)}. */
    public static boolean assumeInstalledOrFail() {
        return Peers.assumeInstalledOrFail(WHAT, installed());
    }

    /** Message for a skipped test. */
    public static String notInstalledMessage() {
        return Peers.notInstalledMessage(WHAT);
    }

    /** Scrapes {@code /metrics} of each {@code host:port} target every second. */
    public static PrometheusPeer start(Path workDir, List<String> scrapeTargets) {
        return start(workDir, scrapeTargets, "/metrics");
    }

    /**
     * @param workDir       holds {@code prometheus.yml} and the TSDB ({@code data/}); created if missing
     * @param scrapeTargets {@code host:port} of each exporter (use 127.0.0.1)
     * @param metricsPath   the exporters' path, e.g. {@code /metrics}
     */
    public static PrometheusPeer start(Path workDir, List<String> scrapeTargets, String metricsPath) {
        Path exe = executable().orElseThrow(() -> new IllegalStateException(notInstalledMessage()));
        for (String t : scrapeTargets) {
            if (!TARGET.matcher(t).matches()) {
                throw new IllegalArgumentException("scrape target must be host:port, got '" + t + "'");
            }
        }
        if (!metricsPath.startsWith("/")) {
            throw new IllegalArgumentException("metricsPath must start with '/': " + metricsPath);
        }
        Path dir = workDir.toAbsolutePath();
        return startOnFreePort(port -> {
            Path config = dir.resolve("prometheus-" + port + ".yml");
            Path data = dir.resolve("data-" + port);
            try {
                Files.createDirectories(data);
                Files.writeString(config, config(scrapeTargets, metricsPath), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> cmd = List.of(exe.toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + data,
                    "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=info");
            return new PrometheusPeer(new Spec("prometheus", port, cmd, dir, "/-/ready", READY_TIMEOUT), config);
        });
    }

    static String config(List<String> targets, String metricsPath) {
        StringBuilder sb = new StringBuilder()
                .append("# written by dev.obskit.it.peers.PrometheusPeer\n")
                .append("global:\n")
                .append("  scrape_interval: 1s\n")
                .append("  scrape_timeout: 1s\n")
                .append("  evaluation_interval: 1s\n")
                .append("scrape_configs:\n")
                .append("  - job_name: obskit-it\n")
                .append("    metrics_path: '").append(metricsPath).append("'\n")
                .append("    static_configs:\n")
                .append("      - targets: [");
        for (int i = 0; i < targets.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append('\'').append(targets.get(i)).append('\'');
        }
        return sb.append("]\n").toString();
    }

    public Path configFile() {
        return configFile;
    }

    /** Raw JSON of {@code GET /api/v1/query?query=promql} (an instant query). */
    public String query(String promql) {
        HttpResponse<String> r = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("prometheus query '" + promql + "' answered HTTP " + r.statusCode()
                    + ": " + r.body());
        }
        return r.body();
    }

    /** {@code true} when a query's JSON has status success and a non-empty result. */
    public static boolean hasResult(String queryJson) {
        return queryJson.contains("\"status\":\"success\"") && NON_EMPTY_RESULT.matcher(queryJson).find();
    }

    /** Re-runs {@code promql} until its result is non-empty; returns that JSON, or throws {@link AssertionError}. */
    public String awaitNonEmpty(String promql, Duration timeout) {
        return await("a non-empty result for '" + promql + "'", () -> query(promql), PrometheusPeer::hasResult, timeout);
    }

    /** Raw JSON of {@code GET /api/v1/targets} (scrape health, last error), handy in failure messages. */
    public String targets() {
        return get("/api/v1/targets").body();
    }
}
