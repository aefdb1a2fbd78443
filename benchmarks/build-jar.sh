# Sourced by run-quick.sh and run-targets.sh: moves to the repository root, sets $target,
# $results and $jar, and builds the benchmarks jar unless SKIP_BUILD=1.
# Environment: OBSKIT_TARGET=target-x uses another build directory (parallel builds);
# SKIP_BUILD=1 reuses the jar already built.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
target="${OBSKIT_TARGET:-target}"
results="benchmarks/results"
jar="benchmarks/$target/benchmarks.jar"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -q -Dobskit.target="$target" -pl benchmarks -am package -DskipTests
fi
mkdir -p "$results"
