#!/usr/bin/env bash
# An A/B of RedisBenchmark's throughput between builds: peers given as label:dir:client run one
# after the other in rounds that rotate which goes first, each a JMH run of both benchmarks
# (acquireRelease, putTake) in throughput mode. dir is a checkout whose benchmarks/jmh is built
# (./mvnw -q -B package -pl benchmarks/jmh -am -DskipTests, and its classpath written by
# benchmarks/redis.sh or by dependency:build-classpath -Dmdep.outputFile=target/classpath.txt);
# client is green, lettuce or redisson. It prints, per benchmark, each peer's median of the
# rounds (and every round's figure) and the ratio of each peer's median to the last peer's.
#
#   git worktree add ../before HEAD~1 && (cd ../before && ./mvnw -q -B package -pl benchmarks/jmh -am -DskipTests)
#   benchmarks/redis-ab.sh 4 this:.:green before:../before:green lettuce:.:lettuce
#       this commit against the one before, and both against the floor: about 15 minutes.
#
# Options (before the peers): --threads N (4), --iterations "JMH options" ("-wi 4 -w 5s -i 3 -r 5s",
# benchmarks/redis.sh's: warmed to steady state, as its header says).
# Needs a JDK 25 (JAVA25_HOME, else /usr/lib/jvm/*25*) and redis-server on the PATH. Run it alone
# on the machine: a build or a test beside it moves the figures more than most changes do.
set -euo pipefail
threads=4
iterations="-wi 4 -w 5s -i 3 -r 5s"
while [[ $# -gt 0 && "$1" == --* ]]; do
  case "$1" in
    --threads) threads="$2"; shift ;;
    --iterations) iterations="$2"; shift ;;
    *) echo "Unknown option: $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift
done
if [[ $# -lt 2 ]]; then
  echo "Usage: $0 [--threads N] [--iterations OPTS] ROUNDS label:dir:client ... (see the header)" >&2
  exit 2
fi
rounds="$1"; shift
peers=("$@")
java="${JAVA25_HOME:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1 || true)}"
if [[ -z "$java" || ! -x "$java/bin/java" ]]; then
  echo "The Redis A/B needs a JDK 25: set JAVA25_HOME to one." >&2
  exit 1
fi
out=$(mktemp -d "${TMPDIR:-/tmp}/redis-ab.XXXXXX")
for ((r = 0; r < rounds; r++)); do
  for ((k = 0; k < ${#peers[@]}; k++)); do
    IFS=: read -r label dir client <<<"${peers[$(( (k + r) % ${#peers[@]} ))]}"
    classpath="$dir/benchmarks/jmh/target/classes:$(cat "$dir/benchmarks/jmh/target/classpath.txt")"
    # shellcheck disable=SC2086 # the JMH options are words
    (cd "$dir" && "$java/bin/java" -cp "$classpath" org.openjdk.jmh.Main RedisBenchmark -p client="$client" \
      -bm thrpt -t "$threads" -f 1 $iterations -rf csv -rff "$out/$label-$r.csv" > "$out/$label-$r.log" 2>&1)
  done
  echo "round $((r + 1))/$rounds done $(date -u +%H:%M:%S) UTC"
done
python3 - "$out" "${peers[@]}" <<'PY'
import collections, csv, glob, os, statistics, sys
out, labels = sys.argv[1], [peer.split(':')[0] for peer in sys.argv[2:]]
scores = collections.defaultdict(list)
for label in labels:
    for path in sorted(glob.glob(os.path.join(out, label + '-*.csv'))):
        for row in csv.DictReader(open(path)):
            scores[(row['Benchmark'].rsplit('.', 1)[-1], label)].append(float(row['Score']) * 1e6)
for benchmark in ('acquireRelease', 'putTake'):
    medians = {label: statistics.median(scores[(benchmark, label)]) for label in labels}
    cells = ' '.join('%s %.0f (%s)' % (label, medians[label], '/'.join('%.0f' % s for s in scores[(benchmark, label)]))
                     for label in labels)
    ratios = ' '.join('%s/%s %.2f' % (label, labels[-1], medians[label] / medians[labels[-1]]) for label in labels[:-1])
    print('%s ops/s: %s | %s' % (benchmark, cells, ratios))
PY
echo "JMH's logs and CSVs: $out"
