package dev.obskit.it.peers;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Shared, JUnit-agnostic helpers for the real peers (Prometheus, Zipkin, Spotlight). */
public final class Peers {

    /** The script that installs every peer. */
    public static final String INSTALL_SCRIPT = "it/peers/install.sh";

    /** Environment variables a peer process inherits; everything else is dropped. */
    private static final Set<String> INHERITED_ENV = Set.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR");

    private Peers() {
    }

    /** {@code true} when the environment variable {@code CI} is {@code true}. */
    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The message used when a peer is missing; names the install script. */
    public static String notInstalledMessage(String what) {
        return what + " is not installed on this machine: run " + INSTALL_SCRIPT
                + " (see it/peers/README.md)";
    }

    /**
     * Decides what a test does when a peer is missing, without depending on JUnit.
     *
     * @return {@code true} when installed; {@code false} when missing outside CI (the caller
     *         should skip, e.g. with an assumption, using {@link #notInstalledMessage(String)})
     * @throws IllegalStateException when missing and {@code CI=true}: CI must never skip a peer
     */
    public static boolean assumeInstalledOrFail(String what, boolean installed) {
        if (installed) {
            return true;
        }
        if (isCi()) {
            throw new IllegalStateException(notInstalledMessage(what) + " [CI=true: failing instead of skipping]");
        }
        return false;
    }

    /**
     * The repository root: system property {@code obskit.repo.root} if set, else the first
     * directory, walking up from the working directory, that contains {@code it/peers}.
     */
    public static Optional<Path> repoRoot() {
        String override = System.getProperty("obskit.repo.root");
        if (override != null && !override.isBlank()) {
            return Optional.of(Paths.get(override).toAbsolutePath().normalize());
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("it").resolve("peers"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** {@code <repo>/it/peers}; throws when the repository root cannot be found. */
    public static Path peersDir() {
        return repoRoot().map(r -> r.resolve("it").resolve("peers")).orElseThrow(() -> new IllegalStateException(
                "cannot find it/peers above " + Paths.get("").toAbsolutePath()
                        + " (set -Dobskit.repo.root=<repository root>)"));
    }

    /**
     * Where peer logs ({@code logs/}) and work directories go: system property
     * {@code obskit.peers.dir} if set (e.g. {@code ${project.build.directory}/peers} from failsafe),
     * else {@code <repo>/it/<obskit.target or "target">/peers}, else {@code ./target/peers}.
     */
    public static Path targetDir() {
        String override = System.getProperty("obskit.peers.dir");
        if (override != null && !override.isBlank()) {
            return Paths.get(override).toAbsolutePath();
        }
        String buildDir = System.getProperty("obskit.target", "target");
        Path base = repoRoot().map(r -> r.resolve("it").resolve(buildDir))
                .orElse(Paths.get(buildDir).toAbsolutePath());
        return base.resolve("peers");
    }

    /** Finds an executable on {@code PATH}. */
    public static Optional<Path> onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Paths.get(dir, executable);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The local Maven repository: {@code -Dmaven.repo.local}, {@code $MAVEN_REPO_LOCAL}, else {@code ~/.m2/repository}. */
    public static Path mavenRepository() {
        String prop = System.getProperty("maven.repo.local");
        if (prop != null && !prop.isBlank()) {
            return Paths.get(prop);
        }
        String env = System.getenv("MAVEN_REPO_LOCAL");
        if (env != null && !env.isBlank()) {
            return Paths.get(env);
        }
        return Paths.get(System.getProperty("user.home"), ".m2", "repository");
    }

    /** Replaces a peer's environment with a small allow-list (no SENTRY_*, JAVA_TOOL_OPTIONS, proxies...). */
    static void scrubEnvironment(Map<String, String> env) {
        env.keySet().retainAll(INHERITED_ENV);
    }
}
