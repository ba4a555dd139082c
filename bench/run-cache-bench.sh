#!/usr/bin/env bash
# Cache Storage benchmarks, sw4j beside Deno in the same run (issue 4):
#   1. put / match+arrayBuffer / delete, sequential awaits, for 2,000 x 1 KiB and 200 x 256 KiB,
#      ops/s for sw4j (JIT on, `sw4j exec --data`, the SQLite store) and Deno's built-in caches
#      (SQLite-backed, persistent), the same script (bench/cache/cache-bench.js) in both.
#      Goals: put >= 3x Deno, match >= 5x Deno, delete >= 1x Deno.
#   2. sw4j's match latency in one cache of 1,000 and of 1,000,000 entries of 1 KiB (goal: within 2x).
#
# Usage: bench/run-cache-bench.sh [--warmup N] [--skip-build] [--big N] [--skip-latency]
# Needs: Deno is installed from npm into bench/target/peers when missing (needs npm).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
bench="$root/bench"
out="$bench/target/cache-bench"
warmup=40 build=1 big=1000000 latency=1
while [ $# -gt 0 ]; do
  case "$1" in
    --warmup) warmup=$2; shift ;;
    --skip-build) build=0 ;;
    --big) big=$2; shift ;;
    --skip-latency) latency=0 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-cache-bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
die() { printf 'run-cache-bench: %s\n' "$*" >&2; exit 1; }
say() { printf '\n== %s\n' "$*" >&2; }
rm -rf "$out"
mkdir -p "$out"

# shellcheck source=bench/lib.sh
. "$bench/lib.sh"
bench_require_jdk25

bench_find_deno
deno_version=$("$deno" --version | head -1)

bench_build_launcher "$build"
printf 'run-cache-bench: %s, %s CPUs, load average %s; %s; data on %s\n' "$(date '+%F %T')" "$(nproc)" \
  "$(cut -d' ' -f1-3 /proc/loadavg)" "$deno_version" "$(df -h "$out" | awk 'NR==2 {print $1}')" >&2


config="{\"base\":\"http://localhost/bench/\",\"warmupSeconds\":$warmup,\"sets\":[[2000,1024],[200,262144]]}"
configure "$bench/cache/cache-bench.js" "$config" "$out/cache-bench.js"
run_peer sw4j "$root/bin/sw4j" exec --data "$out/sw4j-data" --quota 4G --time-limit 3600 "$out/cache-bench.js"
# Deno keeps its caches under DENO_DIR; a fresh one so both start empty.
DENO_DIR="$out/deno-dir" run_peer deno "$deno" run "$out/cache-bench.js"

printf '\n%-24s %12s %12s   %s\n' measure sw4j deno 'sw4j / deno (goal)'
for set in 2000x1KiB 200x256KiB; do
  for op in put match delete; do
    m="${op}_$set"
    s=$(value sw4j "$m") d=$(value deno "$m")
    goal=1; [ "$op" = put ] && goal=3; [ "$op" = match ] && goal=5
    awk -v m="$m" -v s="$s" -v d="$d" -v g="$goal" 'BEGIN {
      r = s / d; printf "%-24s %12d %12d   %.2fx (goal >= %dx%s)\n", m, s, d, r, g, (r >= g ? ", met" : "") }'
  done
done

if [ "$latency" = 1 ]; then
  # Lookup cost against the cache's size: entries with 1 KiB bodies, which the store keeps in its
  # database beside their rows (so a bigger database is also where the body is read from), filled
  # through the store directly.
  for n in 1000 "$big"; do
    data="$out/latency-$n"
    say "filling a cache of $n entries"
    "$JAVA_HOME/bin/java" -cp "$root/cli/target/app/lib/*" "$bench/cache/CacheFill.java" \
      "$data" http://localhost big "$n" 1024 >&2 || die "filling $n entries failed"
    configure "$bench/cache/latency.js" \
      "{\"base\":\"http://localhost/bench/\",\"name\":\"big\",\"entries\":$n,\"samples\":5000,\"warmup\":20000}" \
      "$out/latency-$n.js"
    run_peer "latency-$n" "$root/bin/sw4j" exec --data "$data" --time-limit 3600 "$out/latency-$n.js"
  done
  small=$(value latency-1000 match_latency_1000_p50) large=$(value "latency-$big" "match_latency_${big}_p50")
  awk -v s="$small" -v l="$large" -v n="$big" 'BEGIN {
    r = l / s; printf "\nmatch p50 at 1000 entries: %d us; at %d entries: %d us; ratio %.2f (goal <= 2%s)\n", s, n, l, r, (r <= 2 ? ", met" : "") }'
fi
