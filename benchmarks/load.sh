#!/usr/bin/env bash
# The load benchmark: builds every module, then runs benchmarks/harness against every peer and
# writes docs/performance/results.md, results.csv, warmup.csv, profiles.md and the PNG charts.
#
#   benchmarks/load.sh
#       the full run: B1, B1+starter, B0, B2, B3, G-loop, G-pool, each warmed until steady
#       (3 consecutive 5 s windows within 3%, at most 120 s), 3 rotated rounds of S1/S3/S4 (6 s
#       each), then S1 latency, S2, S6 and S5 once per peer, CPU profiles of G-loop and B2.
#       About 25 minutes on two cores with the seven peers, plus 2-3 minutes of build: 27-28 in all;
#       each --variant adds about 3 minutes (one variant: about 30 minutes in all, 35 at most if
#       every green peer needs the whole warm-up cap).
#   benchmarks/load.sh --quick
#       2 s windows, 12 s warm-up cap, 2 rounds of 2 s, no profiles: about 6 minutes plus the build
#       on a quiet machine (13 minutes for six peers on one shared by several builds).
#   benchmarks/load.sh --compare <commit> [--scenarios S1,S4] [--rounds 5]
#       G-loop of this working tree against G-loop built from <commit> (in a temporary git worktree
#       under /tmp), alternating, 3 rounds of S1 by default; writes
#       benchmarks/harness/target/compare-G-loop_<sha>/results.md: 3 to 6 minutes plus two builds.
#
# Other options (see Options.java): --peers B1,G-loop  --scenarios S1,S1-latency,S2,S3,S4,S5,S6
#   --variant NAME[:BASE]=OPTIONS (e.g. --variant G-loop-nosteal=-Dgreen.hub.work-stealing.enabled=false)
#   --jvm NAME=OPTIONS (e.g. --jvm G-loop=-Dgreen.hub.hubs=2)  --rounds N  --window 5s
#   --steady-windows 3  --tolerance 0.03  --warm-up-cap 120s  --measure 8s  --profile / --no-profile
#   --note "text for the report"  --out DIR  --no-build
#   --peer-cpus 0,1: the peers on these CPUs instead of CPU 1 (every CPU: peers share them with wrk;
#       the two-hubs-on-two-cores run of docs/performance.md uses it)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

build=true
compare=""
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) build=false ;;
    --compare)
      [[ $# -ge 2 ]] || { echo "--compare takes a commit" >&2; exit 2; }
      compare="$2"; shift ;;
    *) args+=("$1") ;;
  esac
  shift
done

if $build; then
  # package, not install: the peers and the harness use this build's own jars, never ~/.m2's
  ./mvnw -B -q clean package -DskipTests
fi

if [[ -n "$compare" ]]; then
  sha=$(git rev-parse --short=7 "$compare^{commit}")
  other="/tmp/green-hub-compare-$sha"
  jar="$other/benchmarks/peer-green/target/benchmarks-peer-green.jar"
  cleanup() {
    # the other build's worktree goes, its jar with it, whatever happens (Ctrl-C included)
    git worktree remove --force "$other" 2>/dev/null || rm -rf "$other"
    git worktree prune
  }
  trap cleanup EXIT
  rm -rf "$other"
  git worktree prune
  git worktree add --detach "$other" "$sha" >/dev/null
  # only G-loop's peer and what it needs; package, not install, as above
  (cd "$other" && ./mvnw -B -q package -DskipTests -pl benchmarks/peer-green -am)
  args+=(--compare-jar "$jar" --compare-name "G-loop@$sha")
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
# with --peer-cpus the peers get those CPUs (all of them for the two-cores runs) and the harness is not pinned
if command -v taskset >/dev/null && [[ $(nproc --all) -ge 2 ]] && [[ " ${args[*]:-} " != *" --peer-cpus "* ]]; then
  pin=(taskset -c 0)
fi
"${pin[@]}" "$java/bin/java" --enable-native-access=ALL-UNNAMED -Xms512m -Xmx1g -cp "$cp" io.greenhub.benchmarks.load.Harness --root "$root" "${args[@]}"
