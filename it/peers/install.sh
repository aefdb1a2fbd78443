#!/usr/bin/env bash
# Installs the three real peers used by the integration tests (see it/peers/README.md):
#   - Prometheus (Debian package), with its packaged daemon stopped and disabled
#   - Spotlight (npm, exact pins from it/peers/spotlight/package.json / package-lock.json)
#   - Zipkin server exec jar (Maven Central, into the local Maven repository)
# Idempotent; safe to re-run. Meant to run as root on a Debian machine (CI: .ci/run).
set -euo pipefail

PEERS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ZIPKIN_ARTIFACT="io.zipkin:zipkin-server:3.6.1:jar:exec"

log()  { printf '[peers/install +%ss] %s\n' "$SECONDS" "$*"; }
fail() { printf '[peers/install] ERROR: %s\n' "$*" >&2; exit 1; }
trap 'rc=$?; [ $rc -ne 0 ] && printf "[peers/install] FAILED (exit %s) at line %s: %s\n" "$rc" "$LINENO" "$BASH_COMMAND" >&2' ERR

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 && SUDO="sudo" || fail "not root and no sudo: cannot apt-get install prometheus"
fi

# ---------------------------------------------------------------- Prometheus
stop_packaged_prometheus() {
  # The Debian package ships an init script + systemd unit that run
  # "prometheus" as user 'prometheus' on 0.0.0.0:9090. Tests start their own
  # instance on 127.0.0.1, so the packaged service must never run.
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    $SUDO systemctl stop prometheus.service >/dev/null 2>&1 || true
    $SUDO systemctl disable prometheus.service >/dev/null 2>&1 || true
    $SUDO systemctl mask prometheus.service >/dev/null 2>&1 || true
    log "systemd: prometheus.service stopped, disabled and masked"
  fi
  if [ -x /etc/init.d/prometheus ]; then
    $SUDO /etc/init.d/prometheus stop >/dev/null 2>&1 || true
    command -v update-rc.d >/dev/null 2>&1 && { $SUDO update-rc.d prometheus disable >/dev/null 2>&1 || true; }
    log "sysv: /etc/init.d/prometheus stopped and disabled"
  fi
  # Any daemon the package started runs as the 'prometheus' system user.
  local pids
  pids="$(pgrep -u prometheus -x prometheus 2>/dev/null || true)"
  if [ -n "$pids" ]; then
    log "killing packaged prometheus daemon(s): $pids"
    # shellcheck disable=SC2086
    $SUDO kill $pids 2>/dev/null || true
    for _ in $(seq 1 50); do
      pgrep -u prometheus -x prometheus >/dev/null 2>&1 || break
      sleep 0.1   # bounded poll (max 5 s) for the daemon to exit
    done
    # shellcheck disable=SC2086
    pgrep -u prometheus -x prometheus >/dev/null 2>&1 && { $SUDO kill -9 $pids 2>/dev/null || true; }
  fi
  if pgrep -u prometheus -x prometheus >/dev/null 2>&1; then
    fail "a packaged prometheus daemon is still running (would listen on 0.0.0.0:9090)"
  fi
}

if command -v prometheus >/dev/null 2>&1 && dpkg -s prometheus >/dev/null 2>&1; then
  log "prometheus already installed: $(prometheus --version 2>&1 | head -n1)"
else
  command -v apt-get >/dev/null 2>&1 || fail "apt-get not found: install Prometheus 2.x by hand (binary 'prometheus' on PATH)"
  # Keep the package from starting its daemon during installation: if no
  # policy-rc.d exists, install a temporary one that denies every start.
  TMP_POLICY=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    TMP_POLICY=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\n# temporary, written by it/peers/install.sh\nexit 101\n' | $SUDO tee "$TMP_POLICY" >/dev/null
    $SUDO chmod 755 "$TMP_POLICY"
    log "installed temporary /usr/sbin/policy-rc.d (deny service starts)"
  fi
  cleanup_policy() { [ -n "${TMP_POLICY:-}" ] && $SUDO rm -f "$TMP_POLICY" && log "removed temporary policy-rc.d"; TMP_POLICY=""; }
  trap cleanup_policy EXIT
  log "apt-get update"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null || fail "apt-get update failed"
  log "apt-get install -y --no-install-recommends prometheus"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus >/dev/null \
    || fail "apt-get install prometheus failed"
  cleanup_policy
  trap - EXIT
  log "installed: $(prometheus --version 2>&1 | head -n1)"
fi
stop_packaged_prometheus
if dpkg -s prometheus-node-exporter >/dev/null 2>&1; then
  log "WARNING: prometheus-node-exporter is installed (not by this script); it may listen on 0.0.0.0:9100"
fi

# ---------------------------------------------------------------- Spotlight
command -v node >/dev/null 2>&1 || fail "node not found (need Node.js >= 18 for Spotlight)"
command -v npm  >/dev/null 2>&1 || fail "npm not found"
if [ -f "$PEERS_DIR/spotlight/node_modules/@spotlightjs/spotlight/package.json" ] \
   && [ -f "$PEERS_DIR/spotlight/node_modules/hono/package.json" ] \
   && [ "$(node -p "require('$PEERS_DIR/spotlight/node_modules/@spotlightjs/spotlight/package.json').version")" = "4.11.8" ] \
   && [ "$(node -p "require('$PEERS_DIR/spotlight/node_modules/hono/package.json').version")" = "4.12.25" ]; then
  log "spotlight already installed (@spotlightjs/spotlight 4.11.8, hono 4.12.25)"
else
  # --ignore-scripts: nothing here needs a lifecycle script, and none may phone home.
  NPM_FLAGS=(--prefix "$PEERS_DIR/spotlight" --no-audit --no-fund --ignore-scripts --loglevel=error)
  if [ -f "$PEERS_DIR/spotlight/package-lock.json" ]; then
    log "npm ci in it/peers/spotlight (exact versions from package-lock.json)"
    npm ci "${NPM_FLAGS[@]}" || fail "npm ci of Spotlight failed (it/peers/spotlight/package-lock.json)"
  else
    log "npm install in it/peers/spotlight (@spotlightjs/spotlight@4.11.8, hono@4.12.25)"
    npm install "${NPM_FLAGS[@]}" --save-exact @spotlightjs/spotlight@4.11.8 hono@4.12.25 \
      || fail "npm install of Spotlight failed"
  fi
  log "spotlight installed"
fi

# ---------------------------------------------------------------- Zipkin
# The repository's Maven wrapper first: a fresh machine needs only a JDK (README); mvn otherwise.
REPO_ROOT="$(cd "$PEERS_DIR/../.." && pwd)"
if [ -x "$REPO_ROOT/mvnw" ]; then
  MVN=("$REPO_ROOT/mvnw" -N -f "$REPO_ROOT/pom.xml")
elif command -v mvn >/dev/null 2>&1; then
  MVN=(mvn)
else
  fail "neither ./mvnw nor mvn found (needed to fetch $ZIPKIN_ARTIFACT)"
fi
# Local repository: $MAVEN_REPO_LOCAL if set (passed as -Dmaven.repo.local), else ~/.m2/repository.
# The Java helpers (ZipkinPeer) look in the same places (system property maven.repo.local first).
M2_REPO="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"
MVN_REPO_ARG=()
[ -n "${MAVEN_REPO_LOCAL:-}" ] && MVN_REPO_ARG=(-Dmaven.repo.local="$MAVEN_REPO_LOCAL")
ZIPKIN_JAR="$M2_REPO/io/zipkin/zipkin-server/3.6.1/zipkin-server-3.6.1-exec.jar"
if [ -s "$ZIPKIN_JAR" ]; then
  log "zipkin already present: $ZIPKIN_JAR"
else
  log "mvn dependency:get $ZIPKIN_ARTIFACT (~135 MB)"
  "${MVN[@]}" -q -B -Dstyle.color=never "${MVN_REPO_ARG[@]}" dependency:get -Dartifact="$ZIPKIN_ARTIFACT" -Dtransitive=false \
    || fail "mvn dependency:get $ZIPKIN_ARTIFACT failed"
  [ -s "$ZIPKIN_JAR" ] || fail "zipkin jar not found at $ZIPKIN_JAR after dependency:get"
  log "zipkin fetched: $ZIPKIN_JAR"
fi

log "done: prometheus=$(command -v prometheus) spotlight=$PEERS_DIR/spotlight zipkin=$ZIPKIN_JAR"
