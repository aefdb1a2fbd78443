#!/usr/bin/env bash
# Quick profile of the facade against the raw SDKs: builds benchmarks/target/benchmarks.jar,
# runs every benchmark once in one JMH run (1 fork; warm-up and measurement as the benchmark
# classes say: 4x1s + 5x1s, 15x1s warm-up for the Sentry pairs; -prof gc and CPU time and
# allocation per op of the benchmark threads), and renders benchmarks/results/latest.md (also
# printed) from benchmarks/results/latest.json, replacing the previous results. About 6.5 minutes on
# 2 cores.
#
#   benchmarks/run-quick.sh                 # everything
#   benchmarks/run-quick.sh 'Counter|Span'  # extra arguments go to JMH (here: a name filter)
#
# Environment: OBSKIT_TARGET=target-x uses another build directory (parallel builds);
# SKIP_BUILD=1 reuses the jar already built.
set -euo pipefail

source "$(dirname "$0")/build-jar.sh"

load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
started="$(date -u +%Y-%m-%dT%H:%MZ)"
java -jar "$jar" -f 1 -prof gc -prof dev.obskit.benchmarks.profile.WorkerThreadProfiler \
  -rf json -rff "$results/latest.json" "$@"
load_after="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"

java -cp "$jar" dev.obskit.benchmarks.report.MarkdownReport "$results/latest.json" "$results/latest.md" \
  "run started $started; JMH: 1 fork, 4 x 1 s warm-up (15 x 1 s for the Sentry pairs), 5 x 1 s measurement, -prof gc, benchmark-thread CPU time and allocation per op" \
  "machine: $(nproc 2>/dev/null || echo '?') cores, $(java -version 2>&1 | head -1)" \
  "load average (1/5/15 min) before: $load_before, after: $load_after"

echo "results: $results/latest.md"
