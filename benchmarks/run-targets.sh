#!/usr/bin/env bash
# Verdicts on the target pairs from interleaved rounds (see TargetRounds): each round runs one
# fork of the facade benchmark and one of its raw counterpart back to back, alternating which goes
# first, and the verdict is the median of the per-round ratios. Renders
# benchmarks/results/targets-latest.md (also printed) and targets-latest.json, replacing the previous
# results (history lives in git).
# About 12 minutes on 2 cores with the defaults (4 rounds, 3 x 1 s measured per fork).
#
#   benchmarks/run-targets.sh                                # every target pair
#   benchmarks/run-targets.sh --only 'span' --rounds 6       # pairs whose label matches, more rounds
#
# Environment: OBSKIT_TARGET=target-x uses another build directory; SKIP_BUILD=1 reuses the jar.
set -euo pipefail

source "$(dirname "$0")/build-jar.sh"

load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
started="$(date -u +%Y-%m-%dT%H:%MZ)"
rc=0
# The defaults come first, so that the caller's --rounds/--iterations (read later) win.
java -cp "$jar" dev.obskit.benchmarks.report.TargetRounds --rounds 4 --iterations 3 "$@" \
  --json "$results/targets-latest.json" --md "$results/targets-latest.md" \
  --note "run started $started; arguments: --rounds 4 --iterations 3 $*; warm-up as each benchmark class says (4 x 1 s, 15 x 1 s for the Sentry pairs)" \
  --note "machine: $(nproc 2>/dev/null || echo '?') cores, $(java -version 2>&1 | head -1)" \
  --note "load average (1/5/15 min) before: $load_before" || rc=$?
# 3: a fork failed; the rounds completed before it were written (the table says where it
# stopped) and are kept, but the script still fails. Any other failure wrote nothing.
if (( rc != 0 && rc != 3 )); then
  exit "$rc"
fi
load_after="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
printf '\nLoad average (1/5/15 min) after the run: %s\n' "$load_after" >> "$results/targets-latest.md"

echo "results: $results/targets-latest.md"
exit "$rc"
