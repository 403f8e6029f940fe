#!/usr/bin/env bash
# The load benchmark: builds every module, then runs benchmarks/harness against every peer and
# writes docs/performance/results.md, results.csv and the PNG charts.
#   benchmarks/load.sh           full run, 2 rounds: about 20 minutes (1,152 s measured), plus the build (1-2 minutes)
#   benchmarks/load.sh --quick   1 round, short measurements: about 4 minutes, plus the build
# Other options: --peers B1,G-loop  --note "text for the report"  --no-build
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

build=true
args=()
for arg in "$@"; do
  if [[ "$arg" == "--no-build" ]]; then build=false; else args+=("$arg"); fi
done

if $build; then
  # package, not install: the peers and the harness use this build's own jars, never ~/.m2's
  ./mvnw -B -q clean package -DskipTests
fi

java="${JAVA25_HOME:-}"
if [[ -z "$java" ]]; then
  java=$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1 || true)
fi
if [[ -z "$java" || ! -x "$java/bin/java" ]]; then
  echo "The load benchmark needs a JDK 25: set JAVA25_HOME to one." >&2
  exit 2
fi

# 5,000 connections need as many descriptors in the harness, the peer and the downstream server.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

harness="$root/benchmarks/harness"
cp="$harness/target/classes:$(cat "$harness/target/classpath.txt")"
pin=()
if command -v taskset >/dev/null && [[ $(nproc --all) -ge 2 ]]; then
  pin=(taskset -c 0)
fi
exec "${pin[@]}" "$java/bin/java" --enable-native-access=ALL-UNNAMED -Xms512m -Xmx1g -cp "$cp" io.greenhub.benchmarks.load.Harness --root "$root" "${args[@]}"
