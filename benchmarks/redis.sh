#!/usr/bin/env bash
# The Redis benchmark, alternating: green-hub on Redis against raw Lettuce (the floor) and
# Redisson, both benchmarks of RedisBenchmark (acquireRelease, putTake), as round trips (average
# time, one thread) and as throughput (several threads). Each round runs the three clients one
# after the other, each as its own short JMH run (-p client=X) on its own redis-server, and the
# rounds rotate which client goes first, so that a machine that drifts (heat, a neighbour) drifts
# under all three alike. It prints, and writes to benchmarks/jmh/target/redis-results.md, a table:
# per client, benchmark and mode the median of the rounds' scores and their spread (min-max), and
# the ratios green/lettuce and green/redisson of the medians. The target (DESIGN.md): green within
# 1.2x of lettuce and ahead of redisson, in both modes.
#
#   benchmarks/redis.sh
#       builds benchmarks/jmh (package, not install), then 3 rounds x 3 clients x 2 modes: 18 JMH
#       runs of both benchmarks, each 4 warm-up and 3 measured iterations of 5 s: about 23 minutes
#       on a quiet machine, plus a minute of build. The warm-up is 20 s because every client
#       reaches its steady throughput only after about 10 s of load (JMH's log shows each
#       iteration: the first 5 s runs at about half the speed of the later ones), so shorter
#       warm-ups compare JIT warm-up rather than steady state.
#   benchmarks/redis.sh --rounds 5 --iterations "-wi 6 -w 5s -i 5 -r 5s" --threads 8
#       more rounds, longer iterations, more threads for throughput.
#   benchmarks/redis.sh --counts
#       also counts (RedisCounts, after the table) Redis commands, allocated bytes and context
#       switches per operation of each client, on one thread and on the throughput's threads (what a
#       command costs Redis depends on how many entries a stream holds at once): counts that hold on
#       a busy machine, where timings do not.
#   benchmarks/redis.sh --quick
#       1 round of 1 warm-up and 1 measured iteration of 1 s, 2 threads: a check that it all runs
#       (about 2 minutes), not a measurement.
#
# Other options: --no-build (use the last build), --table-only (no build and no runs: the table
# again from the last runs' CSVs in benchmarks/jmh/target/redis-runs), --out FILE (instead of
# benchmarks/jmh/target/redis-results.md). Needs a JDK 25 (JAVA25_HOME, else /usr/lib/jvm/*25*)
# and redis-server on the PATH (installed with apt-get when run as root without it).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

rounds=3
iterations="-wi 4 -w 5s -i 3 -r 5s"
threads=4
build=true
counts=false
run=true
out="$root/benchmarks/jmh/target/redis-results.md"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="$2"; shift ;;
    --iterations) iterations="$2"; shift ;;
    --threads) threads="$2"; shift ;;
    --no-build) build=false ;;
    --table-only) build=false; run=false ;;
    --counts) counts=true ;;
    --quick) rounds=1; iterations="-wi 1 -w 1s -i 1 -r 1s"; threads=2 ;;
    --out) out="$2"; shift ;;
    *) echo "Unknown option: $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift
done

java="${JAVA25_HOME:-}"
if [[ -z "$java" ]]; then
  java=$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1 || true)
fi
if [[ -z "$java" || ! -x "$java/bin/java" ]]; then
  echo "The Redis benchmark needs a JDK 25: set JAVA25_HOME to one." >&2
  exit 2
fi
if ! command -v redis-server >/dev/null; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    apt-get install -y redis-server >/dev/null || { apt-get update >/dev/null && apt-get install -y redis-server >/dev/null; }
  else
    echo "The Redis benchmark starts its own redis-server: install it (apt-get install redis-server)." >&2
    exit 2
  fi
fi

jmh="$root/benchmarks/jmh"
if $build; then
  ./mvnw -B -q -ntp -pl benchmarks/jmh -am package -DskipTests
fi
cp="$jmh/target/classes:$(cat "$jmh/target/classpath.txt")"
work="$jmh/target/redis-runs"
if $run; then
  rm -rf "$work"
fi
mkdir -p "$work" "$(dirname "$out")"

clients=(green lettuce redisson)
# mode name, JMH's mode, threads, time unit
modes=("round-trip avgt 1 us" "throughput thrpt $threads s")
started=$(date +%s)
$run || rounds=0 # the loop below runs nothing; the table reads the CSVs there are
for ((round = 0; round < rounds; round++)); do
  for ((i = 0; i < ${#clients[@]}; i++)); do
    client=${clients[$(((i + round) % ${#clients[@]}))]}
    for mode in "${modes[@]}"; do
      read -r name bm t tu <<<"$mode"
      csv="$work/$round-$client-$name.csv"
      echo "round $((round + 1))/$rounds: $client, $name ($bm, $t thread(s))" >&2
      # shellcheck disable=SC2086 # the iterations are several JMH arguments
      "$java/bin/java" -Duser.language=en -Duser.country=US --add-opens=java.base/java.lang=ALL-UNNAMED --enable-native-access=ALL-UNNAMED -cp "$cp" \
        org.openjdk.jmh.Main RedisBenchmark -f 1 $iterations -p client="$client" \
        -bm "$bm" -t "$t" -tu "$tu" -rf csv -rff "$csv" >"$work/$round-$client-$name.log" 2>&1 \
        || { echo "JMH failed; see $work/$round-$client-$name.log" >&2; tail -20 "$work/$round-$client-$name.log" >&2; exit 1; }
    done
  done
done
elapsed=$(($(date +%s) - started))
$run || rounds=$(find "$work" -name '*-green-round-trip.csv' | wc -l)

# JMH's CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: client"
{
  echo "# Redis benchmark: green-hub against raw Lettuce and Redisson"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, $("$java/bin/java" -version 2>&1 | head -1), $(redis-server --version | cut -d' ' -f1-3)."
  if $run; then
    echo "Command: \`benchmarks/redis.sh --rounds $rounds --iterations \"$iterations\" --threads $threads\`"
  else
    echo "Redrawn (--table-only) from the CSVs of an earlier run: its command is not known here"
  fi
  echo "($rounds rounds, clients rotated, $elapsed s of runs). Round trip: average time of one operation on one thread"
  echo "(lower is better); throughput: operations per second of $threads threads (higher is better)."
  echo "Ratios are of the medians: green/lettuce within 1.2x (round trip <= 1.2, throughput >= 0.83) and"
  echo "green/redisson ahead (round trip < 1, throughput > 1) meet the target."
  echo
  awk -F, -v rounds="$rounds" '
    function unq(s) { gsub(/["\r]/, "", s); return s }
    FNR == 1 { next }
    {
      bench = unq($1); sub(/.*\./, "", bench)
      mode = (unq($2) == "avgt") ? "round trip" : "throughput"
      unit = unq($7); client = unq($8)
      key = bench SUBSEP mode
      n = ++count[key, client]; score[key, client, n] = unq($5) + 0
      units[key] = unit; keys[key] = 1
    }
    function median(key, client,    n, i, j, t, a) {
      n = count[key, client]
      for (i = 1; i <= n; i++) a[i] = score[key, client, i]
      for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
      lo[key, client] = a[1]; hi[key, client] = a[n]
      return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    function fmt(x) { return (x >= 100) ? sprintf("%.0f", x) : (x >= 10) ? sprintf("%.1f", x) : sprintf("%.2f", x) }
    END {
      print "| benchmark | mode | unit | green | lettuce | redisson | green/lettuce | green/redisson |"
      print "|---|---|---|---|---|---|---|---|"
      nk = 0
      for (key in keys) sorted[++nk] = key
      for (i = 2; i <= nk; i++) { t = sorted[i]; for (j = i - 1; j >= 1 && sorted[j] > t; j--) sorted[j + 1] = sorted[j]; sorted[j + 1] = t }
      for (k = 1; k <= nk; k++) {
        key = sorted[k]; split(key, part, SUBSEP)
        line = "| " part[1] " | " part[2] " | " units[key]
        for (c = 1; c <= 3; c++) {
          client = (c == 1) ? "green" : (c == 2) ? "lettuce" : "redisson"
          if (count[key, client] == 0) { line = line " | -"; m[client] = 0; continue }
          m[client] = median(key, client)
          line = line " | " fmt(m[client]) " (" fmt(lo[key, client]) "-" fmt(hi[key, client]) ")"
        }
        line = line " | " ((m["lettuce"] > 0) ? sprintf("%.2f", m["green"] / m["lettuce"]) : "-")
        line = line " | " ((m["redisson"] > 0) ? sprintf("%.2f", m["green"] / m["redisson"]) : "-") " |"
        print line
      }
      print ""
      print "Each cell: the median of the " rounds " rounds (min-max)."
    }' "$work"/*.csv
} >"$out"

if $counts; then
  counted=(1)
  [[ "$threads" != 1 ]] && counted+=("$threads")
  for t in "${counted[@]}"; do
    {
      echo
      echo "## Counts per operation (RedisCounts, $t thread(s))"
      echo
      echo '```'
      "$java/bin/java" -Duser.language=en -Duser.country=US --add-opens=java.base/java.lang=ALL-UNNAMED --enable-native-access=ALL-UNNAMED -cp "$cp" \
        io.greenhub.benchmarks.RedisCounts 20000 green,lettuce,redisson "$t" 2>/dev/null | grep -E '^(green|lettuce|redisson) '
      echo '```'
    } >>"$out"
  done
fi

cat "$out"
echo >&2
echo "Written to $out (JMH's logs and CSVs in $work)." >&2
